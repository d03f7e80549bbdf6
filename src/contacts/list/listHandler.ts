import type { RequestHandler } from 'express';
import type { Database } from '../../db/database';
import type { CappedCounts } from './cappedCounts';
import { listPage } from './listPage';
import { parseListQuery } from './params';
import { listView } from './listView';

export function showList(db: Database, cappedCounts: CappedCounts): RequestHandler {
  return async (req, res) => {
    const query = parseListQuery(req.query);
    const { page, summary } = await listPage(db, cappedCounts, res.locals.mapping, query);
    res.render('contacts/list', listView(query, page, summary));
  };
}
