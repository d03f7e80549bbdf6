import express from 'express';
import type { Logger } from 'pino';
import { auditLog } from './audit/auditLog';
import {
  loadSession,
  refuseRevokedSessions,
  requireCsrfToken,
  requireRole,
  requireSignIn,
} from './auth/middleware';
import { revokedSessions } from './auth/revokedSessions';
import { SessionCodec } from './auth/session';
import { signedInAdmin } from './auth/signedInAdmin';
import type { Config } from './config';
import { mappingCache } from './connect/mappingCache';
import { cappedCounts } from './db/cappedCounts';
import type { Database } from './db/database';
import type { Follower } from './db/followerReads';
import { migrationCheck, type MigrationCheck } from './db/migrationStatus';
import { detailsAccess } from './health/detailsAccess';
import { healthRoutes } from './health/routes';
import { PUBLIC_DIR } from './paths';
import { routes } from './routes';
import { compressWhenAsked } from './web/compressWhenAsked';
import { errorHandler, notFound } from './web/errorHandler';
import { HttpError } from './web/httpErrors';
import { readFlash } from './web/flash';
import { MAX_UPLOAD_BYTES } from './contacts/import/limits';
import type { JobSender } from './jobs/jobQueue';
import { formBody, parseQueryStrictly, readQueryOnce } from './web/formBody';
import { multipartUpload } from './web/multipartUpload';
import { readerFor, rememberOwnWrites } from './web/readYourWrites';
import { noStore } from './web/noStore';
import { requestLogging } from './web/requestLogging';
import { requireMigrations } from './web/requireMigrations';
import { redirectToHttps, securityHeaders } from './web/security';
import { staticAssets } from './web/staticAssets';
import { useEjsViews } from './web/viewEngine';

export interface AppDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** DATABASE_FOLLOWER_URL's read replica; without one, every read goes to the leader. */
  follower?: Follower | undefined;
  /** Whether the database has this release's migrations; by default read from `db`. */
  migrations?: MigrationCheck | undefined;
  /** The job queue's sender; without one, confirming an import answers 503. */
  jobs?: JobSender | undefined;
}

/** Where no queue was given (the benchmark, tests of other pages): imports cannot start. */
const NO_JOB_QUEUE: JobSender = {
  send: () =>
    Promise.reject(
      new HttpError(503, 'Temporarily unavailable', 'The import queue is not running here.'),
    ),
  close: () => Promise.resolve(),
};

/** Builds the app without listening, so tests and the benchmark use exactly what production runs. */
export function createApp({
  db,
  config,
  logger,
  follower,
  migrations = migrationCheck(db),
  jobs = NO_JOB_QUEUE,
}: AppDeps): express.Express {
  const app = express();
  // Helmet drops it too, but the https redirect answers before helmet runs.
  app.disable('x-powered-by');
  const sessions = new SessionCodec({
    sessionSecret: config.sessionSecret,
    appPassword: config.appPassword,
    ttlMs: config.sessionTtlMs,
  });
  const schema = config.connectSchema;
  const cachedMapping = mappingCache(db, schema);
  const revocations = revokedSessions(db);
  const audit = auditLog(db);
  const reads = readerFor(db, follower);

  useEjsViews(app, config.isProduction);
  // Heroku's router is the one proxy in front of the dyno.
  app.set('trust proxy', config.isProduction ? 1 : false);
  app.set('query parser', parseQueryStrictly);

  app.use(requestLogging(logger));
  if (config.isProduction) app.use(redirectToHttps);
  app.use(securityHeaders(config.isProduction));
  app.use(compressWhenAsked());
  app.use(readQueryOnce);
  const assets = staticAssets(PUBLIC_DIR);
  app.locals.assets = assets.urls;
  app.locals.demo = demoBanner(config);
  app.use('/assets', assets.router);
  app.use(
    healthRoutes({
      db,
      schema,
      migrations: () => migrations.read(),
      follower,
      mayReadDetails: detailsAccess(config.healthzToken, signedInAdmin(sessions, revocations)),
    }),
  );
  app.use(requireMigrations(() => migrations.pending()));

  app.use(formBody);
  app.use(noStore);
  app.use(loadSession(sessions));
  app.use(readFlash());
  // The one form with a file, read only once an editor is known: nobody else may import, so
  // nobody else makes the app hold a file in memory. Its fields (the CSRF token first) join
  // req.body as any form's do, and the CSRF check below reads the token there.
  app.post(
    '/contacts/import',
    requireSignIn,
    requireRole('editor', audit),
    multipartUpload(MAX_UPLOAD_BYTES),
  );
  if (follower) app.use(rememberOwnWrites(follower));
  app.use(requireCsrfToken(sessions));
  // Ahead of every page that needs sign-in, so a signed-out session is refused everywhere.
  app.use(refuseRevokedSessions(sessions, revocations));

  // Every page and action, with the guards each needs.
  app.use(
    routes({
      db,
      config,
      reads,
      sessions,
      revocations,
      audit,
      cachedMapping,
      cappedCounts: cappedCounts(),
      jobs,
    }),
  );

  app.use(notFound);
  app.use(
    errorHandler(logger, () => {
      cachedMapping.forget();
    }),
  );
  return app;
}

/**
 * What every page of a demo says about itself. A demo signs in as local development does, so
 * with the development password in use the banner gives it: its data is sample data only.
 */
function demoBanner(config: Config): { password: string | null } | null {
  if (!config.demo) return null;
  return { password: config.usesDevelopmentPassword ? config.appPassword : null };
}
