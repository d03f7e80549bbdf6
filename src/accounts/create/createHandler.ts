import type { RequestHandler, Response } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import { accountPath } from '../../connect/contactKey';
import {
  isSubmissionToken,
  newSubmissionToken,
  SUBMISSION_FIELD,
} from '../../records/submissionToken';
import { validateFields } from '../../records/validation';
import { setFlash } from '../../web/flash';
import { requestActor } from '../../web/signedInUser';
import { accountMapping } from '../accountTable';
import { accountCreator } from './accountCreator';
import { newAccountView, type NewAccountForm } from './newAccountView';

/** `GET /accounts/new`; 409 where creating is switched off (see createAccount). */
export function newAccountForm(): RequestHandler {
  return (_req, res) => {
    const status = accountMapping(res.locals.mapping).account.hasExternalId ? 200 : 409;
    renderForm(res, status, { submissionToken: newSubmissionToken() });
  };
}

/**
 * `POST /accounts`. Creating needs the account's External ID column: without it Connect could
 * duplicate the record. The form's token makes posting it again (a double click, a retry) lead
 * to the account it created.
 */
export function createAccount(audit: AuditLog): RequestHandler {
  const create = accountCreator(audit);
  return async (req, res) => {
    const mapping = accountMapping(res.locals.mapping);
    if (!mapping.account.hasExternalId) {
      return renderForm(res, 409, { submissionToken: newSubmissionToken() });
    }
    const body = req.body as Record<string, unknown>;
    const token = body[SUBMISSION_FIELD];
    const input = validateFields(body, mapping.account.fields, res.locals.unreadableFields);
    const errors = input.ok ? {} : input.errors;
    // Nothing can tell whether a form without a token was sent before, so it is not created.
    if (!isSubmissionToken(token)) {
      const submissionToken = newSubmissionToken();
      return renderForm(res, 422, { values: input.typed, errors, submissionToken, expired: true });
    }
    // Nothing was created, so the corrected form is still the same one.
    if (!input.ok) {
      return renderForm(res, 422, { values: input.typed, errors, submissionToken: token });
    }
    const { session } = res.locals;
    const submission = { sid: session.sid, token, expiresAt: session.expiresAt };
    const outcome = await create(mapping, submission, input.values, requestActor(req, res));
    setFlash(res, outcome.created ? 'created' : 'alreadyCreatedAccount');
    res.redirect(303, accountPath(outcome.externalId));
  };
}

function renderForm(res: Response, status: number, form: NewAccountForm): void {
  const mapping = accountMapping(res.locals.mapping);
  res.status(status).render('accounts/new', newAccountView(mapping, form));
}
