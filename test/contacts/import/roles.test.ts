import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { csrfTokenIn } from '../../support/httpUser';
import { importIdOf, upload } from './importSupport';

/** Importing writes contacts, so only editors and admins may; a viewer is refused every step. */
describe('who may import contacts', () => {
  let t: TestApp;
  let importId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const uploaded = await upload(t.agentSignedInAs(TEST_USERS.editor), 'Last Name\nRole\n');
    importId = importIdOf(uploaded.headers.location);
  });
  afterAll(async () => {
    await t.close();
  });

  test.each([
    ['GET', '/contacts/import'],
    ['GET', '/contacts/import/:id'],
    ['GET', '/contacts/import/:id/skipped.csv'],
    ['POST', '/contacts/import/:id/columns'],
    ['POST', '/contacts/import/:id/confirm'],
  ])('when a viewer asks for %s %s, then it is refused with 403', async (method, path) => {
    const viewer = t.agentSignedInAs(TEST_USERS.viewer);
    const url = path.replace(':id', importId);
    const token = csrfTokenIn((await viewer.get('/contacts')).text);

    const response =
      method === 'GET'
        ? await viewer.get(url)
        : await viewer.post(url).type('form').send({ _csrf: token });

    expect(response.status).toBe(403);
  });

  test('when a viewer uploads a file, then it is refused with 403 and nothing is stored', async () => {
    const viewer = t.agentSignedInAs(TEST_USERS.viewer);
    const token = csrfTokenIn((await viewer.get('/contacts')).text);

    const response = await viewer
      .post('/contacts/import')
      .field('_csrf', token)
      .attach('file', Buffer.from('Last Name\nViewer\n'), 'contacts.csv');

    expect(response.status).toBe(403);
    const stored = await t.db.query('SELECT 1 FROM contact_card.imports WHERE user_id = $1', [
      TEST_USERS.viewer.id,
    ]);
    expect(stored.rowCount).toBe(0);
  });

  test("when another editor opens someone's import, then it is not found", async () => {
    const other = t.agentSignedInAs({ ...TEST_USERS.editor, id: '005TEST0000000OTH' });

    expect((await other.get(`/contacts/import/${importId}`)).status).toBe(404);
  });

  test("when an admin opens someone's import, then it is shown", async () => {
    expect(
      (await t.agentSignedInAs(TEST_USERS.admin).get(`/contacts/import/${importId}`)).status,
    ).toBe(200);
  });
});
