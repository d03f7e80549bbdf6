import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PUBLIC_DIR } from '../../src/paths';
import { startTestApp, type TestApp } from '../support/testApp';

describe('static assets and compression', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  test('when a page links the stylesheet, then the link names its content digest and is cached for a year', async () => {
    const css = await readFile(path.join(PUBLIC_DIR, 'app.css'));
    const digest = createHash('sha256').update(css).digest('hex').slice(0, 10);

    const page = await t.agent().get('/signin');
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page.text)?.[1] ?? '';
    const stylesheet = await t.agent().get(href);

    expect(href).toBe(`/assets/app.${digest}.css`);
    expect(stylesheet.status).toBe(200);
    expect(stylesheet.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(stylesheet.text).toBe(css.toString());
  });

  test('when an asset is asked for by its plain name, then it is served with a short lifetime', async () => {
    const res = await t.agent().get('/assets/app.css');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });

  test('when a fingerprint is out of date, then the asset is not found', async () => {
    const res = await t.agent().get('/assets/app.0000000000.css');

    expect(res.status).toBe(404);
  });

  test('when the browser accepts gzip, then pages and stylesheets arrive compressed', async () => {
    const page = await t.agent().get('/signin').set('Accept-Encoding', 'gzip');
    const css = await t.agent().get('/assets/app.css').set('Accept-Encoding', 'gzip');

    expect(page.headers['content-encoding']).toBe('gzip');
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(page.text).toContain('Sign in');
  });
});
