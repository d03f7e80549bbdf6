import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { contactLinks } from './cardView';
import { newContactView } from './newContactView';
import { insertContact } from './repository';
import { validateContact } from './validation';

export function newContactForm(): RequestHandler {
  return (_req, res) => {
    res.status(res.locals.mapping.hasExternalId ? 200 : 409);
    res.render('contacts/new', newContactView(res.locals.mapping));
  };
}

/** Creating needs the External ID column: without it Connect could duplicate the record. */
export function createContact(db: Database, secureCookies: boolean): RequestHandler {
  return async (req, res) => {
    const { mapping } = res.locals;
    if (!mapping.hasExternalId) {
      return res.status(409).render('contacts/new', newContactView(mapping));
    }
    const input = validateContact(req.body as Record<string, unknown>, mapping.fields);
    if (!input.ok) return res.status(422).render('contacts/new', newContactView(mapping, input));
    const externalId = await insertContact(db, mapping, input.values);
    setFlash(res, 'created', secureCookies);
    res.redirect(303, contactLinks({ key: externalId }).href);
  };
}
