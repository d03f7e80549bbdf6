import type { RequestHandler } from 'express';
import type { CappedCounts } from '../../db/cappedCounts';
import type { ReaderFor } from '../../web/readYourWrites';
import { accountMapping } from '../accountTable';
import { listAccounts } from './listAccounts';
import { listView } from './listView';
import { parseAccountListQuery } from './params';

/** `/accounts`: one page of accounts, searched and sorted as the query string says. */
export function showAccountList(reads: ReaderFor, counts: CappedCounts): RequestHandler {
  return async (req, res) => {
    const mapping = accountMapping(res.locals.mapping);
    const query = parseAccountListQuery(req.query);
    const page = await listAccounts(reads(req), counts, mapping, query, res.locals.ownerScope);
    res.render('accounts/list', listView(mapping, query, page));
  };
}
