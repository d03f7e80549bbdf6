import { RECHECK_AFTER_MS } from '../../src/auth/revokedSessions';
import { SIGNIN_LIMITS } from '../../src/auth/signinLimits';
import { useBuildAndDatabase, waitFor, type RunningServer } from '../support/builtServer';
import { decodeHtml, insertContact, listedNames, readContact } from '../support/contacts';
import { csrfTokenIn, editFormValues, hiddenFieldsIn } from '../support/httpUser';
import { replay, routedBrowser, startDynos, type RoutedBrowser } from './dynos';

const ALREADY_CREATED = 'This form was already sent, so no second contact was created.';

/** The fields a conflict page offers a choice for, by their legends. */
function offeredFields(html: string): string[] {
  return [...html.matchAll(/<legend>([^<]*)<\/legend>/g)].map((m) => decodeHtml(m[1] ?? ''));
}

// Starting real server processes is slow on a busy CI machine.
jest.setTimeout(90_000);

/**
 * Heroku's router sends each request to any of the app's dynos, and dynos share nothing but
 * their config vars and the database. Each test sends one user's requests to both and checks
 * that what the user sees does not depend on which dyno answered.
 */
describe('an app scaled to two dynos', () => {
  const made = useBuildAndDatabase();
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    [a, b] = await startDynos(made.build, made.database.url);
  });

  /** A user signed in on `dyno`. */
  const signedIn = async (dyno: RunningServer) => {
    const user = routedBrowser();
    const answer = await user.signIn(dyno);
    if (answer.status !== 303) throw new Error(`sign-in answered ${answer.status}`);
    return user;
  };

  test('when a user signs in on dyno A, then the same cookie opens the contact list on dyno B', async () => {
    await insertContact(made.database.db, { firstname: 'Katherine', lastname: 'Dynojohnson' });
    const user = routedBrowser();

    const signIn = await user.signIn(a);
    const list = await user.get(b, '/contacts?q=Dynojohnson');

    expect(signIn.status).toBe(303);
    expect(list.status).toBe(200);
    expect(listedNames(list.text)).toEqual(['Katherine Dynojohnson']);
  });

  test('when a user signs out on dyno B, then the cookie they had is refused on dyno A too', async () => {
    const user = await signedIn(a);
    // A has now checked the session, and trusts that answer for RECHECK_AFTER_MS.
    const list = await user.get(a, '/contacts');
    const kept = user.cookie();

    const signOut = await user.post(b, '/signout', { _csrf: csrfTokenIn(list.text) });
    const onB = await replay(b, '/contacts', kept);
    let onA = await replay(a, '/contacts', kept);
    await waitFor(
      'dyno A to refuse the signed-out cookie',
      async () => {
        onA = await replay(a, '/contacts', kept);
        return onA.status !== 200;
      },
      RECHECK_AFTER_MS + 5_000,
    );

    expect(list.status).toBe(200);
    expect([signOut.status, signOut.headers.location]).toEqual([303, '/signin']);
    expect([onB.status, onB.headers.location]).toEqual([303, '/signin?next=%2Fcontacts']);
    expect([onA.status, onA.headers.location]).toEqual([303, '/signin?next=%2Fcontacts']);
  });

  test('when a form opened on dyno A is saved after someone saved the same field on dyno B, then A answers 409 and the row keeps B’s value', async () => {
    const { sfid } = await insertContact(made.database.db, { title: 'Engineer' });
    const card = `/contacts/${sfid}`;
    const ada = await signedIn(a);
    const bob = await signedIn(b);
    const adasForm = editFormValues((await ada.get(a, card)).text);
    const bobsForm = editFormValues((await bob.get(b, card)).text);

    const bobSaves = await bob.post(b, card, { ...bobsForm, title: 'Head of Research' });
    const adaSaves = await ada.post(a, card, { ...adasForm, title: 'Principal engineer' });

    expect(bobSaves.status).toBe(303);
    expect(adaSaves.status).toBe(409);
    expect(offeredFields(adaSaves.text)).toEqual(['Title']);
    expect(adaSaves.text).toMatch(
      /name="title" value="Head of Research">\s*<label[^>]*>Keep theirs/,
    );
    expect((await readContact(made.database.db, sfid ?? ''))?.title).toBe('Head of Research');
  });

  describe('one New contact form', () => {
    let user: RoutedBrowser;
    beforeAll(async () => {
      user = await signedIn(a);
    });

    /** The New contact form's fields, as the browser that opened it on dyno A would post them. */
    const openForm = async (lastname: string) => ({
      ...hiddenFieldsIn((await user.get(a, '/contacts/new')).text, '/contacts'),
      firstname: 'Grace',
      lastname,
    });

    /** The cards of the contacts stored under this (per-test) last name. */
    const cardsOf = async (lastname: string) => {
      const result = await made.database.db.query<{ id: string }>(
        'SELECT external_contact_id__c AS id FROM salesforce.contact WHERE lastname = $1',
        [lastname],
      );
      return result.rows.map((row) => `/contacts/${row.id}`);
    };

    test('when it is posted to both dynos at once, then one contact is created and both answers lead to its card', async () => {
      // A few rounds: each is one race between the dynos, which either may win.
      for (let round = 0; round < 5; round += 1) {
        const form = await openForm(`Racing dynos ${round}`);

        const answers = await Promise.all([
          user.post(a, '/contacts', form),
          user.post(b, '/contacts', form),
        ]);

        const cards = await cardsOf(`Racing dynos ${round}`);
        expect(cards).toHaveLength(1);
        expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
          [303, cards[0]],
          [303, cards[0]],
        ]);
      }
    });

    test('when it is posted to dyno A and then again to dyno B, then B creates nothing and leads to the card A created', async () => {
      const form = await openForm('Resent to dyno B');

      const first = await user.post(a, '/contacts', form);
      const second = await user.post(b, '/contacts', form);

      const cards = await cardsOf('Resent to dyno B');
      expect(cards).toHaveLength(1);
      expect([first.status, second.status]).toEqual([303, 303]);
      expect([first.headers.location, second.headers.location]).toEqual([cards[0], cards[0]]);
      expect((await user.get(b, cards[0] ?? '')).text).toContain(ALREADY_CREATED);
    });
  });

  test('when one address’s wrong passwords are split between the dynos, then the limit is reached at the same total as on one dyno', async () => {
    const { attempts } = SIGNIN_LIMITS.perAddress;
    // Heroku's router names the client's address; each dyno counts it under that.
    const guesser = routedBrowser({ 'X-Forwarded-For': '203.0.113.7' });
    const onA = [];
    for (let i = 1; i < attempts; i += 1) onA.push((await guesser.signIn(a, `guess ${i}`)).status);
    const lastAllowed = await guesser.signIn(b, 'one guess on B');

    const oneTooMany = await guesser.signIn(b, 'another guess on B');
    const rightPasswordOnA = await guesser.signIn(a);

    expect(onA).toEqual(Array(attempts - 1).fill(401));
    expect(lastAllowed.status).toBe(401);
    expect(oneTooMany.status).toBe(429);
    expect(oneTooMany.text).toContain('Too many sign-in attempts');
    expect(rightPasswordOnA.status).toBe(429);
  });
});
