import type { RequestHandler } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import { accountPath } from '../../connect/contactKey';
import type { Database } from '../../db/database';
import { editedFields } from '../../records/editedFields';
import { decodeShown } from '../../records/shownValues';
import { validateFields } from '../../records/validation';
import { setFlash } from '../../web/flash';
import { NotFoundError } from '../../web/httpErrors';
import { requestActor } from '../../web/signedInUser';
import { accountMapping } from '../accountTable';
import { NO_SUCH_ACCOUNT } from '../detail/accountHandler';
import { readAccount } from '../detail/accountRead';
import type { WriteHistoryView } from '../detail/accountView';
import { renderAccount } from '../detail/renderAccount';
import { accountConflictView } from './conflictView';
import { saveAccountEdit } from './saveAccountEdit';

/**
 * `POST /accounts/:key`: validates only the fields the user changed, then merges them into the
 * row as it is now; a field the user left alone is neither checked nor written.
 */
export function saveAccount(
  db: Database,
  audit: AuditLog,
  historyView: WriteHistoryView,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const mapping = accountMapping(res.locals.mapping);
    const { unreadableFields, ownerScope } = res.locals;
    const body = req.body as Record<string, unknown>;
    const shown = decodeShown(body.shown);
    const edited = editedFields(body, mapping.account.fields, shown, unreadableFields);
    const input = validateFields(body, edited, unreadableFields);
    if (!input.ok) {
      const read = await readAccount(db, mapping, req.params.key, ownerScope);
      if (!read) throw new NotFoundError(NO_SUCH_ACCOUNT);
      const submitted = { values: input.typed, errors: input.errors, shown };
      return renderAccount(req, res, db, mapping, read, historyView, { status: 422, submitted });
    }
    const actor = requestActor(req, res);
    const key = req.params.key;
    const outcome = await saveAccountEdit(
      audit,
      actor,
      mapping,
      key,
      ownerScope,
      shown,
      input.values,
    );
    switch (outcome.kind) {
      case 'not_found':
        throw new NotFoundError('This account was deleted, so your changes could not be saved.');
      case 'conflict': {
        const view = accountConflictView(outcome.current, outcome.plan, mapping.account.fields);
        return res.status(409).render('accounts/conflict', view);
      }
      case 'unchanged':
        setFlash(res, 'unchanged');
        return res.redirect(303, accountPath(key));
      case 'saved': {
        const kept = outcome.keptTheirs.map((field) => field.label);
        setFlash(res, kept.length > 0 ? 'merged' : 'saved', kept);
        return res.redirect(303, accountPath(key));
      }
    }
  };
}
