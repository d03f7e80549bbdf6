import type TestAgent from 'supertest/lib/agent';
import { hiddenFieldsIn } from '../../support/httpUser';
import { startTestApp, type TestApp } from '../../support/testApp';

const EXPIRED = 'This form had expired. Check the details and select Create contact again.';
const ALREADY_CREATED = 'This form was already sent, so no second contact was created.';

/** A double click, a resent form and a browser's retry each post one form more than once. */
describe('creating a contact from one form', () => {
  let t: TestApp;
  let agent: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    agent = await t.signedInAgent();
  });
  afterAll(async () => {
    await t.close();
  });

  /** The New contact form's hidden fields, as a browser that just opened it would post them. */
  const openForm = async (client = agent) =>
    hiddenFieldsIn((await client.get('/contacts/new')).text, '/contacts');

  const post = (form: Record<string, string>, client = agent) =>
    client.post('/contacts').type('form').send(form);

  /** The cards of the contacts stored under this (per-test) last name. */
  const cardsOf = async (lastname: string) => {
    const result = await t.db.query<{ id: string }>(
      'SELECT external_contact_id__c AS id FROM salesforce.contact WHERE lastname = $1',
      [lastname],
    );
    return result.rows.map((row) => `/contacts/${row.id}`);
  };

  test('when the same form is posted twice in a row, then one contact is created and both answers lead to its card', async () => {
    const form = { ...(await openForm()), firstname: 'Grace', lastname: 'Twice' };

    const first = await post(form);
    const second = await post(form);

    const cards = await cardsOf('Twice');
    expect(cards).toHaveLength(1);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect([first.headers.location, second.headers.location]).toEqual([cards[0], cards[0]]);
    const card = await agent.get(cards[0] ?? '');
    expect(card.text).toContain(ALREADY_CREATED);
  });

  test('when the same form is posted twice at once, then one contact is created and both answers lead to its card', async () => {
    for (let round = 0; round < 5; round += 1) {
      const lastname = `Racing ${round}`;
      const form = { ...(await openForm()), lastname };

      const answers = await Promise.all([post(form), post(form)]);

      const cards = await cardsOf(lastname);
      expect(cards).toHaveLength(1);
      expect(answers.map((answer) => [answer.status, answer.headers.location])).toEqual([
        [303, cards[0]],
        [303, cards[0]],
      ]);
    }
  });

  test("when a form's token comes from another session, then it creates that session's own contact and never leads to this one", async () => {
    const form = await openForm();
    const mine = await post({ ...form, lastname: 'Borrowed' });
    const other = await t.signedInAgent();
    const otherForm = await openForm(other);

    const theirs = await post(
      { ...otherForm, _submission: form._submission ?? '', lastname: 'Borrowed' },
      other,
    );

    const cards = await cardsOf('Borrowed');
    expect(cards).toHaveLength(2);
    expect(theirs.status).toBe(303);
    expect(theirs.headers.location).not.toBe(mine.headers.location);
    expect(cards).toContain(theirs.headers.location);
    expect((await other.get(theirs.headers.location ?? '')).text).toContain(
      'Created; syncing to Salesforce.',
    );
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
    ['forged', 'not-a-token'],
    ['too long', 'A'.repeat(25)],
  ])(
    'when the submission token is %s, then the form comes back with what was typed, a fresh token and a message, and nothing is stored',
    async (how, token) => {
      const { _submission: issued, ...form } = await openForm();
      const sent = token === undefined ? form : { ...form, _submission: token };

      const res = await post({ ...sent, firstname: 'Ada', lastname: `Untokened ${how}` });

      expect(res.status).toBe(422);
      expect(res.text).toContain(EXPIRED);
      expect(res.text).toContain('value="Ada"');
      expect(res.text).toContain(`value="Untokened ${how}"`);
      const fresh = hiddenFieldsIn(res.text, '/contacts')._submission;
      expect(fresh).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(fresh).not.toBe(issued);
      expect(await cardsOf(`Untokened ${how}`)).toEqual([]);
    },
  );

  test('when a form with an error is corrected and sent again, then the corrected form creates the contact once', async () => {
    const form = await openForm();
    const refused = await post({ ...form, firstname: 'Dorothy', email: 'not an email' });
    expect(refused.status).toBe(422);
    const refilled = hiddenFieldsIn(refused.text, '/contacts');
    expect(refilled._submission).toBe(form._submission);
    const corrected = {
      ...refilled,
      firstname: 'Dorothy',
      lastname: 'Corrected',
      email: 'd@x.org',
    };

    const created = await post(corrected);
    const again = await post(corrected);

    const cards = await cardsOf('Corrected');
    expect(cards).toHaveLength(1);
    expect([created.headers.location, again.headers.location]).toEqual([cards[0], cards[0]]);
  });

  test("when a form's first post was rolled back, then posting it again creates the contact", async () => {
    // Refuses the first insert of this test's contact, as a failure mid-transaction would.
    await t.db.query(`CREATE SEQUENCE refused_inserts;
      CREATE FUNCTION refuse_first_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.lastname = 'Rolled back' THEN
          IF nextval('refused_inserts') = 1 THEN RAISE EXCEPTION 'refused once'; END IF;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_first_insert BEFORE INSERT ON salesforce.contact
        FOR EACH ROW EXECUTE FUNCTION refuse_first_insert()`);
    try {
      const form = { ...(await openForm()), lastname: 'Rolled back' };

      const failed = await post(form);
      expect(failed.status).toBe(500);
      expect(await cardsOf('Rolled back')).toEqual([]);
      const retried = await post(form);

      const cards = await cardsOf('Rolled back');
      expect(cards).toHaveLength(1);
      expect([retried.status, retried.headers.location]).toEqual([303, cards[0]]);
      expect((await agent.get(cards[0] ?? '')).text).toContain('Created; syncing to Salesforce.');
    } finally {
      await t.db.query('DROP TRIGGER refuse_first_insert ON salesforce.contact');
    }
  });

  test('when a create finds forms of sessions that have ended, then it deletes their tokens and keeps live ones', async () => {
    await post({ ...(await openForm()), lastname: 'Before purge' });
    await t.db.query(
      `INSERT INTO contact_card.contact_submissions (sid, token, expires_at, external_id)
       VALUES ('ended', 'a', now() - interval '1 second', 'x'), ('ended', 'b', now() - interval '1 day', 'y')`,
    );

    await post({ ...(await openForm()), lastname: 'Purging' });

    const left = await t.db.query<{ ended: boolean; live: boolean }>(
      `SELECT DISTINCT sid = 'ended' AS ended, expires_at > now() AS live
         FROM contact_card.contact_submissions`,
    );
    expect(left.rows).toEqual([{ ended: false, live: true }]);
  });

  test('when the token table is missing (a database reset without the release phase), then a post creates nothing and answers 503', async () => {
    await post({ ...(await openForm()), lastname: 'Before reset' });
    await t.db.query('DROP TABLE contact_card.contact_submissions');

    const failed = await post({ ...(await openForm()), lastname: 'After reset' });

    // No web process creates tables: the release phase's migrations do.
    expect(failed.status).toBe(503);
    expect(await cardsOf('After reset')).toEqual([]);
  });
});
