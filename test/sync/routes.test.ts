import path from 'node:path';
import ejs from 'ejs';
import express from 'express';
import request from 'supertest';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { auditLog } from '../../src/audit/auditLog';
import { requireRole } from '../../src/auth/middleware';
import { createLogger } from '../../src/logger';
import { PUBLIC_DIR, VIEWS_DIR } from '../../src/paths';
import { staticAssets } from '../../src/web/staticAssets';
import { useEjsViews } from '../../src/web/viewEngine';
import { mappingCache } from '../../src/connect/mappingCache';
import { historyView } from '../../src/sync/history';
import { retryFailedWrite, showFailedWrites } from '../../src/sync/syncHandlers';
import { restrictToOwner } from '../../src/records/visibility';
import { historyOf } from './historyOf';
import { errorHandler } from '../../src/web/errorHandler';
import {
  entriesIn,
  insertFromSalesforce,
  installEmulator,
  SCHEMA,
  updateAsApp,
} from '../emulator/harness';
import { TEST_USERS } from '../support/testApp';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

const CSRF = 'csrf-token-from-the-session';

/**
 * The routes as the app mounts them, for a signed-in editor; sign-in, the CSRF check and what
 * other roles see are the app's, tested there.
 */
function syncApp(db: TestDatabase['db']): express.Express {
  const app = express();
  const audit = auditLog(db);
  useEjsViews(app, false);
  app.locals.assets = staticAssets(PUBLIC_DIR).urls;
  app.use(express.urlencoded({ extended: false }));
  app.use((_req, res, next) => {
    res.locals.csrfToken = CSRF;
    res.locals.user = TEST_USERS.editor;
    res.locals.can = { edit: true, administer: false };
    next();
  });
  const deps = { reads: () => db, audit, cachedMapping: mappingCache(db, SCHEMA) };
  app.use(restrictToOwner('all', deps.cachedMapping));
  app.get('/sync/failed', showFailedWrites(deps));
  app.post('/sync/retry', requireRole('editor', audit), retryFailedWrite(deps));
  app.use(errorHandler(createLogger('silent'), () => undefined));
  return app;
}

describe('failed writes page and Retry', () => {
  let t: TestDatabase;
  let emulator: ConnectEmulator;
  let app: express.Express;
  beforeAll(async () => {
    t = await createTestDatabase();
    emulator = await installEmulator(t.db, t.url);
    app = syncApp(t.db);
  });
  afterAll(async () => {
    await emulator.stop();
    await t.close();
  });

  async function failedContact(firstname: string) {
    const contact = await insertFromSalesforce(t.db, { firstname, lastname: 'Failing' });
    await updateAsApp(t.db, contact.id, { email: `${firstname.toLowerCase()}@invalid.example` });
    await emulator.processOnce();
    const [entry] = await entriesIn(t.db, '_trigger_log', contact.id);
    return { ...contact, entryId: entry?.id ?? 0 };
  }

  test('when there is no trigger log, then the page says so instead of failing', async () => {
    const withoutLog = await createTestDatabase();
    try {
      const res = await request(syncApp(withoutLog.db)).get('/sync/failed');

      expect(res.status).toBe(200);
      expect(res.text).toContain('no Heroku Connect trigger log');
    } finally {
      await withoutLog.close();
    }
  });

  test('when a write failed, then the page links its contact and offers Retry for that entry', async () => {
    const contact = await failedContact('Linda');

    const res = await request(app).get('/sync/failed');

    expect(res.status).toBe(200);
    expect(res.text).toContain(
      `href="/contacts/${contact.sfid}"><bdi>Linda</bdi> <bdi>Failing</bdi></a>`,
    );
    expect(res.text).toContain(
      'INVALID_EMAIL_ADDRESS: Email: invalid email address: linda@invalid.example',
    );
    expect(res.text).toContain('<caption>Failed writes to Salesforce, newest first</caption>');
    expect(res.text).toContain(`name="id" value="${contact.entryId}"`);
    expect(res.text).toContain('name="source" value="live"');
    expect(res.text).toContain(`name="_csrf" value="${CSRF}"`);
    expect(res.text).toContain('name="back" value="/sync/failed"');
  });

  test('when Retry is posted twice, then it redirects back each time and one retry is queued', async () => {
    const contact = await failedContact('Margaret');
    const form = { source: 'live', id: String(contact.entryId), back: `/contacts/${contact.sfid}` };

    const first = await request(app).post('/sync/retry').type('form').send(form);
    const second = await request(app).post('/sync/retry').type('form').send(form);

    expect([first.status, second.status]).toEqual([303, 303]);
    expect(first.headers.location).toBe(`/contacts/${contact.sfid}`);
    expect(await entriesIn(t.db, '_trigger_log', contact.id)).toMatchObject([
      { id: contact.entryId, state: 'NEW' },
    ]);
  });

  test('when the back address leaves the site, then Retry returns to the failed-writes page', async () => {
    const contact = await failedContact('Katherine');

    const res = await request(app)
      .post('/sync/retry')
      .type('form')
      .send({ source: 'live', id: String(contact.entryId), back: '//evil.example/phish' });

    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/sync/failed');
  });

  test('when Retry names no valid entry, then it is a 400; an unknown entry is a 404', async () => {
    const invalid = await request(app)
      .post('/sync/retry')
      .type('form')
      .send({ source: 'elsewhere', id: '1' });
    const unknown = await request(app)
      .post('/sync/retry')
      .type('form')
      .send({ source: 'archive', id: '123456789' });

    expect(invalid.status).toBe(400);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('no longer in the trigger log');
  });

  test('when a card renders a contact’s history, then a FAILED entry has a Retry form back to the card', async () => {
    const contact = await failedContact('Dorothy');
    const history = historyView(
      await historyOf(t.db, SCHEMA, contact.id),
      `/contacts/${contact.sfid}`,
      'UTC',
    );

    const html = await ejs.renderFile(
      path.join(VIEWS_DIR, 'sync', 'history.ejs'),
      { history, csrfToken: CSRF, can: { edit: true, administer: false } },
      { root: VIEWS_DIR },
    );

    expect(html).toContain('Write history');
    expect(html).toContain('badge-failed">FAILED');
    expect(html).toContain('dorothy@invalid.example');
    expect(html).toContain('action="/sync/retry"');
    expect(html).toContain(`name="back" value="/contacts/${contact.sfid}"`);
    expect(html).toContain(`name="id" value="${contact.entryId}"`);
  });

  test('when there is no trigger log for a card, then the history renders nothing', async () => {
    const html = await ejs.renderFile(path.join(VIEWS_DIR, 'sync', 'history.ejs'), {
      history: null,
    });

    expect(html.trim()).toBe('');
  });
});
