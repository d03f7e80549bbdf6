import type { RequestHandler } from 'express';
import { NotFoundError } from '../../web/httpErrors';
import type { ReaderFor } from '../../web/readYourWrites';
import { readerTimeZone } from '../../web/signedInUser';
import { accountPath } from '../../connect/contactKey';
import { accountMapping } from '../accountTable';
import { lastPageWithin, pageNumber, firstString } from '../list/params';
import { accountContacts, CONTACTS_PER_PAGE } from './accountContacts';
import { readAccount } from './accountRead';
import { accountView, type WriteHistoryView } from './accountView';

export const NO_SUCH_ACCOUNT =
  'There is no account at this address. It may have been deleted in Salesforce, or the link is old or mistyped.';

/** `/accounts/:key`: the account's details, sync state, write history and its contacts. */
export function showAccount(
  reads: ReaderFor,
  historyView: WriteHistoryView,
): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const mapping = accountMapping(res.locals.mapping);
    const db = reads(req);
    const read = await readAccount(db, mapping, req.params.key);
    if (!read) throw new NotFoundError(NO_SUCH_ACCOUNT);
    const { account } = read;
    // Before sync the page lives at its External ID; afterwards at its sfid. Old links follow.
    if (account.key !== req.params.key) return res.redirect(302, accountPath(account.key));
    // Offsets stop where the lists' do: no request walks further into an index than that.
    const page = Math.min(
      pageNumber(firstString(req.query.page)),
      lastPageWithin(CONTACTS_PER_PAGE),
    );
    const contacts = await accountContacts(db, mapping, account, page);
    const back = accountPath(account.key);
    const history = read.history && historyView(read.history, back, readerTimeZone(res));
    res.render('accounts/account', accountView(mapping, account, contacts, page, history));
  };
}
