import http from 'node:http';
import type { Logger } from 'pino';
import { createApp } from '../app';
import type { Config } from '../config';
import { configuredDatabase } from '../db/configuredDatabase';
import { configuredFollower } from '../db/configuredFollower';
import { migrationCheck, type MigrationCheck } from '../db/migrationStatus';
import { DYNO_TIMING, jobSender } from '../jobs/jobQueue';
import { answerClientErrors } from '../web/clientErrors';
import { drainOnClose } from './drain';
import { scheduleRetention } from './retentionSchedule';
import { stopOnSignals } from './stopOnSignals';

// Heroku sends SIGKILL 30 s after SIGTERM; finish well before that.
const SHUTDOWN_DEADLINE_MS = 20_000;

export interface WebOptions {
  config: Config;
  logger: Logger;
  connectionString: string;
  /** The connection string leads to a transaction-mode pooler. */
  behindPooler?: boolean | undefined;
  poolMax: number;
  /** Runs after the pool has closed, e.g. to stop an embedded database. */
  onStopped?: () => Promise<void>;
}

/**
 * One web process: the app on PORT until SIGTERM. It listens without touching the database,
 * so a database that is down at boot gives 503 pages (see errorHandler) and the app recovers
 * by itself when the database returns, instead of crashing in a restart loop.
 */
export function serveWeb(options: WebOptions) {
  const { config, logger, connectionString, behindPooler, poolMax, onStopped } = options;
  const db = configuredDatabase(config, { connectionString, behindPooler, logger, poolMax });
  const follower = configuredFollower(config, db, { logger, poolMax });
  const migrations = migrationCheck(db);
  void reportMigrations(migrations, logger);
  // Sends only (pg-boss polls, it does not LISTEN), so the pooler, when attached, serves it too.
  const jobs = jobSender({
    connectionString,
    pgSslMode: config.pgSslMode,
    timing: { ...DYNO_TIMING, heartbeatSeconds: config.jobHeartbeatSeconds },
    onError: (error) => {
      logger.warn({ err: error }, 'Job queue error');
    },
  });
  const app = createApp({ db, config, logger, follower, migrations, jobs });
  const server = http.createServer(app);
  answerClientErrors(server, app);
  const drain = drainOnClose(server);
  const stopRetention = scheduleRetention(db, config.auditRetentionDays, logger);
  server.on('error', (error) => {
    logger.fatal({ err: error }, `Cannot listen on port ${config.port}`);
    process.exit(1);
  });
  server.listen(config.port, '0.0.0.0', () => {
    logger.info(`Contact Card is listening on http://localhost:${config.port}`);
  });
  stopOnSignals(
    logger,
    async () => {
      await Promise.all([drain(), stopRetention()]);
      await jobs.close();
      await follower?.close();
      await db.close();
      await onStopped?.();
    },
    SHUTDOWN_DEADLINE_MS,
  );
}

/**
 * Says at start whether the database has this release's migrations. Behind, the app answers
 * 503 until the release phase has applied them, and recovers by itself once it has.
 */
async function reportMigrations(migrations: MigrationCheck, logger: Logger): Promise<void> {
  try {
    const { pending, applied } = await migrations.read();
    if (pending.length === 0) {
      logger.info(`Database migrations are current (${applied.length} applied).`);
      return;
    }
    logger.warn(
      `The database lacks this release's migrations ${pending.join(', ')}: pages answer 503 ` +
        'until the release phase (node dist/release.js) has applied them.',
    );
  } catch (error) {
    logger.warn({ err: error }, 'Could not read the database migrations at start');
  }
}
