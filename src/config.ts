import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DEVELOPMENT_PASSWORD, MAKE_A_SECRET, productionProblems } from './productionSecrets';

const MAX_SESSION_TTL_HOURS = 24;
export const DEFAULT_SALESFORCE_LOGIN_URL = 'https://login.salesforce.com';
// Salesforce ids are 15 characters, or 18 with a checksum suffix; an org's start with 00D.
const ORG_ID = /^00D[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$/;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const httpsOrLoopback = (url: string) =>
  new URL(url).protocol === 'https:' || LOOPBACK_HOSTS.has(new URL(url).hostname);
// A DNS name as Heroku's dyno metadata gives it: `my-app-1a2b3c4d5e6f.herokuapp.com`.
const DOMAIN_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const WEB_CONCURRENCY_RANGE = 'WEB_CONCURRENCY must be a whole number from 1 to 64';
const CONFIG_VAR_NAME = /^[A-Z][A-Z0-9_]*$/;
const FOLLOWER_URL_FORMAT =
  'DATABASE_FOLLOWER_URL must be a postgres:// URL, or the name of a set config var that holds one (like HEROKU_POSTGRESQL_ROSE_URL)';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('')
  .transform((value) => ['1', 'true', 'yes'].includes(value));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().optional(),
  DATABASE_CONNECTION_POOL_URL: z.url().optional(),
  PGSSLMODE: z
    .enum(['disable', 'allow', 'prefer', 'require', 'no-verify', 'verify-ca', 'verify-full'])
    .optional(),
  APP_PASSWORD: z.string().min(1).optional(),
  SESSION_SECRET: z
    .string()
    .min(32, `SESSION_SECRET must be at least 32 characters: ${MAKE_A_SECRET}`)
    .optional(),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(
      MAX_SESSION_TTL_HOURS,
      `SESSION_TTL_HOURS must be at most ${MAX_SESSION_TTL_HOURS}: a session, and the role it carries, lasts at most a day`,
    )
    .default(12),
  CONNECT_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'CONNECT_SCHEMA must be a plain lower-case identifier')
    .default('salesforce'),
  HEROKU_APP_NAME: z.string().optional(),
  APP_URL: z
    .url()
    .refine(
      httpsOrLoopback,
      'APP_URL must be the https address people open the app at (http only on 127.0.0.1/localhost)',
    )
    .optional(),
  HEROKU_APP_DEFAULT_DOMAIN_NAME: z
    .string()
    .regex(DOMAIN_NAME, 'HEROKU_APP_DEFAULT_DOMAIN_NAME must be a domain name')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATABASE_FOLLOWER_URL: z.url({ error: FOLLOWER_URL_FORMAT }).optional(),
  DATABASE_FOLLOWER_MAX_LAG_S: z.coerce.number().positive().max(3600).default(10),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SAMPLE_CONTACTS: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  DEV_DATABASE_ALLOW_REMOTE: flag,
  CONTACT_CARD_DEMO: flag,
  SALESFORCE_CLIENT_ID: z.string().min(1).optional(),
  SALESFORCE_CLIENT_SECRET: z.string().min(1).optional(),
  SALESFORCE_ORG_ID: z
    .string()
    .regex(ORG_ID, 'SALESFORCE_ORG_ID must be an org id: 15 or 18 characters starting 00D')
    .optional(),
  SALESFORCE_LOGIN_URL: z
    .url()
    .refine(
      httpsOrLoopback,
      'SALESFORCE_LOGIN_URL must be an https URL (http only on this machine, for the login emulator)',
    )
    .default(DEFAULT_SALESFORCE_LOGIN_URL),
  // Unset, it depends on the rules: see defaultRole below.
  DEFAULT_ROLE: z.enum(['viewer', 'editor', 'admin', 'none']).optional(),
  CONTACT_VISIBILITY: z.enum(['all', 'owner']).default('all'),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(365),
  // pg-boss refuses a heartbeat under 10 s.
  JOB_HEARTBEAT_SECONDS: z.coerce.number().int().min(10).max(600).default(30),
  AUDIT_SALESFORCE_FIELD: z
    .string()
    .regex(
      /^[a-z_][a-z0-9_]{0,62}$/,
      'AUDIT_SALESFORCE_FIELD must be a column name, like last_edited_in_app_by__c',
    )
    .optional(),
  HEALTHZ_TOKEN: z.string().min(32, 'HEALTHZ_TOKEN must be at least 32 characters').optional(),
  // Heroku sets it from the dyno's memory.
  WEB_CONCURRENCY: z.coerce
    .number({ error: WEB_CONCURRENCY_RANGE })
    .int(WEB_CONCURRENCY_RANGE)
    .min(1, WEB_CONCURRENCY_RANGE)
    .max(64, WEB_CONCURRENCY_RANGE)
    .default(1),
});

export interface SalesforceSignIn {
  clientId: string;
  clientSecret: string;
  /** Only users of this org get in; compared on its first 15 characters. */
  orgId: string;
  /** Where discovery starts: login, test (sandboxes) or a My Domain URL. */
  loginUrl: string;
  /** The app's own address (Config.appUrl), which the callback address is built on. */
  appUrl: string;
}

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  /**
   * What NODE_ENV said (`unset` when nothing) when a production entry point applied production
   * rules over it (loadProductionConfig); null when it said production, or decided the rules.
   */
  overriddenNodeEnv: string | null;
  port: number;
  databaseUrl: string | undefined;
  /**
   * Heroku's connection pooling (PgBouncer in transaction mode), for web processes only: the
   * release phase and one-off commands hold session state and use databaseUrl.
   */
  databaseConnectionPoolUrl: string | undefined;
  pgSslMode: string | undefined;
  appPassword: string;
  usesDevelopmentPassword: boolean;
  sessionSecret: string;
  sessionTtlMs: number;
  connectSchema: string;
  herokuAppName: string | undefined;
  /**
   * The address people open the app at (an origin, no path): APP_URL, else Heroku's dyno
   * metadata, else, outside production, http://localhost:PORT. Never a request's Host header.
   */
  appUrl: string | undefined;
  logLevel: string;
  poolMax: number;
  statementTimeoutMs: number;
  /** A read replica (Heroku follower) for the list, search, counts, failed writes and audit. */
  databaseFollowerUrl: string | undefined;
  /** Beyond this replay lag, reads the follower would serve go to the leader. */
  followerMaxLagS: number;
  dataDir: string;
  embeddedPgPort: number;
  sampleContacts: number;
  devDatabaseAllowRemote: boolean;
  /**
   * A review app's demo: sample contacts and the Connect emulator in the app's own database,
   * even with NODE_ENV=production. Never where Heroku Connect is present (dev/ guards that).
   */
  demo: boolean;
  /** Web processes per dyno; one means no cluster at all, so `npm start` stays one process. */
  webConcurrency: number;
  /** "Sign in with Salesforce", when an External Client App is configured. */
  salesforce: SalesforceSignIn | null;
  /**
   * The shared password: always outside production; in production only without a Salesforce
   * client, so configuring one closes the shared door.
   */
  passwordSignIn: boolean;
  /**
   * For a Salesforce user with none of the app's custom permissions; `none` refuses them, and is
   * production's default: Connect syncs every row, so Salesforce's own sharing does not reach here.
   */
  defaultRole: 'viewer' | 'editor' | 'admin' | 'none';
  /**
   * `owner`: viewers and editors see only the records whose OwnerId is their Salesforce user id
   * (records/visibility.ts); `all`: everyone signed in sees every record.
   */
  contactVisibility: 'all' | 'owner';
  auditRetentionDays: number;
  /**
   * How long a running job may go without its worker's heartbeat before another worker takes
   * it up (docs/import.md#a-worker-that-dies).
   */
  jobHeartbeatSeconds: number;
  /** A mapped text column that each change also sets to the editor's username. */
  auditSalesforceField: string | undefined;
  /** A monitor that sends it as a bearer token reads /healthz's details without signing in. */
  healthzToken: string | undefined;
}

export class ConfigError extends Error {}

/**
 * The production entry points (`node dist/server.js`, the Procfile's web process, and the
 * release command) apply production rules whatever NODE_ENV says: development rules belong to
 * the development server alone (a demo keeps only its password), and a missing or mistyped
 * variable must neither open the app nor take it down (docs/security.md#production-rules).
 */
export function loadProductionConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const said = blankToUndefined(env).NODE_ENV;
  return {
    ...loadConfig({ ...env, NODE_ENV: 'production' }),
    overriddenNodeEnv: said === 'production' ? null : (said ?? 'unset'),
  };
}

/** The only reader of process.env: parses once, fails fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(withFollowerUrl(blankToUndefined(env)));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const appUrl = publicAddress(e);
  const salesforce = salesforceSignIn(e, appUrl);
  // A demo holds sample data only and has no login emulator in production: it keeps the password.
  const passwordSignIn = !isProduction || salesforce === null || e.CONTACT_CARD_DEMO;
  if (isProduction) {
    const problems = productionProblems(e, { passwordSignIn, hasSalesforce: salesforce !== null });
    if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  }
  return {
    env: e.NODE_ENV,
    isProduction,
    overriddenNodeEnv: null,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databaseConnectionPoolUrl: e.DATABASE_CONNECTION_POOL_URL,
    pgSslMode: e.PGSSLMODE,
    appPassword: e.APP_PASSWORD ?? DEVELOPMENT_PASSWORD,
    usesDevelopmentPassword: passwordSignIn && e.APP_PASSWORD === undefined,
    // A development secret changes per start, which only signs developers out on restart.
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    connectSchema: e.CONNECT_SCHEMA,
    herokuAppName: e.HEROKU_APP_NAME,
    appUrl,
    logLevel: e.LOG_LEVEL,
    poolMax: e.DATABASE_POOL_MAX,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    databaseFollowerUrl: e.DATABASE_FOLLOWER_URL,
    followerMaxLagS: e.DATABASE_FOLLOWER_MAX_LAG_S,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    sampleContacts: e.SAMPLE_CONTACTS,
    devDatabaseAllowRemote: e.DEV_DATABASE_ALLOW_REMOTE,
    demo: e.CONTACT_CARD_DEMO,
    webConcurrency: e.WEB_CONCURRENCY,
    salesforce,
    passwordSignIn,
    // Development's sample user without a permission (Nora Nobody) gets in, as a viewer.
    defaultRole: e.DEFAULT_ROLE ?? (isProduction ? 'none' : 'viewer'),
    contactVisibility: e.CONTACT_VISIBILITY,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
    jobHeartbeatSeconds: e.JOB_HEARTBEAT_SECONDS,
    auditSalesforceField: e.AUDIT_SALESFORCE_FIELD,
    healthzToken: e.HEALTHZ_TOKEN,
  };
}

/**
 * Where the app is reached. HEROKU_APP_NAME alone does not say: since 2023 Heroku names new
 * apps' domains `<name>-<random>.herokuapp.com`. The development server listens on localhost
 * at PORT, unless PORT is 0 (any free port), when nothing knows the address in advance.
 */
function publicAddress(e: z.infer<typeof schema>): string | undefined {
  if (e.APP_URL) return new URL(e.APP_URL).origin;
  if (e.HEROKU_APP_DEFAULT_DOMAIN_NAME) return `https://${e.HEROKU_APP_DEFAULT_DOMAIN_NAME}`;
  if (e.NODE_ENV !== 'production' && e.PORT !== 0) return `http://localhost:${e.PORT}`;
  return undefined;
}

/**
 * The three settings come together: a client without its org would let in any org's users.
 * The callback address is built on the app's configured address, never on a request's Host
 * header, which anyone can set; without one, sign-in is refused at start, not at first use.
 */
function salesforceSignIn(
  e: z.infer<typeof schema>,
  appUrl: string | undefined,
): SalesforceSignIn | null {
  const { SALESFORCE_CLIENT_ID: clientId, SALESFORCE_CLIENT_SECRET: clientSecret } = e;
  const orgId = e.SALESFORCE_ORG_ID;
  if (!clientId && !clientSecret && !orgId) return null;
  if (!clientId || !clientSecret || !orgId) {
    const missing = [
      clientId ? null : "SALESFORCE_CLIENT_ID (the External Client App's consumer key)",
      clientSecret ? null : 'SALESFORCE_CLIENT_SECRET (its consumer secret)',
      orgId ? null : 'SALESFORCE_ORG_ID (the org whose users may sign in)',
    ].filter((name) => name !== null);
    throw new ConfigError(
      `Sign in with Salesforce needs these settings too:\n  ${missing.join('\n  ')}`,
    );
  }
  if (!appUrl) {
    throw new ConfigError(
      "Sign in with Salesforce needs the app's own address for its callback URL. Set APP_URL " +
        '(like https://contacts.example.com, as registered in the External Client App), or on ' +
        'Heroku run `heroku labs:enable runtime-dyno-metadata`, which sets ' +
        'HEROKU_APP_DEFAULT_DOMAIN_NAME.',
    );
  }
  return { clientId, clientSecret, orgId, loginUrl: e.SALESFORCE_LOGIN_URL, appUrl };
}

/**
 * Heroku names a follower's URL HEROKU_POSTGRESQL_<COLOR>_URL and rewrites that var when it
 * rotates the credentials; naming the var, instead of copying its value, keeps up with that.
 */
function withFollowerUrl(env: Record<string, string | undefined>) {
  const value = env.DATABASE_FOLLOWER_URL;
  if (value === undefined || !CONFIG_VAR_NAME.test(value)) return env;
  return { ...env, DATABASE_FOLLOWER_URL: env[value] ?? value };
}

// `heroku local` and .env files often carry `NAME=` for "unset".
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}
