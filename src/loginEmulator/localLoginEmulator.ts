import { randomBytes } from 'node:crypto';
import { loadConfig, type Config } from '../config';
import { EMULATOR_ORG_ID, SAMPLE_SALESFORCE_USERS } from './sampleUsers';
import { startLoginEmulator, type LoginEmulator } from './startLoginEmulator';

const LOCAL_CLIENT_ID = 'contact-card-local';

export interface LocalSignIn {
  /** The configuration with "Sign in with Salesforce" pointed at the emulator. */
  config: Config;
  emulator: LoginEmulator;
  /** For the start-up log: how to sign in, and as whom. */
  howToSignIn: string;
}

/**
 * `npm start` without SALESFORCE_CLIENT_ID: a login emulator on loopback stands in for
 * Salesforce, so "Sign in with Salesforce" works on a fresh clone. The settings go into the
 * environment as well, where cluster workers (forked with it) read them. Returns null when a
 * real Salesforce is configured, or when the app's address is not known in advance (PORT=0
 * without APP_URL): the callback address must be registered before anyone signs in.
 */
export async function startLocalLoginEmulator(config: Config): Promise<LocalSignIn | null> {
  if (config.salesforce || !config.appUrl) return null;
  const clientSecret = randomBytes(24).toString('base64url');
  const emulator = await startLoginEmulator({
    env: config.env,
    clients: [
      {
        clientId: LOCAL_CLIENT_ID,
        clientSecret,
        redirectUris: [new URL('/auth/salesforce/callback', config.appUrl).href],
      },
    ],
  });
  Object.assign(process.env, {
    SALESFORCE_CLIENT_ID: LOCAL_CLIENT_ID,
    SALESFORCE_CLIENT_SECRET: clientSecret,
    SALESFORCE_ORG_ID: EMULATOR_ORG_ID,
    SALESFORCE_LOGIN_URL: emulator.issuer,
  });
  const users = SAMPLE_SALESFORCE_USERS.map((user) => `${user.name} (${user.key})`);
  return {
    config: loadConfig(),
    emulator,
    howToSignIn: `Sign in with Salesforce goes to the login emulator at ${emulator.issuer}, which offers sample users: ${users.join(', ')}.`,
  };
}
