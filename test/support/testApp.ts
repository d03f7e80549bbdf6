import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app';
import { SessionCodec } from '../../src/auth/session';
import { SESSION_COOKIE } from '../../src/auth/sessionCookie';
import { loadConfig, type Config } from '../../src/config';
import { jobSender, type JobSender } from '../../src/jobs/jobQueue';
import type { ContactValues } from '../../src/contacts/contact';
import { decodeShown } from '../../src/records/shownValues';
import { createLogger } from '../../src/logger';
import type { Role, SignedInUser } from '../../src/web/signedInUser';
import { createTestDatabase, type TestDatabase } from './testDatabase';
// The tests read pages as the benchmark's browser-like client does.
import { csrfTokenIn } from './httpUser';

export { csrfTokenIn };

export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestApp extends TestDatabase {
  app: Express;
  config: Config;
  /** A browser-like client that keeps cookies. */
  agent(): TestAgent;
  /** A client that has signed in. */
  signedInAgent(): Promise<TestAgent>;
  /**
   * A client holding the session a sign-in as `user` would give it. For tests of what a role
   * may do; the sign-in flows themselves are tested through the login emulator.
   */
  agentSignedInAs(user: SignedInUser): TestAgent;
  /** The app's job queue sender, on this file's database; it connects only once used. */
  jobs: JobSender;
}

/** Jobs of a test's dead worker come back within seconds: pg-boss's shortest heartbeat. */
export const TEST_JOB_TIMING = { heartbeatSeconds: 10, monitorIntervalSeconds: 1 };

/** Salesforce users as the sign-in makes them, one per role. */
export const TEST_USERS = {
  admin: testUser('admin', 'Ada Admin'),
  editor: testUser('editor', 'Eddie Editor'),
  viewer: testUser('viewer', 'Vera Viewer'),
} as const satisfies Record<Role, SignedInUser>;

function testUser(role: Role, name: string): SignedInUser {
  const id = `005TEST0000000${role.slice(0, 3).toUpperCase()}`;
  return {
    id,
    orgId: '00DTEST000000001AA',
    username: `${role}@contactcard.example`,
    name,
    role,
    timeZone: 'UTC',
  };
}

export async function startTestApp(
  options: { withSchema?: boolean; migrated?: boolean; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const database = await createTestDatabase({
    withSchema: options.withSchema ?? true,
    migrated: options.migrated ?? true,
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    APP_PASSWORD: TEST_PASSWORD,
    SESSION_SECRET: 'test-secret-that-is-at-least-32-characters-long',
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const jobs = jobSender({ connectionString: database.url, timing: TEST_JOB_TIMING });
  const app = createApp({ db: database.db, config, logger: createLogger('silent'), jobs });
  const agent = () => request.agent(app);
  return {
    ...database,
    async close() {
      await jobs.close();
      await database.close();
    },
    app,
    config,
    jobs,
    agent,
    async signedInAgent() {
      const client = agent();
      await signIn(client);
      return client;
    },
    agentSignedInAs(user) {
      const codec = new SessionCodec({
        sessionSecret: config.sessionSecret,
        appPassword: config.appPassword,
        ttlMs: config.sessionTtlMs,
      });
      const client = agent();
      client.jar.setCookie(`${SESSION_COOKIE}=${codec.encode(codec.create(user))}; Path=/`);
      return client;
    },
  };
}

export async function signIn(client: TestAgent, password = TEST_PASSWORD) {
  const form = await client.get('/signin');
  return client
    .post('/signin')
    .type('form')
    .send({ _csrf: csrfTokenIn(form.text), password, next: '/contacts' });
}

/** The hidden field in which an edit or delete form carries the values it showed. */
export function shownFormValueIn(html: string): string {
  const match = /name="shown" value="([^"]*)"/.exec(html);
  if (match?.[1] === undefined) throw new Error('page has no shown values');
  return match[1];
}

/** The values a card's edit form says it showed, as the save will read them. */
export function shownIn(html: string): ContactValues {
  const shown = decodeShown(shownFormValueIn(html));
  if (!shown) throw new Error('page has unreadable shown values');
  return shown;
}

/**
 * The whole body of a redirect Express answers for a client that asked for no HTML: a page
 * that must reveal nothing else (no contact data) is compared with this exactly.
 */
export function redirectNotice(location: string | undefined): string {
  return `See Other. Redirecting to ${location ?? ''}`;
}
