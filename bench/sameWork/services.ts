import type { Logger } from 'pino';
import { auditLog, type AuditLog } from '../../src/audit/auditLog';
import { revokedSessions, type SessionRevocations } from '../../src/auth/revokedSessions';
import { SessionCodec } from '../../src/auth/session';
import type { Config } from '../../src/config';
import { mappingCache, type MappingCache } from '../../src/connect/mappingCache';
import { editedBy, type EditedBy } from '../../src/contacts/editedBy';
import { cappedCounts, type CappedCounts } from '../../src/db/cappedCounts';
import { configuredDatabase } from '../../src/db/configuredDatabase';
import type { Database } from '../../src/db/database';
import { webDatabase } from '../../src/process/databaseTarget';
import { poolPerWorker } from '../../src/process/poolPerWorker';
import { assetUrls } from './assetUrls';

/**
 * What the same-work server shares with the app: the pool (as the app configures it, so its
 * statements reach PostgreSQL the same way) and the app's data layer, with the same
 * per-process caches the app keeps (mapping, capped counts, session revocations), so each page
 * sends exactly the statements and parameters the app sends. Express, its middleware and EJS
 * are what it leaves out.
 */
export interface Services {
  db: Database;
  logger: Logger;
  codec: SessionCodec;
  revocations: SessionRevocations;
  mappings: MappingCache;
  cappedCounts: CappedCounts;
  audit: AuditLog;
  editedBy: EditedBy;
  /** The stylesheet's and icon's fingerprinted URLs, as the app's pages link them. */
  assets: { css: string; icon: string };
}

/** As a web worker of the app builds them (src/process/startDyno.ts and web.ts). */
export function sameWorkServices(config: Config, logger: Logger): Services {
  const { connectionString, behindPooler } = webDatabase(config);
  const db = configuredDatabase(config, {
    connectionString,
    behindPooler,
    logger,
    poolMax: poolPerWorker(config.poolMax, config.webConcurrency),
  });
  return {
    db,
    logger,
    codec: new SessionCodec({
      sessionSecret: config.sessionSecret,
      appPassword: config.appPassword,
      ttlMs: config.sessionTtlMs,
    }),
    revocations: revokedSessions(db),
    mappings: mappingCache(db, config.connectSchema),
    cappedCounts: cappedCounts(),
    audit: auditLog(db),
    editedBy: editedBy(config.auditSalesforceField),
    assets: assetUrls(),
  };
}
