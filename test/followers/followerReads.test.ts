import pg from 'pg';
import { createDatabase, type Database } from '../../src/db/database';
import { migrate } from '../../src/db/migrations';
import { createDevSchema } from '../../src/dev/devSchema';
import { createLogger } from '../../src/logger';
import { formValuesIn, insertContact, readAsText, submitCard } from '../support/contacts';
import {
  replicaTools,
  startStreamingReplica,
  waitFor,
  type StreamingReplica,
} from '../support/streamingReplica';
import { csrfTokenIn, TEST_USERS } from '../support/testApp';
import { entriesIn, insertFromSalesforce, installEmulator, updateAsApp } from '../emulator/harness';
import { capturedLogger } from '../web/capturedLogs';
import { startFollowerApp, type FollowerApp } from './followerApp';

const DATABASE = 'contact_card';
const tools = replicaTools();
const required = process.env.REQUIRE_REPLICA_TESTS === '1';
if ('missing' in tools) {
  if (required) throw new Error(`REQUIRE_REPLICA_TESTS=1, but ${tools.missing}`);
  console.log(`Skipping the follower tests: ${tools.missing}`);
}
const describeWithReplica = 'bindir' in tools ? describe : describe.skip;

describeWithReplica('reads from a follower (a real streaming replica)', () => {
  let replica: StreamingReplica;
  let leader: Database;
  /** Samples often, under a generous max lag: the follower stays in use while replay pauses. */
  let app: FollowerApp;
  /** DATABASE_FOLLOWER_MAX_LAG_S=1. */
  let strict: FollowerApp;
  const strictLogs = capturedLogger('info');
  /** Samples once, at start: only a failed read can take the follower out of use. */
  let unsampled: FollowerApp;
  let standbyRunning = true;
  /** What afterAll stops, last started first stopped; set-up may fail part way. */
  const started: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    replica = await startStreamingReplica('bindir' in tools ? tools.bindir : '');
    started.push({ close: () => replica.stop() });
    const admin = new pg.Client({ connectionString: replica.primaryUrl('postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DATABASE}`);
    await admin.end();
    leader = createDatabase({
      connectionString: replica.primaryUrl(DATABASE),
      poolMax: 4,
      statementTimeoutMs: 10_000,
      logger: createLogger('silent'),
    });
    started.push(leader);
    await migrate({ connectionString: replica.primaryUrl(DATABASE) }, () => undefined);
    await createDevSchema(leader, 'salesforce');
    await replica.waitForReplay();
    app = startFollowerApp(replica, DATABASE, leader, { maxLagS: 60, intervalMs: 200 });
    strict = startFollowerApp(replica, DATABASE, leader, {
      maxLagS: 1,
      intervalMs: 200,
      logger: strictLogs.logger,
    });
    unsampled = startFollowerApp(replica, DATABASE, leader, { maxLagS: 60, intervalMs: 600_000 });
    started.push(app, strict, unsampled);
    for (const each of [app, strict, unsampled]) await inUse(each);
  });
  afterEach(async () => {
    if (!standbyRunning) return;
    await replica.resumeReplay();
    await replica.waitForReplay();
  });
  afterAll(async () => {
    const failures: unknown[] = [];
    for (const each of started.reverse())
      await each.close().catch((error: unknown) => failures.push(error));
    if (failures.length > 0) throw new AggregateError(failures, 'stopping what the tests started');
  });

  const inUse = (each: FollowerApp) =>
    waitFor('the follower in use', async () => (await each.followerHealth()).inUse);
  const standbyAnswers = async (sql: string) => {
    const client = new pg.Client({ connectionString: replica.standbyUrl(DATABASE) });
    await client.connect();
    try {
      return (await client.query<{ ok: boolean }>(sql)).rows[0]?.ok === true;
    } finally {
      await client.end();
    }
  };
  const list = (each: FollowerApp, search: string) =>
    each.agentSignedInAs(TEST_USERS.viewer).get(`/contacts?q=${encodeURIComponent(search)}`);

  test('when the follower has caught up, then a contact Connect wrote on the leader is in the list', async () => {
    await insertContact(leader, { firstname: 'Grace', lastname: 'Hopper' });
    await replica.waitForReplay();

    const res = await list(app, 'Hopper');

    expect(res.status).toBe(200);
    expect(readAsText(res.text)).toContain('Grace Hopper');
    expect(await app.followerHealth()).toEqual({
      configured: true,
      inUse: true,
      lagSeconds: expect.any(Number) as number,
      reason: null,
    });
  });

  test('when the leader has committed nothing for longer than the max lag, then the follower is still in use', async () => {
    await replica.waitForReplay();
    await waitFor('the last replayed commit to be 2 s old', () =>
      standbyAnswers("SELECT now() - pg_last_xact_replay_timestamp() > interval '2 s' AS ok"),
    );
    const fresh = startFollowerApp(replica, DATABASE, leader, { maxLagS: 1, intervalMs: 200 });
    started.push(fresh);

    await waitFor(
      'the first sample',
      async () => (await fresh.followerHealth()).reason !== 'checking',
    );

    expect(await fresh.followerHealth()).toMatchObject({ inUse: true, lagSeconds: 0 });
  });

  test('when replay is paused, then the list shows what the follower has and the card what the leader has', async () => {
    const contact = await insertContact(leader, { firstname: 'Alan', lastname: 'Turing' });
    await replica.waitForReplay();
    await replica.pauseReplay();
    await leader.query(
      "UPDATE salesforce.contact SET lastname = 'Turing Renamed' WHERE sfid = $1",
      [contact.sfid],
    );

    const listed = await list(app, 'Turing');
    const card = await app.agentSignedInAs(TEST_USERS.viewer).get(`/contacts/${contact.sfid}`);

    expect(readAsText(listed.text)).toContain('Alan Turing');
    expect(readAsText(listed.text)).not.toContain('Turing Renamed');
    expect(readAsText(card.text)).toContain('Turing Renamed');
  });

  test('when replay is paused and a user deletes a contact, then the list they land on no longer shows it', async () => {
    const contact = await insertContact(leader, { firstname: 'Hedy', lastname: 'Lamarr' });
    await replica.waitForReplay();
    await replica.pauseReplay();
    const editor = app.agentSignedInAs(TEST_USERS.editor);
    const confirm = await editor.get(`/contacts/${contact.sfid}/delete`);

    const deleted = await editor
      .post(`/contacts/${contact.sfid}/delete`)
      .type('form')
      .send(formValuesIn(confirm.text));
    const landing = await editor.get(`${deleted.headers.location}?q=Lamarr`);

    expect(deleted.status).toBe(303);
    expect(landing.text).toContain('Heroku Connect will delete it in Salesforce too.');
    expect(readAsText(landing.text)).not.toContain('Hedy Lamarr');
    // Anyone else still reads the follower, which has not replayed the delete.
    expect(readAsText((await list(app, 'Lamarr')).text)).toContain('Hedy Lamarr');
  });

  test('when replay is paused and a user edits a contact, then their list shows the change', async () => {
    const contact = await insertContact(leader, { firstname: 'Emmy', lastname: 'Noether' });
    await replica.waitForReplay();
    await replica.pauseReplay();
    const editor = app.agentSignedInAs(TEST_USERS.editor);

    const saved = await submitCard(editor, contact.sfid ?? '', { lastname: 'Noether Edited' });
    const listed = await editor.get('/contacts?q=Noether');

    expect(saved.status).toBe(303);
    expect(readAsText(listed.text)).toContain('Emmy Noether Edited');
    expect(readAsText((await list(app, 'Noether')).text)).not.toContain('Noether Edited');
  });

  test('when replay is paused, then /audit reads the follower, except for the admin who has just made a change', async () => {
    const before = await insertContact(leader, { firstname: 'Marie', lastname: 'Curie' });
    const during = await insertContact(leader, { firstname: 'Lise', lastname: 'Meitner' });
    const admin = app.agentSignedInAs(TEST_USERS.admin);
    await submitCard(admin, before.sfid ?? '', { title: 'Physicist' });
    await replica.waitForReplay();
    await replica.pauseReplay();

    await submitCard(admin, during.sfid ?? '', { title: 'Physicist' });
    const own = await admin.get('/audit');
    const others = await app
      .agentSignedInAs({ ...TEST_USERS.admin, id: '005TEST0000000AD2' })
      .get('/audit');

    expect(own.text).toContain(`<a href="/contacts/${during.sfid}">`);
    expect(others.text).toContain(`<a href="/contacts/${before.sfid}">`);
    expect(others.text).not.toContain(`<a href="/contacts/${during.sfid}">`);
  });

  test('when replay is paused and a user retries a failed write, then the failed-writes page they land on no longer lists it', async () => {
    const emulator = await installEmulator(leader, replica.primaryUrl(DATABASE));
    started.push({ close: () => emulator.stop() });
    const contact = await insertFromSalesforce(leader, { firstname: 'Linda', lastname: 'Failing' });
    await updateAsApp(leader, contact.id, { email: 'linda@invalid.example' });
    await emulator.processOnce();
    const [entry] = await entriesIn(leader, '_trigger_log', contact.id);
    await replica.waitForReplay();
    // A new app: the one started before the trigger log existed may remember it absent.
    const withLog = startFollowerApp(replica, DATABASE, leader, { maxLagS: 60, intervalMs: 200 });
    started.push(withLog);
    await inUse(withLog);
    await replica.pauseReplay();
    const editor = withLog.agentSignedInAs(TEST_USERS.editor);
    const failed = await editor.get('/sync/failed');
    expect(readAsText(failed.text)).toContain('Linda Failing');

    const retried = await editor
      .post('/sync/retry')
      .type('form')
      .send({ _csrf: csrfTokenIn(failed.text), source: 'live', id: String(entry?.id) });
    const landing = await editor.get(retried.headers.location ?? '');

    expect(retried.status).toBe(303);
    expect(readAsText(landing.text)).not.toContain('Linda Failing');
    const othersPage = await withLog.agentSignedInAs(TEST_USERS.viewer).get('/sync/failed');
    expect(readAsText(othersPage.text)).toContain('Linda Failing');
  });

  test('when the follower lags beyond DATABASE_FOLLOWER_MAX_LAG_S, then the list reads the leader, /healthz says it is lagging, and the log says so once', async () => {
    await inUse(strict);
    const logged = strictLogs.entries().length;
    await replica.pauseReplay();
    await insertContact(leader, { firstname: 'Rosalind', lastname: 'Franklin' });
    await waitFor('the lag to pass 1 s', async () => !(await strict.followerHealth()).inUse);

    const listed = await list(strict, 'Franklin');
    const health = await strict.followerHealth();

    expect(readAsText(listed.text)).toContain('Rosalind Franklin');
    expect(health).toMatchObject({ configured: true, inUse: false, reason: 'lagging' });
    expect(health.lagSeconds).toBeGreaterThanOrEqual(1);
    const lagged = health.lagSeconds ?? 0;
    await waitFor(
      'more samples',
      async () => ((await strict.followerHealth()).lagSeconds ?? 0) > lagged + 0.5,
    );
    const changes = strictLogs
      .entries()
      .slice(logged)
      .filter((entry) => entry.msg.startsWith('follower'));
    expect(changes).toEqual([
      expect.objectContaining({
        msg: 'follower not in use: reads go to the leader',
        reason: 'lagging',
      }),
    ]);
    // The app that allows a minute's lag still reads the follower, which lacks her.
    expect(readAsText((await list(app, 'Franklin')).text)).not.toContain('Rosalind Franklin');
  });

  test('when the follower stops, then reads fall back to the leader, /healthz says unreachable with status 200, and a restarted follower is used again', async () => {
    await insertContact(leader, { firstname: 'Ada', lastname: 'Byron' });
    await replica.waitForReplay();
    await replica.stopStandby();
    standbyRunning = false;

    // No sample has noticed: the read itself fails on the follower and the leader answers it.
    const listed = await list(unsampled, 'Byron');
    const health = await unsampled.healthz();

    expect(listed.status).toBe(200);
    expect(readAsText(listed.text)).toContain('Ada Byron');
    expect(health.status).toBe(200);
    expect(health.follower).toMatchObject({ inUse: false, reason: 'unreachable' });
    // Within a few samples, not only once the last good answer has gone stale.
    await waitFor('the sample to notice', async () => !(await app.followerHealth()).inUse, 3000);
    expect(await app.followerHealth()).toMatchObject({ inUse: false, reason: 'unreachable' });
    expect((await list(app, 'Byron')).status).toBe(200);

    await replica.startStandby();
    standbyRunning = true;

    await inUse(app);
    expect(readAsText((await list(app, 'Byron')).text)).toContain('Ada Byron');
  });
});
