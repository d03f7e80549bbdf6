import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { syncSummary } from '../sync/syncSummary';
import { listContacts } from './listRepository';
import { parseListQuery } from './listQuery';
import { listView } from './listView';

export function showList(db: Database): RequestHandler {
  return async (req, res) => {
    const query = parseListQuery(req.query);
    const [page, summary] = await Promise.all([
      listContacts(db, res.locals.mapping, query),
      syncSummary(db, res.locals.mapping),
    ]);
    res.render('contacts/list', { ...listView(query, page), summary });
  };
}
