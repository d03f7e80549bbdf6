import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { contactHistory } from '../sync/history';
import { setFlash } from '../web/flash';
import { NotFoundError } from '../web/httpErrors';
import { cardView, conflictRows } from './cardView';
import { findContact, updateContact } from './repository';
import { validateContact } from './validation';

const GONE = 'No contact has this key. It may have been deleted.';

export function showCard(db: Database): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const contact = await findContact(db, res.locals.mapping, req.params.key);
    if (!contact) throw new NotFoundError(GONE);
    // Before sync the card lives at its external id; afterwards at its sfid. Old links follow.
    if (contact.key !== req.params.key) return res.redirect(302, `/contacts/${contact.key}`);
    const history = await contactHistory(
      db,
      res.locals.mapping.schema,
      contact.rowId,
      `/contacts/${contact.key}`,
    );
    res.render('contacts/card', { ...cardView(contact, res.locals.mapping.fields), history });
  };
}

/** Validate, then write only what changed, and only if nobody changed the row meanwhile. */
export function saveCard(db: Database, secureCookies: boolean): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping } = res.locals;
    const body = req.body as Record<string, unknown>;
    const version = typeof body.version === 'string' ? body.version : '';
    const input = validateContact(body, mapping.fields);
    if (!input.ok) {
      const contact = await findContact(db, mapping, req.params.key);
      if (!contact) throw new NotFoundError(GONE);
      const view = cardView(contact, mapping.fields, { ...input, version });
      return res.status(422).render('contacts/card', view);
    }
    const outcome = await updateContact(db, mapping, req.params.key, version, input.values);
    switch (outcome.kind) {
      case 'not_found':
        throw new NotFoundError('This contact was deleted, so your changes could not be saved.');
      case 'conflict':
        return res.status(409).render('contacts/conflict', {
          title: `Changed meanwhile: ${outcome.current.displayName}`,
          contact: outcome.current,
          rows: conflictRows(mapping.fields, input.values, outcome.current),
        });
      case 'unchanged':
      case 'updated':
        setFlash(res, outcome.kind === 'updated' ? 'saved' : 'unchanged', secureCookies);
        return res.redirect(303, `/contacts/${req.params.key}`);
    }
  };
}
