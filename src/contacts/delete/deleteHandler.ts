import type { RequestHandler } from 'express';
import type { AuditLog } from '../../audit/auditLog';
import type { ContactField } from '../../connect/contactFields';
import type { Database } from '../../db/database';
import { setFlash } from '../../web/flash';
import { NotFoundError } from '../../web/httpErrors';
import { isolated } from '../../web/isolated';
import { requestActor } from '../../web/signedInUser';
import type { Contact } from '../contact';
import { contactLinks } from '../card/cardView';
import { deleteIfUnchanged, type FieldChange } from './deleteIfUnchanged';
import { requireContact } from '../contactRepository';
import { decodeShown, encodeShown } from '../shownValues';

export function confirmDelete(db: Database): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const contact = await requireContact(db, res.locals.mapping, req.params.key);
    res.render('contacts/delete', deleteView(contact, res.locals.mapping.fields, null));
  };
}

/** Deletes the contact the page showed; if it changed since, shows the changes and asks again. */
export function destroyContact(audit: AuditLog): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping } = res.locals;
    const shown = decodeShown((req.body as Record<string, unknown>).shown);
    const actor = requestActor(req, res);
    const outcome = await deleteIfUnchanged(audit, actor, mapping, req.params.key, shown);
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

/** The confirmation shows what is about to be deleted, and carries it, to compare on delete. */
function deleteView(
  contact: Contact,
  fields: readonly ContactField[],
  changes: FieldChange[] | null,
) {
  return {
    title: `Delete ${isolated(contact.displayName)}?`,
    contact,
    links: contactLinks(contact),
    details: fields
      .filter(({ column }) => contact.values[column])
      .map(({ label, column }) => ({ label, value: contact.values[column] ?? '' })),
    changes: changes?.map(({ field, was, now }) => ({ label: field.label, was, now })) ?? null,
    shown: encodeShown(contact.values),
  };
}
