import type { ConnectEmulator } from '../../src/emulator/processor';
import { insertFromSalesforce, installEmulator } from '../emulator/harness';
import { hiddenFieldsIn } from '../support/httpUser';
import { csrfTokenIn, startTestApp, shownFormValueIn, type TestApp } from '../support/testApp';

/** Issue 3's whole write path through the pages, with the emulator standing in for Connect. */
describe('the sync lifecycle through the app', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  test('when a user creates a contact, then it is PENDING at its external id and, once sent, INSERTED at its new sfid, and the old URL follows', async () => {
    const agent = await t.signedInAgent();
    const form = await agent.get('/contacts/new');
    const created = await agent
      .post('/contacts')
      .type('form')
      .send({ ...hiddenFieldsIn(form.text, '/contacts'), firstname: 'Mary', lastname: 'Jackson' });
    const pendingUrl = created.headers.location ?? '';

    const pending = await agent.get(pendingUrl);
    expect(pending.status).toBe(200);
    expect(pending.text).toContain('badge-pending');
    expect(pending.text).toContain('Pending sync');

    await emulator.processOnce();
    const moved = await agent.get(pendingUrl);
    expect(moved.status).toBe(302);
    const sfidUrl = moved.headers.location ?? '';
    expect(sfidUrl).toMatch(/^\/contacts\/003[A-Za-z0-9]{15}$/);
    const inserted = await agent.get(sfidUrl);
    expect(inserted.text).toContain('badge-inserted');
    expect(inserted.text).toContain('<h1><bdi>Mary</bdi> <bdi>Jackson</bdi></h1>');
    expect(inserted.text).not.toContain('Pending sync');
  });

  test('when Salesforce rejects an email, then the card shows FAILED with its message, and after fixing it Retry gets it through', async () => {
    const { sfid } = await insertFromSalesforce(t.db, {
      lastname: 'Darden',
      email: 'christine@example.com',
    });
    const agent = await t.signedInAgent();
    const card = await agent.get(`/contacts/${sfid}`);
    await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(card.text),
        shown: shownFormValueIn(card.text),
        lastname: 'Darden',
        email: 'christine@invalid.example',
      });
    await emulator.processOnce();

    const failed = await agent.get(`/contacts/${sfid}`);
    expect(failed.text).toContain('badge-failed');
    expect(failed.text).toContain('INVALID_EMAIL_ADDRESS');
    const failedList = await agent.get('/sync/failed');
    expect(failedList.text).toContain(`/contacts/${sfid}`);

    await agent
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(failed.text),
        shown: shownFormValueIn(failed.text),
        lastname: 'Darden',
        email: 'christine@example.com',
      });
    const fixed = await agent.get(`/contacts/${sfid}`);
    const retry = /<form[^>]*action="\/sync\/retry"[\s\S]*?<\/form>/.exec(fixed.text)?.[0] ?? '';
    const field = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(retry)?.[1];
    const retried = await agent
      .post('/sync/retry')
      .type('form')
      .send({
        _csrf: field('_csrf'),
        source: field('source'),
        id: field('id'),
        back: field('back'),
      });
    expect(retried.status).toBe(303);
    await emulator.processOnce();

    const after = await agent.get(`/contacts/${sfid}`);
    expect(after.text).toContain('badge-updated');
    expect(after.text).not.toContain('INVALID_EMAIL_ADDRESS: Email');
    const stillFailed = await t.db.query(
      "SELECT count(*)::int AS n FROM salesforce._trigger_log WHERE state = 'FAILED'",
    );
    expect(stillFailed.rows).toEqual([{ n: 0 }]);
  });

  test('when a user deletes a contact, then Connect is given a DELETE to send', async () => {
    const { id, sfid } = await insertFromSalesforce(t.db, { lastname: 'Johnson' });
    const agent = await t.signedInAgent();
    const confirm = await agent.get(`/contacts/${sfid}/delete`);

    await agent
      .post(`/contacts/${sfid}/delete`)
      .type('form')
      .send({ _csrf: csrfTokenIn(confirm.text), shown: shownFormValueIn(confirm.text) });

    const logged = await t.db.query(
      "SELECT action, state FROM salesforce._trigger_log WHERE record_id = $1 AND action = 'DELETE'",
      [id],
    );
    expect(logged.rows).toEqual([{ action: 'DELETE', state: 'NEW' }]);
    expect((await agent.get(`/contacts/${sfid}`)).status).toBe(404);
  });

  test('when two users edit the same contact, then the second save is a 409 showing both values and nothing of either is lost', async () => {
    const { sfid } = await insertFromSalesforce(t.db, { lastname: 'Shetterly', title: 'Author' });
    const first = await t.signedInAgent();
    const second = await t.signedInAgent();
    const firstCard = await first.get(`/contacts/${sfid}`);
    const secondCard = await second.get(`/contacts/${sfid}`);
    const save = (agent: typeof first, html: string, title: string) =>
      agent
        .post(`/contacts/${sfid}`)
        .type('form')
        .send({
          _csrf: csrfTokenIn(html),
          shown: shownFormValueIn(html),
          firstname: 'Ada',
          lastname: 'Shetterly',
          title,
        });

    expect((await save(first, firstCard.text, 'Historian')).status).toBe(303);
    const conflict = await save(second, secondCard.text, 'Novelist');

    expect(conflict.status).toBe(409);
    expect(conflict.text).toContain('Historian');
    expect(conflict.text).toContain('Novelist');
    const stored = await t.db.query('SELECT title FROM salesforce.contact WHERE sfid = $1', [sfid]);
    expect(stored.rows).toEqual([{ title: 'Historian' }]);

    // Re-applying from the conflict page carries the values it showed and the user's choice.
    const reapplied = await second
      .post(`/contacts/${sfid}`)
      .type('form')
      .send({
        _csrf: csrfTokenIn(conflict.text),
        shown: shownFormValueIn(conflict.text),
        firstname: 'Ada',
        lastname: 'Shetterly',
        title: 'Novelist',
      });
    expect(reapplied.status).toBe(303);
    const final = await t.db.query('SELECT title FROM salesforce.contact WHERE sfid = $1', [sfid]);
    expect(final.rows).toEqual([{ title: 'Novelist' }]);
  });
});
