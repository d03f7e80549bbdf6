import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { entriesIn, insertFromSalesforce, readRow, updateAsApp } from '../emulator/harness';
import { formValuesIn, insertContact, submitCard } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';
import { csrfTokenIn, TEST_USERS, type TestApp } from '../support/testApp';
import { changedHereIn, startAuditedApp, type AuditedApp } from './auditTrail';

const EDITOR = TEST_USERS.editor;
const BY_EDITOR = { user_id: EDITOR.id, username: EDITOR.username, user_name: EDITOR.name };

describe('the audit trail of contact changes', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let editor: TestAgent;
  let trail: AuditedApp['trail'];
  beforeAll(async () => {
    ({ t, emulator, editor, trail } = await startAuditedApp());
  });
  afterAll(async () => {
    await t.close();
  });

  /** The entries a request wrote, with the request id its answer carried. */
  const writtenBy = async (send: () => PromiseLike<Response>) => {
    const mark = await trail.since();
    const res = await send();
    const requestId = (res.headers as Record<string, string | undefined>)['x-request-id'];
    return { res, entries: await trail.after(mark), requestId };
  };

  const cardOf = async (key: string) => {
    const card = await editor.get(`/contacts/${key}`);
    expect(card.status).toBe(200);
    return card.text;
  };

  const failedWrite = async (values: Record<string, string>) => {
    const contact = await insertFromSalesforce(t.db, values);
    await updateAsApp(t.db, contact.id, { email: `retry${contact.id}@invalid.example` });
    await emulator.processOnce();
    const [entry] = await entriesIn(t.db, '_trigger_log', contact.id);
    if (entry?.state !== 'FAILED') throw new Error('the write should have failed');
    return { ...contact, entryId: entry.id };
  };

  test('when an editor saves a card, then one entry records who, the contact, each written field from its old value and the request id, and the card shows it', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003AUDIT000000001A',
      lastname: 'Lovelace',
      title: 'Analyst',
      email: 'ada@example.com',
    });

    const { res, entries, requestId } = await writtenBy(() =>
      submitCard(editor, '003AUDIT000000001A', { title: 'Countess', email: '', phone: '' }),
    );

    expect(res.status).toBe(303);
    expect(requestId).toMatch(/./);
    expect(entries).toEqual([
      {
        action: 'edit',
        ...BY_EDITOR,
        contact_key: '003AUDIT000000001A',
        contact_row_id: String(contact.id),
        sfid: '003AUDIT000000001A',
        external_id: null,
        changes: [
          { field: 'title', label: 'Title', from: 'Analyst', to: 'Countess' },
          { field: 'email', label: 'Email', from: 'ada@example.com', to: '' },
          { field: 'phone', label: 'Phone', from: contact.phone, to: '' },
        ],
        detail: null,
        request_id: requestId,
      },
    ]);
    expect(changedHereIn(await cardOf('003AUDIT000000001A'))).toEqual([
      [
        expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/),
        EDITOR.name,
        'Edited',
        'Title, Email, Phone',
      ],
    ]);
  });

  test('when the request arrives with an X-Request-ID of its own, then the entry records the app’s id, not that one', async () => {
    await insertContact(t.db, { sfid: '003AUDIT00000000RQ', lastname: 'Chosen' });
    const card = await cardOf('003AUDIT00000000RQ');

    const { res, entries, requestId } = await writtenBy(() =>
      editor
        .post('/contacts/003AUDIT00000000RQ')
        .set('X-Request-ID', 'chosen-by-the-client')
        .type('form')
        .send({ ...formValuesIn(card), title: 'Renamed' }),
    );

    expect(res.status).toBe(303);
    expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(entries.map((entry) => entry.request_id)).toEqual([requestId]);
  });

  test('when an editor creates a contact, then one entry records every field it was given, under its external id, and its card shows it before and after Connect gives it an sfid', async () => {
    const form = await editor.get('/contacts/new');

    const { res, entries, requestId } = await writtenBy(() =>
      editor
        .post('/contacts')
        .type('form')
        .send({
          ...hiddenFieldsIn(form.text, '/contacts'),
          firstname: 'Katherine',
          lastname: 'Johnson',
          mailingcity: 'Hampton',
        }),
    );

    expect(res.status).toBe(303);
    const externalId = /^\/contacts\/([0-9a-f]{32})$/.exec(res.headers.location ?? '')?.[1] ?? '';
    const row = await t.db.query<{ id: number }>(
      'SELECT id FROM salesforce.contact WHERE external_contact_id__c = $1',
      [externalId],
    );
    expect(entries).toEqual([
      {
        action: 'create',
        ...BY_EDITOR,
        contact_key: externalId,
        contact_row_id: String(row.rows[0]?.id),
        sfid: null,
        external_id: externalId,
        changes: [
          { field: 'firstname', label: 'First name', from: '', to: 'Katherine' },
          { field: 'lastname', label: 'Last name', from: '', to: 'Johnson' },
          { field: 'mailingcity', label: 'City', from: '', to: 'Hampton' },
        ],
        detail: null,
        request_id: requestId,
      },
    ]);
    const created = [expect.any(String), EDITOR.name, 'Created', 'First name, Last name, City'];
    expect(changedHereIn(await cardOf(externalId))).toEqual([created]);

    await emulator.processOnce();

    const sfid = (await readRow(t.db, row.rows[0]?.id ?? 0))?.sfid;
    expect(sfid).toMatch(/^003/);
    expect(changedHereIn(await cardOf(sfid ?? ''))).toEqual([created]);
  });

  test('when an editor deletes a contact, then one entry records every field it held, and the card shows it if Salesforce restores the record', async () => {
    const contact = await insertContact(t.db, {
      sfid: '003AUDIT000000002A',
      firstname: 'Grace',
      lastname: 'Hopper',
      title: 'Commodore',
      email: 'grace@example.com',
      phone: null,
    });
    const confirm = await editor.get('/contacts/003AUDIT000000002A/delete');

    const { res, entries, requestId } = await writtenBy(() =>
      editor
        .post('/contacts/003AUDIT000000002A/delete')
        .type('form')
        .send(hiddenFieldsIn(confirm.text, '/contacts/003AUDIT000000002A/delete')),
    );

    expect(res.status).toBe(303);
    expect(entries).toEqual([
      {
        action: 'delete',
        ...BY_EDITOR,
        contact_key: '003AUDIT000000002A',
        contact_row_id: String(contact.id),
        sfid: '003AUDIT000000002A',
        external_id: null,
        changes: [
          { field: 'firstname', label: 'First name', from: 'Grace', to: '' },
          { field: 'lastname', label: 'Last name', from: 'Hopper', to: '' },
          { field: 'title', label: 'Title', from: 'Commodore', to: '' },
          { field: 'email', label: 'Email', from: 'grace@example.com', to: '' },
        ],
        detail: null,
        request_id: requestId,
      },
    ]);
    // Undeleting in Salesforce keeps the record's Id, and Connect syncs it back as a new row.
    await insertContact(t.db, { sfid: '003AUDIT000000002A', lastname: 'Hopper' });
    expect(changedHereIn(await cardOf('003AUDIT000000002A'))).toEqual([
      [expect.any(String), EDITOR.name, 'Deleted', 'First name, Last name, Title, Email'],
    ]);
  });

  test('when an editor retries a failed write, then one entry names the write and its contact, and the card shows it', async () => {
    const failed = await failedWrite({ lastname: 'Failing' });
    const csrf = csrfTokenIn((await editor.get('/sync/failed')).text);

    const { res, entries, requestId } = await writtenBy(() =>
      editor
        .post('/sync/retry')
        .type('form')
        .send({ _csrf: csrf, source: 'live', id: String(failed.entryId) }),
    );

    expect(res.status).toBe(303);
    expect(entries).toEqual([
      {
        action: 'retry',
        ...BY_EDITOR,
        contact_key: failed.sfid,
        contact_row_id: String(failed.id),
        sfid: failed.sfid,
        external_id: null,
        changes: [],
        detail: `retried failed write #${failed.entryId} (UPDATE)`,
        request_id: requestId,
      },
    ]);
    expect(changedHereIn(await cardOf(failed.sfid))).toEqual([
      [
        expect.any(String),
        EDITOR.name,
        'Retried',
        `retried failed write #${failed.entryId} (UPDATE)`,
      ],
    ]);
  });

  test('when a new contact’s failed insert is retried, then the entry finds the contact by its external id, as its card does', async () => {
    const form = await editor.get('/contacts/new');
    const created = await editor
      .post('/contacts')
      .type('form')
      .send({ ...hiddenFieldsIn(form.text, '/contacts'), lastname: 'DUPLICATE Smith' });
    const key = (created.headers.location ?? '').replace('/contacts/', '');
    await emulator.processOnce();
    const row = await t.db.query<{ id: number }>(
      'SELECT id FROM salesforce.contact WHERE external_contact_id__c = $1',
      [key],
    );
    const [insert] = await entriesIn(t.db, '_trigger_log', row.rows[0]?.id ?? 0);
    expect(insert).toMatchObject({ action: 'INSERT', state: 'FAILED' });
    const csrf = csrfTokenIn(await cardOf(key));

    const { entries } = await writtenBy(() =>
      editor
        .post('/sync/retry')
        .type('form')
        .send({ _csrf: csrf, source: 'live', id: String(insert?.id) }),
    );

    expect(entries).toMatchObject([
      { action: 'retry', contact_key: key, sfid: null, external_id: key },
    ]);
    expect(changedHereIn(await cardOf(key)).map((cells) => cells[2])).toEqual([
      'Retried',
      'Created',
    ]);
  });

  test('when a contact has been changed many times, then its card shows the latest five, newest first', async () => {
    await insertContact(t.db, { sfid: '003AUDIT000000003A', lastname: 'Often' });
    for (const title of ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven']) {
      await submitCard(editor, '003AUDIT000000003A', { title });
    }
    await submitCard(editor, '003AUDIT000000003A', { department: 'Last' });

    const rows = changedHereIn(await cardOf('003AUDIT000000003A'));

    expect(rows.map((cells) => cells[3])).toEqual([
      'Department',
      'Title',
      'Title',
      'Title',
      'Title',
    ]);
  });

  test('when a contact was never changed in the app, then its card says so', async () => {
    await insertContact(t.db, { sfid: '003AUDIT000000004A', lastname: 'Untouched' });

    const card = await cardOf('003AUDIT000000004A');

    expect(changedHereIn(card)).toEqual([]);
    expect(card).toContain('No change to this contact made in this app is on record.');
  });

  test('when a user’s name holds markup and a right-to-left override, then the card shows it escaped and isolated', async () => {
    const hostile = { ...EDITOR, id: '005TESTHOSTILE0AAA', name: '<img src=x>\u202Eevil' };
    await insertContact(t.db, { sfid: '003AUDIT000000005A', lastname: 'Escaped' });
    await submitCard(t.agentSignedInAs(hostile), '003AUDIT000000005A', { title: 'Changed' });

    const card = await cardOf('003AUDIT000000005A');

    expect(card).toContain('<bdi>&lt;img src=x&gt;\u202Eevil</bdi>');
    expect(card).not.toContain('<img src=x>');
  });
});
