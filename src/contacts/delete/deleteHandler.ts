import type { RequestHandler } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import type { Database } from '../../db/database';
import { setFlash } from '../../web/flash';
import { NotFoundError } from '../../web/httpErrors';
import { requestActor } from '../../web/signedInUser';
import { requireContact } from '../contactRepository';
import { decodeShown } from '../../records/shownValues';
import { deleteIfUnchanged } from './deleteIfUnchanged';
import { deleteView } from './deleteView';

/** `/contacts/:key/delete`: asks before deleting, showing what would go. */
export function confirmDelete(db: Database): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping, ownerScope } = res.locals;
    const contact = await requireContact(db, mapping, req.params.key, ownerScope);
    res.render('contacts/delete', deleteView(contact, mapping.fields, null));
  };
}

/** Deletes the contact the page showed; if it changed since, shows the changes and asks again. */
export function destroyContact(audit: AuditLog): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping, ownerScope } = res.locals;
    const shown = decodeShown((req.body as Record<string, unknown>).shown);
    const actor = requestActor(req, res);
    const outcome = await deleteIfUnchanged(
      audit,
      actor,
      mapping,
      req.params.key,
      ownerScope,
      shown,
    );
    switch (outcome.kind) {
      case 'not_found':
        throw new NotFoundError('This contact was already deleted.');
      case 'changed':
        return res
          .status(409)
          .render('contacts/delete', deleteView(outcome.current, mapping.fields, outcome.changes));
      case 'deleted':
        setFlash(res, 'deleted');
        return res.redirect(303, '/contacts');
    }
  };
}
