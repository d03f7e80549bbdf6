import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { answerClientErrors } from '../../src/web/clientErrors';
import { startTestApp, type TestApp } from '../support/testApp';

/** Writes `bytes` on a fresh connection to the server, as the production server is built, and returns all it answers. */
async function rawExchange(t: TestApp, bytes: string): Promise<string> {
  const server = http.createServer(t.app);
  answerClientErrors(server, t.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.write(bytes);
    await new Promise((resolve) => socket.once('close', resolve));
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('error pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the error page itself cannot be rendered, then a plain message answers instead of a stack trace', async () => {
    const views: unknown = t.app.get('views');
    t.app.set('views', path.join(os.tmpdir(), 'contact-card-no-views'));

    const res = await request(t.app).get('/no-such-page').set('Accept', 'text/html');
    t.app.set('views', views);

    expect(res.status).toBe(404);
    expect(res.type).toBe('text/plain');
    expect(res.text).toBe(
      'Not found: There is nothing at this address. The link may be old or mistyped.',
    );
  });

  test('when an address is longer than Node’s 16 KB header limit, then a 431 page headed "Address too long" answers, not an empty reply', async () => {
    const answer = await rawExchange(
      t,
      `GET /contacts?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    );

    expect(answer).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(answer).toContain('Content-Type: text/html; charset=utf-8');
    expect(answer).toContain('<h1>Address too long</h1>');
    expect(answer).toContain('<title>Address too long · Contact Card</title>');
  });

  test('when the bytes are not HTTP, then a 400 page answers', async () => {
    const answer = await rawExchange(t, 'NOT HTTP AT ALL\r\n\r\n');

    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer).toContain('<h1>Bad request</h1>');
  });

  test('when a form is larger than the app accepts, then the 413 page is headed "Too large"', async () => {
    const res = await request(t.app)
      .post('/signin')
      .type('form')
      .set('Accept', 'text/html')
      .send(`password=${'x'.repeat(600 * 1024)}`);

    expect(res.status).toBe(413);
    expect(res.text).toContain('<h1>Too large</h1>');
    expect(res.text).toContain('The form was too large to accept.');
  });
});
