import type { BrowserServer } from 'playwright-core';
import { startApp, type RunningApp } from './appServer';
import { launchChromiumServer } from './browser';

export interface E2eRun {
  app: RunningApp;
  chromium?: BrowserServer;
}

/** Starts one app and one Chromium for every test file; tests find both through the environment. */
export default async function globalSetup(): Promise<void> {
  const run: E2eRun = { app: await startApp() };
  (globalThis as { e2eRun?: E2eRun }).e2eRun = run;
  try {
    run.chromium = await launchChromiumServer();
  } catch (error) {
    // jest skips globalTeardown when globalSetup throws: stop the app here, or it lives on.
    await run.app.stop();
    throw error;
  }
  process.env.E2E_BASE_URL = run.app.baseUrl;
  process.env.E2E_APP_PASSWORD = run.app.password;
  process.env.E2E_BROWSER_ENDPOINT = run.chromium.wsEndpoint();
  console.log(`\ne2e: app at ${run.app.baseUrl}, Connect emulator run by the ${run.app.emulator}`);
}
