import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/testApp';

describe('error pages', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when the error page itself cannot be rendered, then a plain message answers instead of a stack trace', async () => {
    t.app.set('views', path.join(os.tmpdir(), 'contact-card-no-views'));

    const res = await request(t.app).get('/no-such-page').set('Accept', 'text/html');

    expect(res.status).toBe(404);
    expect(res.type).toBe('text/plain');
    expect(res.text).toBe(
      'Not found: There is nothing at this address. The link may be old or mistyped.',
    );
  });
});
