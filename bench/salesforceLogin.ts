import { randomInt } from 'node:crypto';
import type http from 'node:http';
import { CALLBACK_PATH } from '../src/auth/salesforceRoutes';
import { EMULATOR_ORG_ID } from '../src/loginEmulator/sampleUsers';
import { httpUser, type HttpUser } from '../test/support/httpUser';
import {
  chooseSampleUser,
  startTestLoginEmulator,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
} from '../test/support/loginEmulator';

export interface BenchLogin {
  /** The app's config vars for "Sign in with Salesforce" against this emulator. */
  configVars: Record<string, string>;
  /** A browser signed in through the whole flow as one of the emulator's sample users. */
  signIn(userKey: string, agent?: http.Agent | false): Promise<HttpUser>;
  close(): Promise<void>;
}

/**
 * The Salesforce login emulator on loopback, with the app at `appUrl` as its client. The app
 * runs in production behind "Heroku's router" (X-Forwarded-Proto: https), so the callback it
 * names is the https one. With Salesforce configured, production turns the shared password off:
 * every load command signs in here. DEFAULT_ROLE=editor lets the sample user without a
 * permission (nobody) edit too.
 */
export async function startBenchLogin(appUrl: string): Promise<BenchLogin> {
  const publicUrl = `https://${new URL(appUrl).host}`;
  const emulator = await startTestLoginEmulator([`${publicUrl}${CALLBACK_PATH}`]);
  return {
    configVars: {
      APP_URL: publicUrl,
      SALESFORCE_CLIENT_ID: TEST_CLIENT_ID,
      SALESFORCE_CLIENT_SECRET: TEST_CLIENT_SECRET,
      SALESFORCE_ORG_ID: EMULATOR_ORG_ID,
      SALESFORCE_LOGIN_URL: emulator.url,
      DEFAULT_ROLE: 'editor',
    },
    signIn: (userKey, agent = false) => signInAs(appUrl, userKey, agent),
    close: () => emulator.close(),
  };
}

/**
 * Each browser comes from an address of its own, as Heroku's router reports it: the app counts
 * sign-in requests per address in the database (CALLBACK_LIMITS), across runs, so enough runs
 * back to back from one address would be turned away.
 */
async function signInAs(
  appUrl: string,
  userKey: string,
  agent: http.Agent | false,
): Promise<HttpUser> {
  const address = `127.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;
  const user = httpUser(appUrl, agent, { 'X-Forwarded-For': address });
  const started = await user.get('/auth/salesforce?next=/contacts');
  const authorizationUrl = started.headers.location;
  if (started.status !== 303 || !authorizationUrl) {
    throw new Error(`starting sign-in as ${userKey} answered ${started.status}`);
  }
  const callback = new URL(await chooseSampleUser(authorizationUrl, userKey));
  const finished = await user.get(`${callback.pathname}${callback.search}`);
  if (finished.status !== 303) {
    throw new Error(`signing in as ${userKey} answered ${finished.status}`);
  }
  return user;
}
