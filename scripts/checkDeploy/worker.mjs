import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CheckFailure, expect } from './failure.mjs';
import { start, stopGroup } from './processes.mjs';

// Heroku sends SIGKILL 30 s after SIGTERM; a worker dyno gets the same 30 s as a web dyno.
const SHUTDOWN_TIMEOUT_MS = 30_000;
const IMPORT_TIMEOUT_MS = 120_000;
const ROWS = 20_000;

/**
 * The Procfile's worker as Heroku runs it: a confirmed CSV import of ROWS new contacts (made
 * with the built app's own code, as the upload and Confirm pages make one) is taken up by
 * worker.1, which is stopped with SIGTERM in the middle of it, as at a deploy; it must exit 0
 * in time, and worker.2 must finish the import with exactly one contact per row.
 */
export async function checkWorkerDyno({ appDir, command, env, root, databaseUrl }) {
  const app = builtApp(appDir, databaseUrl);
  try {
    const importId = await app.confirmedImport();
    const first = startWorker(appDir, command, env, 'worker.1');
    await waitFor(first, 'worker.1 to write its first chunk', async () => {
      const { done_through: done } = await app.progress(importId);
      return done > 0;
    });
    await stopGroup(first, root, {
      signal: 'SIGTERM',
      timeoutMs: SHUTDOWN_TIMEOUT_MS,
      exitCode: 0,
      leftoverTimeoutMs: 5_000,
    });
    const stoppedAt = await app.progress(importId);
    expect(
      stoppedAt.state === 'queued',
      `worker.1 finished the import before SIGTERM reached it: use more rows (${ROWS})`,
      first,
    );
    const second = startWorker(appDir, command, env, 'worker.2');
    await waitFor(second, 'worker.2 to finish the import', async () => {
      return (await app.progress(importId)).state === 'done';
    });
    const counts = await app.written();
    expect(
      counts.contacts === ROWS && counts.ids === ROWS,
      `the import wrote ${counts.contacts} contacts (${counts.ids} External IDs) for ${ROWS} rows`,
      second,
    );
    await stopGroup(second, root, {
      signal: 'SIGTERM',
      timeoutMs: SHUTDOWN_TIMEOUT_MS,
      exitCode: 0,
      leftoverTimeoutMs: 5_000,
    });
    return `SIGTERM at row ${stoppedAt.done_through}: worker.1 exited 0, worker.2 wrote the rest, ${ROWS} contacts once each`;
  } finally {
    await app.close();
  }
}

function startWorker(appDir, command, env, dyno) {
  return start('bash', ['-c', command], {
    cwd: appDir,
    env: { ...env, DYNO: dyno, JOB_HEARTBEAT_SECONDS: '10' },
    label: dyno,
  });
}

async function waitFor(proc, what, check) {
  const deadline = Date.now() + IMPORT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!proc.running)
      throw new CheckFailure(`${proc.label} exited while waiting for ${what}\n${proc.output()}`);
    if (await check()) return;
    await sleep(200);
  }
  throw new CheckFailure(`timed out waiting for ${what}\n${proc.output()}`);
}

/** The built copy's own modules on the dyno's database: the import is made as the app makes it. */
function builtApp(appDir, databaseUrl) {
  const require = createRequire(path.join(appDir, 'package.json'));
  const { createDatabase } = require('./dist/db/database.js');
  const { createLogger } = require('./dist/logger.js');
  const { storeImport, confirmImport } = require('./dist/contacts/import/importStore.js');
  const { IMPORT_QUEUE } = require('./dist/contacts/import/limits.js');
  const { jobSender } = require('./dist/jobs/jobQueue.js');
  const db = createDatabase({
    connectionString: databaseUrl,
    poolMax: 2,
    statementTimeoutMs: 30_000,
    logger: createLogger('silent'),
  });
  const jobs = jobSender({ connectionString: databaseUrl });
  return {
    async confirmedImport() {
      const header = ['First Name', 'Last Name', 'Email'];
      const rows = Array.from({ length: ROWS }, (_, i) => ({
        line: i + 2,
        cells: ['Deploy', `Check ${i}`, `deploy${i}@check.example`],
      }));
      const columns = ['firstname', 'lastname', 'email'];
      const user = { id: 'check-deploy', username: 'check@deploy.example', name: 'Check Deploy' };
      const id = await storeImport(db, {
        user,
        ownerId: null,
        fileName: 'check-deploy.csv',
        encoding: 'UTF-8',
        header,
        columns,
        rows,
      });
      await db.withTransaction(async (client) => {
        await confirmImport(client, id, null);
        await jobs.send(IMPORT_QUEUE, { importId: id }, id, client);
      });
      return id;
    },
    async progress(importId) {
      const result = await db.query(
        'SELECT state, done_through FROM contact_card.imports WHERE id = $1',
        [importId],
      );
      return result.rows[0];
    },
    async written() {
      const result = await db.query(
        `SELECT count(*)::int AS contacts, count(DISTINCT external_contact_id__c)::int AS ids
           FROM salesforce.contact WHERE firstname = 'Deploy'`,
      );
      return result.rows[0];
    },
    async close() {
      await jobs.close();
      await db.close();
    },
  };
}
