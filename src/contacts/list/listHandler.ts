import type { RequestHandler } from 'express';
import type { ReaderFor } from '../../web/readYourWrites';
import { salesforceUserId } from '../../web/signedInUser';
import type { CappedCounts } from '../../db/cappedCounts';
import { listPage } from './listPage';
import { listRequest } from './listRequest';
import { listView } from './listView';

/** `/contacts`: one page of the list, searched, filtered and sorted as the query string says. */
export function showList(reads: ReaderFor, cappedCounts: CappedCounts): RequestHandler {
  return async (req, res) => {
    const { mapping, user, ownerScope } = res.locals;
    const db = reads(req);
    const { query, account, ownerId, narrowing } = await listRequest(req, res, db, mapping);
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
