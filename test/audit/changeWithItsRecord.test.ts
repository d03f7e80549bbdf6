import type TestAgent from 'supertest/lib/agent';
import type { Database } from '../../src/db/database';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { entriesIn, insertFromSalesforce, updateAsApp } from '../emulator/harness';
import { insertContact, submitCard } from '../support/contacts';
import { hiddenFieldsIn } from '../support/httpUser';
import { csrfTokenIn, type TestApp } from '../support/testApp';
import { startAuditedApp, type AuditedApp } from './auditTrail';

/** Every row of the contact table and both trigger logs: what a change could leave behind. */
async function everything(db: Database): Promise<unknown> {
  const result = await db.query<{ all: unknown }>(
    `SELECT jsonb_build_object(
       'contacts', (SELECT jsonb_agg(c ORDER BY c.id) FROM salesforce.contact c),
       'live', (SELECT jsonb_agg(l ORDER BY l.id) FROM salesforce._trigger_log l),
       'archive', (SELECT jsonb_agg(a ORDER BY a.id) FROM salesforce._trigger_log_archive a)
     ) AS all`,
  );
  return result.rows[0]?.all;
}

/** There is never a change without its record, nor a record of a change that did not happen. */
describe('a contact change and its audit entry', () => {
  let t: TestApp;
  let emulator: ConnectEmulator;
  let editor: TestAgent;
  let trail: AuditedApp['trail'];
  beforeAll(async () => {
    ({ t, emulator, editor, trail } = await startAuditedApp());
    // Creates the table, so the test's trigger can go on it.
    await trail.since();
    await t.db.query(`
      CREATE FUNCTION public.refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'refused by the test';
      END $$`);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Runs `work` while every audit insert fails, after the change it records was written. */
  const withAuditFailing = async <T>(work: () => Promise<T>): Promise<T> => {
    await t.db.query(
      `CREATE TRIGGER refuse_audit BEFORE INSERT ON contact_card.audit_entries
         FOR EACH ROW EXECUTE FUNCTION public.refuse()`,
    );
    try {
      return await work();
    } finally {
      await t.db.query('DROP TRIGGER refuse_audit ON contact_card.audit_entries');
    }
  };

  /**
   * Runs `work` while a transaction that made this write to `table` fails at COMMIT: after the
   * change and its audit entry were both written, as a lost connection or a serialization
   * failure would make it fail.
   */
  const withCommitFailing = async <T>(
    write: 'INSERT' | 'UPDATE' | 'DELETE',
    table: string,
    work: () => Promise<T>,
  ): Promise<T> => {
    await t.db.query(
      `CREATE CONSTRAINT TRIGGER refuse_commit AFTER ${write} ON ${table}
         DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.refuse()`,
    );
    try {
      return await work();
    } finally {
      await t.db.query(`DROP TRIGGER refuse_commit ON ${table}`);
    }
  };

  /** What a request changed: the database before and after, and the entries it recorded. */
  const changedBy = async (send: () => PromiseLike<{ status: number }>) => {
    const mark = await trail.since();
    const before = await everything(t.db);
    const res = await send();
    return {
      status: res.status,
      before,
      after: await everything(t.db),
      entries: await trail.after(mark),
    };
  };

  const failedWrite = async () => {
    const contact = await insertFromSalesforce(t.db, { lastname: 'Failing' });
    await updateAsApp(t.db, contact.id, { email: `retry${contact.id}@invalid.example` });
    await emulator.processOnce();
    const [entry] = await entriesIn(t.db, '_trigger_log', contact.id);
    if (entry?.state !== 'FAILED') throw new Error('the write should have failed');
    return { ...contact, entryId: entry.id };
  };

  const retry = async (entryId: number) => {
    const csrf = csrfTokenIn((await editor.get('/sync/failed')).text);
    return editor
      .post('/sync/retry')
      .type('form')
      .send({ _csrf: csrf, source: 'live', id: String(entryId) });
  };

  describe('when the audit entry cannot be written, then the change is rolled back', () => {
    test('when a save’s entry fails, then the contact keeps every value and nothing reaches the trigger log', async () => {
      await insertContact(t.db, { sfid: '003ROLLBACK00001AA', lastname: 'Kept', title: 'Old' });
      const card = await editor.get('/contacts/003ROLLBACK00001AA');

      const { status, before, after, entries } = await changedBy(() =>
        withAuditFailing(async () =>
          editor
            .post('/contacts/003ROLLBACK00001AA')
            .type('form')
            .send({ ...hiddenFieldsIn(card.text, '/contacts/003ROLLBACK00001AA'), title: 'New' }),
        ),
      );

      expect(status).toBe(500);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });

    test('when a create’s entry fails, then no contact exists, and the same form posted again creates it once with its entry', async () => {
      const form = hiddenFieldsIn((await editor.get('/contacts/new')).text, '/contacts');
      const post = () =>
        editor
          .post('/contacts')
          .type('form')
          .send({ ...form, lastname: 'Rolled back' });

      const failed = await changedBy(() => withAuditFailing(post));

      expect(failed.status).toBe(500);
      expect(failed.after).toEqual(failed.before);
      expect(failed.entries).toEqual([]);

      const again = await changedBy(post);

      expect(again.status).toBe(303);
      expect(again.entries).toMatchObject([{ action: 'create' }]);
    });

    test('when a delete’s entry fails, then the contact is still there, unchanged', async () => {
      await insertContact(t.db, { sfid: '003ROLLBACK00002AA', lastname: 'Staying' });
      const confirm = await editor.get('/contacts/003ROLLBACK00002AA/delete');

      const { status, before, after, entries } = await changedBy(() =>
        withAuditFailing(async () =>
          editor
            .post('/contacts/003ROLLBACK00002AA/delete')
            .type('form')
            .send(hiddenFieldsIn(confirm.text, '/contacts/003ROLLBACK00002AA/delete')),
        ),
      );

      expect(status).toBe(500);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });

    test('when a retry’s entry fails, then the write stays FAILED', async () => {
      const failed = await failedWrite();

      const { status, before, after, entries } = await changedBy(() =>
        withAuditFailing(() => retry(failed.entryId)),
      );

      expect(status).toBe(500);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });
  });

  describe('when the transaction fails at commit, then neither the change nor its entry is kept', () => {
    test('when a save fails at commit, then the contact and the trail are as before', async () => {
      await insertContact(t.db, {
        sfid: '003ROLLBACK00003AA',
        lastname: 'Committed',
        title: 'Old',
      });

      const { status, before, after, entries } = await changedBy(() =>
        withCommitFailing('UPDATE', 'salesforce.contact', () =>
          submitCard(editor, '003ROLLBACK00003AA', { title: 'New' }),
        ),
      );

      expect(status).toBe(500);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });

    test('when a create fails at commit, then there is no contact and no entry', async () => {
      const form = hiddenFieldsIn((await editor.get('/contacts/new')).text, '/contacts');

      const { status, before, after, entries } = await changedBy(() =>
        withCommitFailing('INSERT', 'salesforce.contact', async () =>
          editor
            .post('/contacts')
            .type('form')
            .send({ ...form, lastname: 'Never committed' }),
        ),
      );

      expect(status).toBe(500);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });

    test('when a delete fails at commit, then the contact is still there and no entry', async () => {
      await insertContact(t.db, { sfid: '003ROLLBACK00004AA', lastname: 'Undeleted' });
      const confirm = await editor.get('/contacts/003ROLLBACK00004AA/delete');

      const { status, before, after, entries } = await changedBy(() =>
        withCommitFailing('DELETE', 'salesforce.contact', async () =>
          editor
            .post('/contacts/003ROLLBACK00004AA/delete')
            .type('form')
            .send(hiddenFieldsIn(confirm.text, '/contacts/003ROLLBACK00004AA/delete')),
        ),
      );

      expect(status).toBe(500);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });

    test('when a retry fails at commit, then the write stays FAILED and no entry', async () => {
      const failed = await failedWrite();

      const { status, before, after, entries } = await changedBy(() =>
        withCommitFailing('UPDATE', 'salesforce._trigger_log', () => retry(failed.entryId)),
      );

      expect(status).toBe(500);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });
  });

  describe('when nothing was changed, then nothing is recorded', () => {
    test('when a save changes no value, then there is no entry', async () => {
      await insertContact(t.db, { sfid: '003NOCHANGE00001AA', lastname: 'Same' });

      const { status, entries } = await changedBy(() =>
        submitCard(editor, '003NOCHANGE00001AA', { lastname: ' Same ' }),
      );

      expect(status).toBe(303);
      expect(entries).toEqual([]);
    });

    test('when a save conflicts with a change made meanwhile, then there is no entry until the user resolves it', async () => {
      await insertContact(t.db, { sfid: '003NOCHANGE00002AA', lastname: 'Racing', title: 'Old' });
      const card = await editor.get('/contacts/003NOCHANGE00002AA');
      await t.db.query("UPDATE salesforce.contact SET title = 'Theirs' WHERE sfid = $1", [
        '003NOCHANGE00002AA',
      ]);

      const { status, before, after, entries } = await changedBy(() =>
        editor
          .post('/contacts/003NOCHANGE00002AA')
          .type('form')
          .send({ ...hiddenFieldsIn(card.text, '/contacts/003NOCHANGE00002AA'), title: 'Mine' }),
      );

      expect(status).toBe(409);
      expect(after).toEqual(before);
      expect(entries).toEqual([]);
    });

    test('when a delete finds the contact changed since it was shown, then there is no entry', async () => {
      await insertContact(t.db, { sfid: '003NOCHANGE00003AA', lastname: 'Moving' });
      const confirm = await editor.get('/contacts/003NOCHANGE00003AA/delete');
      await t.db.query("UPDATE salesforce.contact SET title = 'Changed' WHERE sfid = $1", [
        '003NOCHANGE00003AA',
      ]);

      const { status, entries } = await changedBy(() =>
        editor
          .post('/contacts/003NOCHANGE00003AA/delete')
          .type('form')
          .send(hiddenFieldsIn(confirm.text, '/contacts/003NOCHANGE00003AA/delete')),
      );

      expect(status).toBe(409);
      expect(entries).toEqual([]);
    });

    test('when the same New contact form is posted twice, then only the post that created the contact is recorded', async () => {
      const form = hiddenFieldsIn((await editor.get('/contacts/new')).text, '/contacts');
      const post = () =>
        editor
          .post('/contacts')
          .type('form')
          .send({ ...form, lastname: 'Twice' });

      const first = await changedBy(post);
      const second = await changedBy(post);

      expect([first.status, second.status]).toEqual([303, 303]);
      expect(first.entries).toMatchObject([{ action: 'create' }]);
      expect(second.entries).toEqual([]);
    });

    test('when a failed write is retried twice, then only the retry that requeued it is recorded', async () => {
      const failed = await failedWrite();

      const first = await changedBy(() => retry(failed.entryId));
      const second = await changedBy(() => retry(failed.entryId));

      expect([first.status, second.status]).toEqual([303, 303]);
      expect(first.entries).toMatchObject([{ action: 'retry' }]);
      expect(second.entries).toEqual([]);
    });
  });
});
