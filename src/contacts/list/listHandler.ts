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
    const { mapping, user, ownerScope } = res.locals;
    const db = reads(req);
    const query = servableQuery(mapping, parseListQuery(req.query));
    const account =
      query.account === null ? null : await accountByKey(db, mapping, query.account, ownerScope);
    if (query.account !== null && !account) {
      throw new NotFoundError('No account has this key, so its contacts cannot be listed.');
    }
    const ownerId = query.owner === 'me' ? salesforceUserId(user) : null;
    // The owner scope narrows the list as "My contacts" does; both name the same user.
    const narrowing = { account, ownerId: ownerScope ?? ownerId };
    const { page, summary } = await listPage(db, cappedCounts, mapping, query, narrowing, {
      scope: ownerScope,
    });
    // Restricted to their own contacts, "My contacts" would change nothing.
    const canFilterMine = mapping.owners && salesforceUserId(user) !== null && ownerScope === null;
    res.render(
      'contacts/list',
      listView(query, page, summary, { account, ownerId, canFilterMine }, mapping),
    );
  };
}
