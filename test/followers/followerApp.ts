import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { Logger } from 'pino';
import { createApp } from '../../src/app';
import { SessionCodec } from '../../src/auth/session';
import { SESSION_COOKIE } from '../../src/auth/sessionCookie';
import { loadConfig } from '../../src/config';
import { createDatabase, type Database } from '../../src/db/database';
import type { FollowerStatus } from '../../src/db/followerLag';
import { followerReads } from '../../src/db/followerReads';
import { createLogger } from '../../src/logger';
import type { SignedInUser } from '../../src/web/signedInUser';
import type { StreamingReplica } from '../support/streamingReplica';
import { TEST_PASSWORD, TEST_USERS } from '../support/testApp';

export interface FollowerApp {
  app: Express;
  /** A client holding `user`'s session; signing in through the form would itself be a write. */
  agentSignedInAs(user: SignedInUser): TestAgent;
  healthz(): Promise<{ status: number; follower: FollowerHealth }>;
  /** What /healthz says about the follower. */
  followerHealth(): Promise<FollowerHealth>;
  close(): Promise<void>;
}

type FollowerHealth = FollowerStatus & { configured: boolean };

export interface FollowerAppOptions {
  maxLagS: number;
  /** How often the app samples the follower's lag. */
  intervalMs: number;
  logger?: Logger;
}

/** The app as a web dyno builds it with DATABASE_FOLLOWER_URL set, on `replica`'s two servers. */
export function startFollowerApp(
  replica: StreamingReplica,
  database: string,
  leader: Database,
  { maxLagS, intervalMs, logger = createLogger('silent') }: FollowerAppOptions,
): FollowerApp {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: replica.primaryUrl(database),
    DATABASE_FOLLOWER_URL: replica.standbyUrl(database),
    DATABASE_FOLLOWER_MAX_LAG_S: String(maxLagS),
    APP_PASSWORD: TEST_PASSWORD,
    SESSION_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    LOG_LEVEL: 'silent',
  });
  const followerDb = createDatabase({
    connectionString: config.databaseFollowerUrl ?? '',
    poolMax: 4,
    statementTimeoutMs: 10_000,
    logger,
  });
  const follower = followerReads({ leader, follower: followerDb, maxLagS, logger, intervalMs });
  const app = createApp({ db: leader, config, logger, follower });
  const codec = new SessionCodec({
    sessionSecret: config.sessionSecret,
    appPassword: config.appPassword,
    ttlMs: config.sessionTtlMs,
  });
  return {
    app,
    agentSignedInAs(user) {
      const client = request.agent(app);
      client.jar.setCookie(`${SESSION_COOKIE}=${codec.encode(codec.create(user))}; Path=/`);
      return client;
    },
    async healthz() {
      // The follower's state is a detail, which an admin reads.
      const res = await this.agentSignedInAs(TEST_USERS.admin).get('/healthz');
      return { status: res.status, follower: (res.body as { follower: FollowerHealth }).follower };
    },
    async followerHealth() {
      return (await this.healthz()).follower;
    },
    close: () => follower.close(),
  };
}
