import type { Page } from 'playwright-core';
import { arrangeContactAtNewAccount, uniqueName } from './support/contacts';
import { checkPageStates, submitForm } from './support/pageStates';

// The accounts' pages, the contacts narrowed to one account, and the Account field's choices
// (the same partial on the card; the offer to create an account is in layout.e2e.ts).

// Sample accounts 1 and 101 (0x65) share a name on purpose (src/dev/sampleAccounts.ts).
const SAMPLE_ACCOUNT = '/accounts/001000000000001SMP';
const SAME_NAMED_ACCOUNT = '/accounts/001000000000065SMP';

let created = { card: '', account: '' };
beforeAll(async () => {
  created = await arrangeContactAtNewAccount(
    { firstname: 'Aurelio', lastname: uniqueName('Pageant'), email: 'aurelio@example.com' },
    uniqueName('Pageant Shipping '),
  );
});

/** The name two sample accounts share, as the second one's page shows it. */
async function sharedAccountName(page: Page): Promise<string> {
  await page.goto(SAME_NAMED_ACCOUNT);
  const name = await page.getByRole('heading', { level: 1 }).textContent();
  if (!name) throw new Error(`${SAME_NAMED_ACCOUNT} shows no account name`);
  return name;
}

checkPageStates([
  {
    name: 'accounts',
    signedIn: true,
    open: (page) => page.goto('/accounts'),
    heading: 'Accounts',
    shows: 'table.accounts',
  },
  {
    name: 'account',
    signedIn: true,
    open: (page) => page.goto(SAMPLE_ACCOUNT),
    heading: /\S/,
    shows: 'table.contacts',
  },
  {
    name: 'account-written',
    signedIn: true,
    open: (page) => page.goto(created.account),
    heading: /^Pageant Shipping /,
    shows: '.sync-history tbody tr',
  },
  {
    name: 'list-account',
    signedIn: true,
    open: (page) => page.goto(`/contacts?account=${SAMPLE_ACCOUNT.slice('/accounts/'.length)}`),
    heading: 'Contacts',
    shows: '#match-count a[href^="/accounts/"]',
  },
  {
    name: 'new-account-choices',
    signedIn: true,
    async open(page) {
      const name = await sharedAccountName(page);
      await page.goto('/contacts/new');
      await submitForm(page, { 'Last name': uniqueName('Chooser'), Account: name });
    },
    heading: 'New contact',
    shows: 'fieldset.account-choices #account-choice-1',
  },
]);
