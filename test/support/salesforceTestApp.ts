import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { EMULATOR_ORG_ID } from '../../src/loginEmulator/sampleUsers';
import {
  chooseSampleUser,
  startTamperableLoginEmulator,
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  type TamperableLoginEmulator,
} from './loginEmulator';
import { startTestApp, type TestApp } from './testApp';

export interface SalesforceTestApp extends TestApp {
  /** Where the app listens: the address Salesforce sends people back to. */
  baseUrl: string;
  emulator: TamperableLoginEmulator;
  /** A browser: a client of the listening app that keeps its cookies. */
  browser(): TestAgent;
  /** Starts "Sign in with Salesforce" and returns where the app sent the browser. */
  startSignIn(browser: TestAgent, next?: string): Promise<string>;
  /** Requests the callback URL the emulator sent the browser to, as the browser would. */
  finishSignIn(browser: TestAgent, callbackUrl: string): Promise<request.Response>;
  /** The whole flow, as `userKey` of the login emulator's sample users. */
  signInAs(browser: TestAgent, userKey: string, next?: string): Promise<request.Response>;
}

/**
 * The app configured for "Sign in with Salesforce" against a login emulator on loopback (behind
 * a tampering proxy, idle until a test sets it), listening on a port of its own: the callback
 * address must be registered with the emulator before the app, which discovers the emulator,
 * is built.
 */
export async function startSalesforceTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<SalesforceTestApp> {
  let handler: http.RequestListener = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = http.createServer((req, res) => {
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const emulator = await startTamperableLoginEmulator([`${baseUrl}/auth/salesforce/callback`]);
  const t = await startTestApp({
    env: {
      SALESFORCE_CLIENT_ID: TEST_CLIENT_ID,
      SALESFORCE_CLIENT_SECRET: TEST_CLIENT_SECRET,
      SALESFORCE_ORG_ID: EMULATOR_ORG_ID,
      SALESFORCE_LOGIN_URL: emulator.issuer,
      // The callback address comes from here, as in production: never from a Host header.
      APP_URL: baseUrl,
      ...options.env,
    },
  });
  handler = t.app;

  const startSignIn = async (browser: TestAgent, next = '/contacts') => {
    const res = await browser.get(`/auth/salesforce?next=${encodeURIComponent(next)}`);
    const location = res.headers.location;
    if (res.status !== 303 || !location) {
      throw new Error(`starting sign-in answered ${res.status}: ${res.text}`);
    }
    return location;
  };
  const finishSignIn = (browser: TestAgent, callbackUrl: string) => {
    const url = new URL(callbackUrl);
    return browser.get(`${url.pathname}${url.search}`);
  };
  return {
    ...t,
    baseUrl,
    emulator,
    browser: () => request.agent(baseUrl),
    startSignIn,
    finishSignIn,
    async signInAs(browser, userKey, next) {
      const callbackUrl = await chooseSampleUser(await startSignIn(browser, next), userKey);
      return finishSignIn(browser, callbackUrl);
    },
    async close() {
      await closeServer();
      await emulator.close();
      await t.close();
    },
  };
}
