import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { setFlash } from '../web/flash';
import { NotFoundError } from '../web/httpErrors';
import { cardView, conflictRows, contactLinks } from './cardView';
import { requireContact, updateContact } from './repository';
import { validateContact } from './validation';

/**
 * Connect's write history of a contact row, rendered on its card by the sync feature's
 * partial, or null where there is none. Passed in, so this feature needs no sync internals.
 */
export type WriteHistory = (recordId: number, back: string) => Promise<object | null>;

export function showCard(
  db: Database,
  writeHistory: WriteHistory,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const contact = await requireContact(db, res.locals.mapping, req.params.key);
    const view = cardView(contact, res.locals.mapping.fields);
    // Before sync the card lives at its external id; afterwards at its sfid. Old links follow.
    if (contact.key !== req.params.key) return res.redirect(302, view.links.href);
    const history = await writeHistory(contact.rowId, view.links.href);
    res.render('contacts/card', { ...view, history });
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
      const contact = await requireContact(db, mapping, req.params.key);
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
          links: contactLinks(outcome.current),
          rows: conflictRows(mapping.fields, input.values, outcome.current),
        });
      case 'unchanged':
      case 'updated':
        setFlash(res, outcome.kind === 'updated' ? 'saved' : 'unchanged', secureCookies);
        return res.redirect(303, contactLinks({ key: req.params.key }).href);
    }
  };
}
