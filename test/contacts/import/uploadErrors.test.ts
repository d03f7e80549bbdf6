import type TestAgent from 'supertest/lib/agent';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importErrorIn, upload } from './importSupport';

/** A file that cannot be imported is refused whole, saying what is wrong, and nothing is stored. */
describe('uploading a file the import cannot read', () => {
  let t: TestApp;
  let editor: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  const storedImports = async () =>
    Number(
      (await t.db.query<{ n: string }>('SELECT count(*) AS n FROM contact_card.imports')).rows[0]
        ?.n,
    );

  test.each([
    ['an empty file', '', 422, 'This file is empty'],
    ['a header without rows', 'First Name,Last Name\n', 422, 'has a header row but no rows'],
    [
      'an unbalanced quote',
      'First Name,Last Name\nAda,"Lovelace\nGrace,Hopper\n',
      422,
      'unbalanced quote',
    ],
    [
      'more values than columns',
      'First Name,Last Name\nAda,Lovelace\nGrace,Hopper,Navy\n',
      422,
      'Line 3 has 3 values but the header has 2 columns',
    ],
    [
      'binary data',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]),
      422,
      'not a CSV text file',
    ],
  ])(
    'when the file is %s, then it is refused with a message and nothing is stored',
    async (_case, content, status, message) => {
      const before = await storedImports();

      const response = await upload(editor, content);

      expect(response.status).toBe(status);
      expect(importErrorIn(response.text)).toContain(message);
      expect(await storedImports()).toBe(before);
    },
  );

  test('when no file is chosen, then the form asks for one', async () => {
    const response = await upload(editor, '', '');

    expect(response.status).toBe(422);
    expect(importErrorIn(response.text)).toBe('Choose a CSV file to import.');
  });

  test('when the file has more rows than the limit, then it is refused with 413 and nothing is stored', async () => {
    const before = await storedImports();
    const rows = Array.from({ length: 100_001 }, (_, i) => `L${i}`).join('\n');

    const response = await upload(editor, `Last Name\n${rows}\n`);

    expect(response.status).toBe(413);
    expect(importErrorIn(response.text)).toContain('more than 100,000 rows');
    expect(await storedImports()).toBe(before);
  });

  test('when the file is larger than 32 MB, then it is refused with 413 and nothing is stored', async () => {
    const before = await storedImports();
    const line = 'Lovelace\n';
    const big = Buffer.from(
      `Last Name\n${line.repeat(Math.ceil((33 * 1024 * 1024) / line.length))}`,
    );

    const response = await upload(editor, big);

    expect(response.status).toBe(413);
    expect(importErrorIn(response.text)).toContain('larger than 32 MB');
    expect(await storedImports()).toBe(before);
  });

  test('when the form has no CSRF token, then it is refused and nothing is stored', async () => {
    const before = await storedImports();

    const response = await editor
      .post('/contacts/import')
      .attach('file', Buffer.from('Last Name\nLovelace\n'), 'contacts.csv');

    expect(response.status).toBe(403);
    expect(await storedImports()).toBe(before);
  });
});
