import { insertContact } from '../support/contacts';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';
import { insertEntries, listedRequestIds } from './auditEntries';

/**
 * A contact created in the app is recorded under its External ID; once Connect gives it an
 * sfid, later entries carry both. The filter finds all of them from either name.
 */
describe('filtering the audit trail by a contact that changed names', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await insertContact(t.db, {
      sfid: '003NAMES0000001AAA',
      external_contact_id__c: 'ext-names-1',
    });
    await insertContact(t.db, {
      sfid: '003NAMES0000002AAA',
      external_contact_id__c: 'ext-names-2',
    });
    await insertEntries(t.db, [
      {
        requestId: 'created',
        action: 'create',
        contactKey: 'ext-names-1',
        externalId: 'ext-names-1',
      },
      {
        requestId: 'edited',
        contactKey: '003NAMES0000001AAA',
        sfid: '003NAMES0000001AAA',
        externalId: 'ext-names-1',
      },
      {
        requestId: 'someone else',
        contactKey: '003NAMES0000002AAA',
        sfid: '003NAMES0000002AAA',
        externalId: 'ext-names-2',
      },
    ]);
  });
  afterAll(() => t.close());

  test.each(['003NAMES0000001AAA', 'ext-names-1'])(
    'when filtering by %s, then both the entry before the sfid and the one after are listed, and no other contact’s',
    async (name) => {
      const admin = t.agentSignedInAs(TEST_USERS.admin);

      const page = await admin.get(`/audit?contact=${name}`);
      const csv = await admin.get(`/audit.csv?contact=${name}`);

      expect(listedRequestIds(page.text)).toEqual(['edited', 'created']);
      expect(csv.text).toContain('created');
      expect(csv.text).not.toContain('someone else');
    },
  );

  test('when the name is no contact’s, then only entries recorded under it match', async () => {
    const admin = t.agentSignedInAs(TEST_USERS.admin);

    const page = await admin.get('/audit?contact=ext-gone');

    expect(listedRequestIds(page.text)).toEqual([]);
  });
});
