import type { RequestHandler } from 'express';
import { NotFoundError } from '../../web/httpErrors';
import type { ReaderFor } from '../../web/readYourWrites';
import { accountPath } from '../../connect/contactKey';
import { accountMapping } from '../accountTable';
import { readAccount } from './accountRead';
import type { WriteHistoryView } from './accountView';
import { renderAccount } from './renderAccount';

export const NO_SUCH_ACCOUNT =
  'There is no account at this address. It may have been deleted in Salesforce, or the link is old or mistyped.';

/**
 * `/accounts/:key`: the account's details (its edit form for editors), sync state, write
 * history, the app's own changes to it and its contacts.
 */
export function showAccount(
  reads: ReaderFor,
  historyView: WriteHistoryView,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const mapping = accountMapping(res.locals.mapping);
    const db = reads(req);
    const read = await readAccount(db, mapping, req.params.key, res.locals.ownerScope);
    if (!read) throw new NotFoundError(NO_SUCH_ACCOUNT);
    // Before sync the page lives at its External ID; afterwards at its sfid. Old links follow.
    if (read.account.key !== req.params.key) {
      return res.redirect(302, accountPath(read.account.key));
    }
    await renderAccount(req, res, db, mapping, read, historyView);
  };
}
