import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { NotFoundError } from '../web/httpErrors';
import { contactLinks } from './cardView';
import { deleteContact, requireContact } from './repository';

export function confirmDelete(db: Database): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const contact = await requireContact(db, res.locals.mapping, req.params.key);
    res.render('contacts/delete', {
      title: `Delete ${contact.displayName}?`,
      contact,
      links: contactLinks(contact),
    });
  };
}

export function destroyContact(
  db: Database,
  secureCookies: boolean,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    if (!(await deleteContact(db, res.locals.mapping, req.params.key))) {
      throw new NotFoundError('This contact was already deleted.');
    }
    setFlash(res, 'deleted', secureCookies);
    res.redirect(303, '/contacts');
  };
}
