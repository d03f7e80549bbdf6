import type { RequestHandler, Response } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import type { Database } from '../../db/database';
import { resolveAccount } from '../accountField';
import { accountFormOf } from '../accountFieldView';
import { setFlash } from '../../web/flash';
import { requestActor } from '../../web/signedInUser';
import { contactLinks } from '../contactLinks';
import { contactCreator } from './contactCreator';
import type { EditedBy } from '../editedBy';
import { newContactView, type NewContactForm } from './newContactView';
import {
  isSubmissionToken,
  newSubmissionToken,
  SUBMISSION_FIELD,
} from '../../records/submissionToken';
import { submissionClaimed } from '../../records/submissions';
import { validateFields } from '../../records/validation';
import { duplicateWarning } from '../duplicates/duplicateWarning';
import { probeOf } from '../duplicates/probe';

export function newContactForm(): RequestHandler {
  return (_req, res) => {
    const status = res.locals.mapping.hasExternalId ? 200 : 409;
    renderForm(res, status, { submissionToken: newSubmissionToken() });
  };
}

/**
 * Creating needs the External ID column: without it Connect could duplicate the record. The
 * form's token makes posting it again (a double click, a retry) lead to the contact it created.
 * A contact that likely exists already is not created until the user chooses Save anyway.
 */
export function createContact(db: Database, audit: AuditLog, editedBy: EditedBy): RequestHandler {
  const create = contactCreator(audit);
  return async (req, res) => {
    const { mapping, session, ownerScope } = res.locals;
    if (!mapping.hasExternalId) {
      return renderForm(res, 409, { submissionToken: newSubmissionToken() });
    }
    const body = req.body as Record<string, unknown>;
    const token = body[SUBMISSION_FIELD];
    const input = validateFields(body, mapping.fields, res.locals.unreadableFields);
    const account = mapping.accountLinks
      ? await resolveAccount(db, mapping, body, ownerScope)
      : ({ kind: 'none' } as const);
    const accountForm = accountFormOf(body, account);
    // Nothing can tell whether a form without a token was sent before, so it is not created.
    if (!isSubmissionToken(token)) {
      return renderForm(res, 422, {
        values: input.typed,
        errors: input.ok ? {} : input.errors,
        submissionToken: newSubmissionToken(),
        expired: true,
        account: accountForm,
      });
    }
    // Nothing was created, so the corrected form is still the same one.
    if (!input.ok || account.kind === 'choose') {
      return renderForm(res, 422, {
        values: input.typed,
        errors: input.ok ? {} : input.errors,
        submissionToken: token,
        account: accountForm,
      });
    }
    const submission = { sid: session.sid, token, expiresAt: session.expiresAt };
    const duplicates =
      !(await submissionClaimed(db, submission)) &&
      (await duplicateWarning(db, mapping, probeOf(input.values, account), ownerScope, body));
    // 409: nothing was written because the contact conflicts with ones that exist; the same
    // form, token and all, goes back with the choice, as the edit conflict page does.
    if (duplicates) {
      return renderForm(res, 409, {
        values: input.typed,
        submissionToken: token,
        account: accountForm,
        duplicates,
      });
    }
    const actor = requestActor(req, res);
    const alsoWrite = editedBy(mapping, actor.user.username, req.log);
    const outcome = await create(mapping, submission, input.values, actor, alsoWrite, account);
    setFlash(res, outcome.created ? 'created' : 'alreadyCreated');
    res.redirect(303, contactLinks({ key: outcome.externalId }).href);
  };
}

function renderForm(res: Response, status: number, form: NewContactForm): void {
  res.status(status).render('contacts/new', newContactView(res.locals.mapping, form));
}
