import type { E2eRun } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
  const run = (globalThis as { e2eRun?: E2eRun }).e2eRun;
  await run?.chromium?.close();
  await run?.app.stop();
}
