import type TestAgent from 'supertest/lib/agent';
import { csrfTokenIn, decodeHtml } from '../../support/httpUser';

/** Posts a file to the upload form as a browser does: the form's token first, then the file. */
export async function upload(
  agent: TestAgent,
  content: string | Buffer,
  fileName = 'contacts.csv',
) {
  const form = await agent.get('/contacts/import');
  return agent
    .post('/contacts/import')
    .field('_csrf', csrfTokenIn(form.text))
    .attach('file', Buffer.isBuffer(content) ? content : Buffer.from(content), fileName);
}

/** The import's id from the upload's redirect to its preview. */
export function importIdOf(location: string | undefined): string {
  const match = /^\/contacts\/import\/([0-9a-f-]{36})$/.exec(location ?? '');
  if (!match?.[1]) throw new Error(`not an import's address: ${String(location)}`);
  return match[1];
}

/** The page's error message (the role="alert" box of the upload and preview pages). */
export function importErrorIn(html: string): string {
  const match = /id="import-error"><p>([^<]*)<\/p>/.exec(html);
  return match?.[1] ? decodeHtml(match[1]) : '';
}

/** Posts a form of the preview page (columns or confirm) with the page's token. */
export async function postPreviewForm(
  agent: TestAgent,
  importId: string,
  action: 'columns' | 'confirm',
  fields: Record<string, string> = {},
) {
  const page = await agent.get(`/contacts/import/${importId}`);
  return agent
    .post(`/contacts/import/${importId}/${action}`)
    .type('form')
    .send({ _csrf: csrfTokenIn(page.text), ...fields });
}
