import type { RequestHandler } from 'express';
import { NotFoundError } from '../../web/httpErrors';
import type { ReaderFor } from '../../web/readYourWrites';
import { salesforceUserId } from '../../web/signedInUser';
import { accountByKey } from '../../connect/accountLookup';
import type { CappedCounts } from '../../db/cappedCounts';
import { servableQuery } from './accountOrder';
import { listPage } from './listPage';
import { parseListQuery } from './params';
import { listView } from './listView';

/** `/contacts`: one page of the list, searched, filtered and sorted as the query string says. */
export function showList(reads: ReaderFor, cappedCounts: CappedCounts): RequestHandler {
  return async (req, res) => {
    const { mapping, user } = res.locals;
    const db = reads(req);
    const query = servableQuery(mapping, parseListQuery(req.query));
    const account = query.account === null ? null : await accountByKey(db, mapping, query.account);
    if (query.account !== null && !account) {
      throw new NotFoundError('No account has this key, so its contacts cannot be listed.');
    }
    const ownerId = query.owner === 'me' ? salesforceUserId(user) : null;
    const { page, summary } = await listPage(db, cappedCounts, mapping, query, {
      account,
      ownerId,
    });
    const canFilterMine = mapping.owners && salesforceUserId(user) !== null;
    res.render(
      'contacts/list',
      listView(query, page, summary, { account, ownerId, canFilterMine }, mapping),
    );
  };
}
