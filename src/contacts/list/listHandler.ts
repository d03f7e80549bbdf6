import type { RequestHandler } from 'express';
import type { ReaderFor } from '../../web/readYourWrites';
import type { CappedCounts } from './cappedCounts';
import { listPage } from './listPage';
import { parseListQuery } from './params';
import { listView } from './listView';

/** `/contacts`: one page of the list, searched, filtered and sorted as the query string says. */
export function showList(reads: ReaderFor, cappedCounts: CappedCounts): RequestHandler {
  return async (req, res) => {
    const query = parseListQuery(req.query);
    const { page, summary } = await listPage(reads(req), cappedCounts, res.locals.mapping, query);
    res.render('contacts/list', listView(query, page, summary));
  };
}
