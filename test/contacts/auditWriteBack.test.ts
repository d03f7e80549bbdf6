import type TestAgent from 'supertest/lib/agent';
import { readMapping } from '../../src/connect/mapping';
import { editedBy } from '../../src/contacts/editedBy';
import { auditTrail } from '../audit/auditTrail';
import { insertContact, submitCard } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

const COLUMN = 'last_edited_in_app_by__c';
const WARNING = `<code>AUDIT_SALESFORCE_FIELD</code> is <code>${COLUMN}</code>, but <code>salesforce.contact</code> has no such column`;

/** The app with AUDIT_SALESFORCE_FIELD as given, and the column in Connect's table or not. */
async function appWith(field: string | null, { mapped }: { mapped: boolean }): Promise<TestApp> {
  const t = await startTestApp({ env: field ? { AUDIT_SALESFORCE_FIELD: field } : {} });
  // As Connect adds a newly mapped Salesforce Text(80) field; before the first request reads the mapping.
  if (mapped) await t.db.query(`ALTER TABLE salesforce.contact ADD COLUMN ${COLUMN} varchar(80)`);
  return t;
}

async function storedEditor(t: TestApp, where: string, value: string): Promise<unknown> {
  const result = await t.db.query<Record<string, unknown>>(
    `SELECT ${COLUMN} FROM salesforce.contact WHERE ${where} = $1`,
    [value],
  );
  return result.rows[0]?.[COLUMN];
}

async function createContact(agent: TestAgent, lastname: string): Promise<string> {
  const form = await agent.get('/contacts/new');
  const created = await agent
    .post('/contacts')
    .type('form')
    .send({ ...hiddenFieldsIn(form.text, '/contacts'), lastname });
  expect(created.status).toBe(303);
  return (created.headers.location ?? '').replace('/contacts/', '');
}

describe('the editor written back to Salesforce', () => {
  describe('when AUDIT_SALESFORCE_FIELD names a mapped column', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await appWith(COLUMN, { mapped: true });
    });
    afterAll(async () => {
      await t.close();
    });

    test('when an editor saves a change, then the column holds their username and the audit entry lists only their change', async () => {
      const contact = await insertContact(t.db, { title: 'Engineer' });
      const sfid = contact.sfid ?? '';
      const trail = auditTrail(t.db);
      const mark = await trail.since();

      const saved = await submitCard(t.agentSignedInAs(TEST_USERS.editor), sfid, {
        title: 'Manager',
      });

      expect(saved.status).toBe(303);
      expect(await storedEditor(t, 'sfid', sfid)).toBe(TEST_USERS.editor.username);
      const entries = await trail.after(mark);
      expect(entries.map((entry) => entry.changes)).toEqual([
        [{ field: 'title', label: 'Title', from: 'Engineer', to: 'Manager' }],
      ]);
    });

    test('when the shared sign-in saves a change, then the column holds "shared"', async () => {
      const contact = await insertContact(t.db);
      const sfid = contact.sfid ?? '';

      await submitCard(await t.signedInAgent(), sfid, { title: 'Director' });

      expect(await storedEditor(t, 'sfid', sfid)).toBe('shared');
    });

    test('when a save changes nothing, then the column is not written', async () => {
      const contact = await insertContact(t.db);
      const sfid = contact.sfid ?? '';

      const saved = await submitCard(t.agentSignedInAs(TEST_USERS.editor), sfid, {});

      expect(saved.status).toBe(303);
      expect(await storedEditor(t, 'sfid', sfid)).toBeNull();
    });

    test('when an editor creates a contact, then the insert sets the column to their username', async () => {
      const externalId = await createContact(t.agentSignedInAs(TEST_USERS.editor), 'Hopper');

      expect(await storedEditor(t, 'external_contact_id__c', externalId)).toBe(
        TEST_USERS.editor.username,
      );
    });

    test('when a card is shown, then the column is no field of its form, and /setup has no warning', async () => {
      const contact = await insertContact(t.db);

      const card = await t
        .agentSignedInAs(TEST_USERS.editor)
        .get(`/contacts/${contact.sfid ?? ''}`);
      const setup = await t.agentSignedInAs(TEST_USERS.admin).get('/setup');

      expect(card.status).toBe(200);
      expect(card.text).not.toContain(COLUMN);
      expect(setup.text).not.toContain('AUDIT_SALESFORCE_FIELD');
    });
  });

  describe('when AUDIT_SALESFORCE_FIELD is not set', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await appWith(null, { mapped: true });
    });
    afterAll(async () => {
      await t.close();
    });

    test('when an editor saves a change or creates a contact, then the column is left alone', async () => {
      const contact = await insertContact(t.db);
      const sfid = contact.sfid ?? '';
      const editor = t.agentSignedInAs(TEST_USERS.editor);

      await submitCard(editor, sfid, { title: 'Manager' });
      const externalId = await createContact(editor, 'Lamarr');

      expect(await storedEditor(t, 'sfid', sfid)).toBeNull();
      expect(await storedEditor(t, 'external_contact_id__c', externalId)).toBeNull();
    });
  });

  describe('when AUDIT_SALESFORCE_FIELD names a column Connect has not mapped', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await appWith(COLUMN, { mapped: false });
    });
    afterAll(async () => {
      await t.close();
    });

    test('when an editor saves a change or creates a contact, then both still work', async () => {
      const contact = await insertContact(t.db, { title: 'Engineer' });
      const editor = t.agentSignedInAs(TEST_USERS.editor);

      const saved = await submitCard(editor, contact.sfid ?? '', { title: 'Manager' });
      const externalId = await createContact(editor, 'Noether');

      expect(saved.status).toBe(303);
      const stored = await t.db.query(
        `SELECT title FROM salesforce.contact WHERE sfid = $1 OR external_contact_id__c = $2
          ORDER BY id`,
        [contact.sfid, externalId],
      );
      expect(stored.rows).toEqual([{ title: 'Manager' }, { title: null }]);
    });

    test('when saves find the column missing, then the log warns once, naming it', async () => {
      const mapping = await readMapping(t.db, 'salesforce');
      const warnings: string[] = [];
      const log = {
        warn: (message: string) => {
          warnings.push(message);
        },
      };
      const stamp = editedBy(COLUMN);

      const writes = [stamp(mapping, 'a@example.com', log), stamp(mapping, 'b@example.com', log)];

      expect(writes).toEqual([{}, {}]);
      expect(warnings).toEqual([
        `AUDIT_SALESFORCE_FIELD=${COLUMN} is ignored: the Connect mapping of Contact has no such column (see /setup)`,
      ]);
    });

    test('when a signed-in user opens /setup, then it names the column and how to map it', async () => {
      const setup = await t.agentSignedInAs(TEST_USERS.admin).get('/setup');

      expect(setup.status).toBe(200);
      expect(setup.text).toContain(WARNING);
      expect(setup.text).toContain('Add the field to the Contact mapping in Heroku Connect');
    });
  });

  describe('when AUDIT_SALESFORCE_FIELD names a field the app edits', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await appWith('title', { mapped: false });
    });
    afterAll(async () => {
      await t.close();
    });

    test('when an editor changes another field, then that field keeps its value and /setup says it is ignored', async () => {
      const contact = await insertContact(t.db, { title: 'Engineer' });

      await submitCard(t.agentSignedInAs(TEST_USERS.editor), contact.sfid ?? '', {
        department: 'Research',
      });
      const setup = await t.agentSignedInAs(TEST_USERS.admin).get('/setup');

      const stored = await t.db.query(
        'SELECT title, department FROM salesforce.contact WHERE id = $1',
        [contact.id],
      );
      expect(stored.rows).toEqual([{ title: 'Engineer', department: 'Research' }]);
      expect(setup.text).toContain(
        '<code>AUDIT_SALESFORCE_FIELD</code> is <code>title</code>, a column the app or Salesforce fills itself',
      );
    });
  });
});
