import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const DEVELOPMENT_PASSWORD = 'contact-card';
const WEB_CONCURRENCY_RANGE = 'WEB_CONCURRENCY must be a whole number from 1 to 64';

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .default('')
  .transform((value) => ['1', 'true', 'yes'].includes(value));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.url().optional(),
  PGSSLMODE: z
    .enum(['disable', 'allow', 'prefer', 'require', 'no-verify', 'verify-ca', 'verify-full'])
    .optional(),
  APP_PASSWORD: z.string().min(1).optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(720).default(12),
  CONNECT_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'CONNECT_SCHEMA must be a plain lower-case identifier')
    .default('salesforce'),
  HEROKU_APP_NAME: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  SAMPLE_CONTACTS: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  DEV_DATABASE_ALLOW_REMOTE: flag,
  CONTACT_CARD_DEMO: flag,
  // Heroku sets it from the dyno's memory.
  WEB_CONCURRENCY: z.coerce
    .number({ error: WEB_CONCURRENCY_RANGE })
    .int(WEB_CONCURRENCY_RANGE)
    .min(1, WEB_CONCURRENCY_RANGE)
    .max(64, WEB_CONCURRENCY_RANGE)
    .default(1),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  databaseUrl: string | undefined;
  pgSslMode: string | undefined;
  appPassword: string;
  usesDevelopmentPassword: boolean;
  sessionSecret: string;
  sessionTtlMs: number;
  connectSchema: string;
  herokuAppName: string | undefined;
  logLevel: string;
  poolMax: number;
  statementTimeoutMs: number;
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
}

export class ConfigError extends Error {}

/** The only reader of process.env: parses once, fails fast with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  if (isProduction) requireProductionSettings(e);
  return {
    env: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    pgSslMode: e.PGSSLMODE,
    appPassword: e.APP_PASSWORD ?? DEVELOPMENT_PASSWORD,
    usesDevelopmentPassword: e.APP_PASSWORD === undefined,
    // A development secret changes per start, which only signs developers out on restart.
    sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    connectSchema: e.CONNECT_SCHEMA,
    herokuAppName: e.HEROKU_APP_NAME,
    logLevel: e.LOG_LEVEL,
    poolMax: e.DATABASE_POOL_MAX,
    statementTimeoutMs: e.DATABASE_STATEMENT_TIMEOUT_MS,
    dataDir: e.DATA_DIR,
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    sampleContacts: e.SAMPLE_CONTACTS,
    devDatabaseAllowRemote: e.DEV_DATABASE_ALLOW_REMOTE,
    demo: e.CONTACT_CARD_DEMO,
    webConcurrency: e.WEB_CONCURRENCY,
  };
}

function requireProductionSettings(e: z.infer<typeof schema>): void {
  const missing = [
    e.DATABASE_URL ? null : 'DATABASE_URL (attach Heroku Postgres)',
    // A demo signs in as local development does: with the development password by default.
    e.APP_PASSWORD || e.CONTACT_CARD_DEMO ? null : 'APP_PASSWORD (the sign-in password)',
    e.SESSION_SECRET ? null : 'SESSION_SECRET (32+ random characters)',
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    throw new ConfigError(`Production needs these settings:\n  ${missing.join('\n  ')}`);
  }
}

// `heroku local` and .env files often carry `NAME=` for "unset".
function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}
