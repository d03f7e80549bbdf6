import type TestAgent from 'supertest/lib/agent';
import { insertAccount, linkContact } from '../../support/accounts';
import { insertContact } from '../../support/contacts';
import { decodeHtml } from '../../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../../support/testApp';
import { importErrorIn, importIdOf, postPreviewForm, upload } from './importSupport';
import { countsIn } from '../../support/pageCounts';

/** The preview says what each row would do, by the contact form's rules, before anything is written. */
describe('previewing an import', () => {
  let t: TestApp;
  let editor: TestAgent;
  beforeAll(async () => {
    t = await startTestApp();
    editor = t.agentSignedInAs(TEST_USERS.editor);
  });
  afterAll(async () => {
    await t.close();
  });

  const preview = async (csv: string | Buffer) => {
    const uploaded = await upload(editor, csv);
    expect(uploaded.status).toBe(303);
    const id = importIdOf(uploaded.headers.location);
    const page = await editor.get(`/contacts/import/${id}`);
    expect(page.status).toBe(200);
    return { id, page: page.text };
  };

  /** Each column's chosen field, by the header shown beside it. */
  const chosenFields = (html: string) =>
    [...html.matchAll(/<select id="column_(\d+)"[^>]*>([\s\S]*?)<\/select>/g)].map((match) => {
      const selected = /<option value="([^"]*)" selected>/.exec(match[2] ?? '');
      return selected?.[1] ?? '';
    });

  test('when headers are spelled in the usual ways, then each column is matched to its field and the rest are listed as ignored', async () => {
    const { page } = await preview(
      'first_name,Last Name,E-mail,Company,Mobile,Shoe size,Email Address\nAda,Spelling,ada@spelling.example,Acme,+1 555,42,x@y.example\n',
    );

    expect(chosenFields(page)).toEqual([
      'firstname',
      'lastname',
      'email',
      'account',
      'mobilephone',
      '',
      '',
    ]);
    expect(
      decodeHtml(/id="ignored-columns">([\s\S]*?)<\/p>/.exec(page)?.[1] ?? '').replace(
        /<[^>]+>/g,
        '',
      ),
    ).toBe('Ignored columns: Shoe size, Email Address.');
  });

  test('when the user corrects a column, then the preview is made again with it', async () => {
    const { id, page } = await preview('Given,Family\nAda,Corrected\n');
    expect(chosenFields(page)).toEqual(['', '']);
    expect(countsIn(page).create).toBe(0);

    const saved = await postPreviewForm(editor, id, 'columns', {
      column_0: 'firstname',
      column_1: 'lastname',
    });

    expect(saved.status).toBe(303);
    const again = await editor.get(`/contacts/import/${id}`);
    expect(chosenFields(again.text)).toEqual(['firstname', 'lastname']);
    expect(countsIn(again.text).create).toBe(1);
  });

  test('when one field is chosen for two columns, then the choice is refused with a message', async () => {
    const { id } = await preview('A,B\nAda,Twice\n');

    const saved = await postPreviewForm(editor, id, 'columns', {
      column_0: 'lastname',
      column_1: 'lastname',
    });

    expect(saved.status).toBe(422);
    expect(importErrorIn(saved.text)).toBe(
      'Last name is chosen for more than one column: choose it once.',
    );
  });

  test('when a file has valid, invalid, duplicate and update rows, then the preview counts each and accounts linked and created', async () => {
    const account = await insertAccount(t.db, { name: 'Preview Existing Co' });
    await insertContact(t.db, {
      lastname: 'Known',
      email: 'known@preview.example',
    });
    const sameName = await insertContact(t.db, {
      firstname: 'Jose',
      lastname: 'Nunez',
      email: 'jn@preview.example',
    });
    await linkContact(t.db, sameName.id, account);
    const csv = [
      'First Name,Last Name,Email,Account Name',
      'Ada,New One,ada@preview.example,Preview Existing Co',
      'Bob,New Two,bob@preview.example,Preview New Co',
      'Cy,New Three,,preview new co',
      ',,nobody@preview.example,',
      'Dee,Bad Email,not-an-email,',
      'Ada,Again,ADA@preview.example,',
      'José,Núñez,other@preview.example,Preview Existing Co',
      'Kay,Known,KNOWN@preview.example,',
    ].join('\n');

    const { page } = await preview(csv);

    expect(countsIn(page)).toEqual({
      create: 3,
      update: 1,
      invalid: 2,
      duplicate: 2,
      'accounts-linked': 1,
      'accounts-created': 1,
    });
    const text = decodeHtml(page);
    expect(text).toContain('Last name is required.');
    expect(text).toContain('Email: Enter an email address like name@example.com.');
    expect(text).toContain('Row 1 above has the same email.');
    expect(text).toContain('An existing contact has the same name at the same account.');
  });

  test('when the file is Windows-1252, then it is read as such and the preview says so', async () => {
    const bytes = Buffer.from('Last Name\nM\xfcller\n', 'latin1');

    const { page } = await preview(bytes);

    expect(page).toContain('read as Windows-1252');
    expect(decodeHtml(page)).toContain('Müller');
  });

  test('when a UTF-8 file starts with a byte order mark, then the first header is matched all the same', async () => {
    const { page } = await preview(
      Buffer.from('\uFEFFLast Name,Email\nBom,bom@preview.example\n', 'utf8'),
    );

    expect(chosenFields(page)).toEqual(['lastname', 'email']);
    expect(page).not.toContain('read as');
  });
});
