import type { RequestHandler } from 'express';
import type { Database } from '../../db/database';
import type { CappedCounts } from './cappedCounts';
import { listContacts } from './listContacts';
import { parseListQuery } from './params';
import { syncSummary } from './syncSummary';
import { listView } from './view';

export function showList(db: Database, cappedCounts: CappedCounts): RequestHandler {
  return async (req, res) => {
    const query = parseListQuery(req.query);
    const [page, summary] = await Promise.all([
      listContacts(db, cappedCounts, res.locals.mapping, query),
      syncSummary(db, res.locals.mapping),
    ]);
    res.render('contacts/list', listView(query, page, summary));
  };
}
