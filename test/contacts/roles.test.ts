import type TestAgent from 'supertest/lib/agent';
import { encodeShown } from '../../src/records/shownValues';
import { newSubmissionToken } from '../../src/records/submissionToken';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { auditTrail } from '../audit/auditTrail';
import { entriesIn, insertFromSalesforce, installEmulator, updateAsApp } from '../emulator/harness';
import { insertContact } from '../support/contacts';
import { csrfTokenIn, startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

const VIEWER = TEST_USERS.viewer;

/** The page's own content, without the site header (whose Sign out form every page has). */
function mainOf(html: string): string {
  const start = html.indexOf('<main');
  if (start < 0) throw new Error('page has no main element');
  return html.slice(start, html.indexOf('</main>', start));
}

describe('what a viewer may do with contacts and failed writes', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let trail: ReturnType<typeof auditTrail>;
  beforeAll(async () => {
    t = await startTestApp();
    emulator = await installEmulator(t.db, t.url);
    // Only processOnce() sends: a pass on its timer could change rows between a before and after.
    await emulator.stop();
    trail = auditTrail(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Every row of the contact table and both trigger logs: what a request could change. */
  const everything = async () =>
    (
      await t.db.query<{ all: unknown }>(
        `SELECT jsonb_build_object(
           'contacts', (SELECT jsonb_agg(c ORDER BY c.id) FROM salesforce.contact c),
           'live', (SELECT jsonb_agg(l ORDER BY l.id) FROM salesforce._trigger_log l),
           'archive', (SELECT jsonb_agg(a ORDER BY a.id) FROM salesforce._trigger_log_archive a)
         ) AS all`,
      )
    ).rows[0]?.all;

  /** A contact whose last write to Salesforce failed, with that write's trigger log entry. */
  const failedContact = async (lastname: string) => {
    const contact = await insertFromSalesforce(t.db, { lastname });
    await updateAsApp(t.db, contact.id, { email: `retry${contact.id}@invalid.example` });
    await emulator.processOnce();
    const [entry] = await entriesIn(t.db, '_trigger_log', contact.id);
    if (entry?.state !== 'FAILED') throw new Error('the write should have failed');
    return { ...contact, entryId: entry.id };
  };

  /**
   * The state-changing requests, each as a browser that loaded a page could send them: the
   * form's CSRF token is the session's, read from the card (whose header every role has).
   */
  const requests = async (agent: TestAgent) => {
    const contact = await insertContact(t.db, { lastname: 'Target', title: 'Before' });
    const key = contact.sfid ?? '';
    const failed = await failedContact('Retried');
    const card = await agent.get(`/contacts/${key}`);
    expect(card.status).toBe(200);
    const csrf = csrfTokenIn(card.text);
    const shown = encodeShown({
      firstname: contact.firstname ?? '',
      lastname: contact.lastname,
      title: contact.title ?? '',
      email: contact.email ?? '',
      phone: contact.phone ?? '',
    });
    const post = (path: string, form: Record<string, string>) =>
      agent
        .post(path)
        .type('form')
        .send({ _csrf: csrf, ...form });
    return {
      save: () => post(`/contacts/${key}`, { shown, title: 'After' }),
      create: () =>
        post('/contacts', { _submission: newSubmissionToken(), lastname: 'Created by role test' }),
      delete: () => post(`/contacts/${key}/delete`, { shown }),
      retry: () => post('/sync/retry', { source: 'live', id: String(failed.entryId) }),
    };
  };

  test('when a viewer opens a card, then it shows the values read-only: no inputs, no Save, no Delete', async () => {
    await insertContact(t.db, {
      sfid: '003ROLE0000000001A',
      firstname: 'Vera',
      lastname: 'Readonly',
      title: 'Reader',
    });

    const card = await t.agentSignedInAs(VIEWER).get('/contacts/003ROLE0000000001A');

    expect(card.status).toBe(200);
    const main = mainOf(card.text);
    expect(main).not.toMatch(/<(input|textarea|button|select)\b/);
    expect(main).not.toContain('<form');
    expect(main).not.toContain('Save changes');
    expect(main).not.toContain('/contacts/003ROLE0000000001A/delete');
    expect(main).toContain('<dt>Title</dt><dd dir="auto">Reader</dd>');
    expect(main).toContain('href="/contacts/003ROLE0000000001A/vcard"');
  });

  test('when a viewer opens the list, then there is no New contact link', async () => {
    const list = await t.agentSignedInAs(VIEWER).get('/contacts');

    expect(list.status).toBe(200);
    expect(list.text).not.toContain('New contact');
    expect(list.text).not.toContain('href="/contacts/new"');
  });

  test('when a viewer opens the failed writes and a failed contact’s card, then neither offers Retry', async () => {
    const failed = await failedContact('Unretryable');
    const viewer = t.agentSignedInAs(VIEWER);

    const page = await viewer.get('/sync/failed');
    const card = await viewer.get(`/contacts/${failed.sfid}`);

    expect(page.text).toContain(`href="/contacts/${failed.sfid}"`);
    expect(card.text).toContain('badge-failed">FAILED');
    for (const html of [page.text, card.text]) {
      expect(mainOf(html)).not.toContain('/sync/retry');
      expect(mainOf(html)).not.toContain('Retry');
    }
  });

  test('when a viewer opens the New contact or Delete page, then it is refused with a 403 page', async () => {
    await insertContact(t.db, { sfid: '003ROLE0000000002A', lastname: 'Kept' });
    const viewer = t.agentSignedInAs(VIEWER);

    const [newContact, confirmDelete] = await Promise.all([
      viewer.get('/contacts/new'),
      viewer.get('/contacts/003ROLE0000000002A/delete'),
    ]);

    for (const page of [newContact, confirmDelete]) {
      expect(page.status).toBe(403);
      expect(page.text).toContain('Your role (viewer) cannot do this: it needs the editor role.');
    }
  });

  test.each(['save', 'create', 'delete', 'retry'] as const)(
    'when a viewer posts a %s with a valid CSRF token, then it is refused with a 403 page, nothing changes and the refusal is recorded',
    async (action) => {
      const send = (await requests(t.agentSignedInAs(VIEWER)))[action];
      const before = await everything();
      const mark = await trail.since();

      const res = await send();

      expect(res.status).toBe(403);
      expect(res.text).toContain('Your role (viewer) cannot do this: it needs the editor role.');
      expect(await everything()).toEqual(before);
      expect(await trail.after(mark)).toEqual([
        expect.objectContaining({
          action: 'refused',
          user_id: VIEWER.id,
          user_name: VIEWER.name,
          contact_key: null,
          changes: [],
          detail: expect.stringMatching(
            /^POST \/(contacts|sync)\S* needs the editor role;/,
          ) as unknown,
          request_id: (res.headers as Record<string, string>)['x-request-id'],
        }),
      ]);
    },
  );

  test.each(['save', 'create', 'delete', 'retry'] as const)(
    'when an editor posts the same %s, then it is done and recorded',
    async (action) => {
      const send = (await requests(t.agentSignedInAs(TEST_USERS.editor)))[action];
      const before = await everything();
      const mark = await trail.since();

      const res = await send();

      expect(res.status).toBe(303);
      expect(await everything()).not.toEqual(before);
      expect(await trail.after(mark)).toEqual([
        expect.objectContaining({
          action: action === 'save' ? 'edit' : action,
          user_id: TEST_USERS.editor.id,
        }),
      ]);
    },
  );

  test('when an admin or the shared sign-in opens a card, then it has the edit form', async () => {
    await insertContact(t.db, { sfid: '003ROLE0000000003A', lastname: 'Editable' });

    const cards = await Promise.all([
      t.agentSignedInAs(TEST_USERS.admin).get('/contacts/003ROLE0000000003A'),
      (await t.signedInAgent()).get('/contacts/003ROLE0000000003A'),
    ]);

    for (const card of cards) {
      expect(mainOf(card.text)).toContain('Save changes');
      expect(mainOf(card.text)).toContain('href="/contacts/003ROLE0000000003A/delete"');
    }
  });
});
