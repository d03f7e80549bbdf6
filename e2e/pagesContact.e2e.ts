import { arrangeSyncedContact, uniqueName } from './support/contacts';
import { checkPageStates, submitForm } from './support/pageStates';

// One contact's pages: its card in each state, the conflict, deleting, and failed writes.
let card = '';
let failedCard = '';
beforeAll(async () => {
  const family = uniqueName('Pageant');
  [card, failedCard] = await Promise.all([
    arrangeSyncedContact({
      firstname: 'Mireille',
      lastname: family,
      title: 'Head of procurement',
      department: 'Operations',
      email: 'mireille@example.com',
      phone: '+33 1 23 45 67 89',
      mailingstreet: '12 rue des Écoles',
      mailingcity: 'Lyon',
      mailingcountry: 'France',
      description: 'Prefers email. Met at the 2024 trade fair.',
    }),
    arrangeSyncedContact(
      { firstname: 'Bram', lastname: family, email: 'bram@invalid.example' },
      'FAILED',
    ),
  ]);
});

checkPageStates([
  { name: 'card', signedIn: true, open: (page) => page.goto(card), heading: /^Mireille / },
  {
    name: 'card-errors',
    signedIn: true,
    async open(page) {
      await page.goto(card);
      await submitForm(page, { 'Last name': '', Email: 'mireille at example' });
    },
    heading: /^Mireille /,
    shows: '#error-summary',
  },
  {
    name: 'card-failed',
    signedIn: true,
    open: (page) => page.goto(failedCard),
    heading: /^Bram /,
    shows: '.sync-error',
  },
  {
    name: 'list-failed',
    signedIn: true,
    open: (page) => page.goto('/contacts?sync=failed'),
    heading: 'Contacts',
    shows: 'table.contacts .badge-failed',
  },
  {
    name: 'failed-writes',
    signedIn: true,
    open: (page) => page.goto('/sync/failed'),
    heading: 'Failed writes',
    shows: 'form[action="/sync/retry"]',
  },
  {
    name: 'conflict',
    signedIn: true,
    async open(page) {
      await page.goto(card);
      const other = await page.context().newPage();
      await other.goto(card);
      await submitForm(other, { Department: uniqueName('Dept ') });
      await submitForm(page, { Department: uniqueName('Mine ') });
    },
    heading: 'Someone changed this contact while you were editing',
    shows: 'fieldset.conflict-field',
  },
  {
    name: 'delete',
    signedIn: true,
    open: (page) => page.goto(`${card}/delete`),
    heading: /^Delete Mireille /,
  },
]);
