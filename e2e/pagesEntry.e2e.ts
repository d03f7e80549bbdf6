import { checkPageStates, submitForm } from './support/pageStates';

// The pages around the contacts: signing in, setup, the list, creating, and errors.
checkPageStates([
  { name: 'signin', signedIn: false, open: (page) => page.goto('/signin'), heading: 'Sign in' },
  {
    name: 'signin-error',
    signedIn: false,
    async open(page) {
      await page.goto('/signin');
      await page.locator('#password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForLoadState();
    },
    heading: 'Sign in',
    shows: '#signin-error',
  },
  {
    name: 'setup',
    signedIn: true,
    open: (page) => page.goto('/setup'),
    heading: 'Heroku Connect is set up',
  },
  { name: 'list', signedIn: true, open: (page) => page.goto('/contacts'), heading: 'Contacts' },
  {
    name: 'list-empty-search',
    signedIn: true,
    open: (page) => page.goto('/contacts?q=zz-nobody-zz'),
    heading: 'Contacts',
    shows: '.empty',
  },
  {
    name: 'new',
    signedIn: true,
    open: (page) => page.goto('/contacts/new'),
    heading: 'New contact',
  },
  {
    name: 'new-errors',
    signedIn: true,
    async open(page) {
      await page.goto('/contacts/new');
      await submitForm(page, { Email: 'not an email' });
    },
    heading: 'New contact',
    shows: '#error-summary',
  },
  {
    name: 'not-found',
    signedIn: true,
    open: (page) => page.goto('/contacts/003NOSUCHCONTACT0A'),
    heading: 'Not found',
  },
]);
