import { Router, type RequestHandler } from 'express';
import type { Database } from '../db/database';
import { welcomeView } from '../setup/welcome';
import { setFlash } from '../web/flash';
import { NotFoundError } from '../web/httpErrors';
import { cardView, conflictRows } from './cardView';
import { listContacts } from './listRepository';
import { parseListQuery } from './listQuery';
import { listView } from './listView';
import { isUsable, type MappingSource } from './mapping';
import { findContact, updateContact } from './repository';
import { validateContact } from './validation';

export interface ContactRouteDeps {
  db: Database;
  mappings: MappingSource;
  herokuAppName: string | undefined;
  secureCookies: boolean;
}

export function contactRoutes({ db, mappings, herokuAppName, secureCookies }: ContactRouteDeps) {
  const router = Router();

  // Right after "Deploy to Heroku" Connect has not created the table yet: explain, don't fail.
  const requireMapping: RequestHandler = async (req, res, next) => {
    const mapping = await mappings.current();
    if (!isUsable(mapping)) {
      res
        .status(req.method === 'GET' ? 200 : 409)
        .render('welcome', welcomeView(mapping, herokuAppName));
      return;
    }
    res.locals.mapping = mapping;
    next();
  };
  router.use(requireMapping);

  router.get('/', async (req, res) => {
    const query = parseListQuery(req.query);
    const page = await listContacts(db, res.locals.mapping, query);
    res.render('contacts/list', listView(query, page));
  });

  router.get('/:key', async (req, res) => {
    const contact = await findContact(db, res.locals.mapping, req.params.key);
    if (!contact) throw new NotFoundError('No contact has this key. It may have been deleted.');
    // Before sync the card lives at its external id; afterwards at its sfid. Old links follow.
    if (contact.key !== req.params.key) return res.redirect(302, `/contacts/${contact.key}`);
    res.render('contacts/card', cardView(contact, res.locals.mapping.fields));
  });

  router.post('/:key', async (req, res) => {
    const { mapping } = res.locals;
    const body = req.body as Record<string, unknown>;
    const version = typeof body.version === 'string' ? body.version : '';
    const input = validateContact(body, mapping.fields);
    if (!input.ok) {
      const contact = await findContact(db, mapping, req.params.key);
      if (!contact) throw new NotFoundError('No contact has this key. It may have been deleted.');
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
  });

  return router;
}
