import type { Request, Response } from 'express';
import { accountPath } from '../../connect/contactKey';
import type { Database } from '../../db/database';
import { changedHereEntry } from '../../records/changedHere';
import { readerTimeZone } from '../../web/signedInUser';
import type { AccountMapping } from '../accountTable';
import { firstString, pageNumber } from '../../web/queryString';
import { lastPageWithin, MAX_PAGE } from '../list/params';
import { accountContacts, CONTACTS_PER_PAGE } from './accountContacts';
import { accountForm, type SubmittedAccount } from './accountForm';
import type { AccountRead } from './accountRead';
import { accountView, type WriteHistoryView } from './accountView';

/**
 * Renders the account page for an account already read: its details, or its edit form for an
 * editor, with its contacts, write history and audit entries. A refused save renders it again
 * with what was submitted.
 */
export async function renderAccount(
  req: Request,
  res: Response,
  db: Database,
  mapping: AccountMapping,
  read: AccountRead,
  historyView: WriteHistoryView,
  refused?: { status: number; submitted: SubmittedAccount },
): Promise<void> {
  const { account } = read;
  const timeZone = readerTimeZone(res);
  // Offsets stop where the lists' do: no request walks further into an index than that.
  const page = Math.min(
    pageNumber(firstString(req.query.page), MAX_PAGE),
    lastPageWithin(CONTACTS_PER_PAGE),
  );
  const contacts = await accountContacts(db, mapping, account, page, res.locals.ownerScope);
  const history = read.history && historyView(read.history, accountPath(account.key), timeZone);
  res.status(refused?.status ?? 200).render('accounts/account', {
    ...accountView(mapping, account, contacts, page, history),
    ...accountForm(mapping.account.fields, account, refused?.submitted),
    changedHere: read.changedHere.map((entry) => changedHereEntry(entry, timeZone)),
  });
}
