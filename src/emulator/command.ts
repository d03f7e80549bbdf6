import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { commandFailure } from './commandDatabase';
import { startConnectEmulator } from './processor';
import { openWhenReady } from './readiness';

/**
 * `npm run emulator` (or the `emulator` process of `heroku local -f Procfile.dev`): installs
 * the Connect emulator in the development database and sends captured writes until stopped.
 * `--wait` waits for the app to create the database and schema, for when both start together.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'delay-ms': { type: 'string', default: '2000' },
      'interval-ms': { type: 'string', default: '1000' },
      wait: { type: 'boolean', default: false },
    },
  });
  const delayMs = wholeNumber(values['delay-ms'], '--delay-ms', 0, 600_000);
  const intervalMs = wholeNumber(values['interval-ms'], '--interval-ms', 50, 60_000);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const opened = await openWhenReady(config, logger, values.wait);

  const emulator = startConnectEmulator(opened.db, {
    schema: config.connectSchema,
    delayMs,
    intervalMs,
    logger,
    keepProcessAlive: true,
  });
  logger.info(
    `Connect emulator is running: writes to ${config.connectSchema}.contact and .account are sent ${delayMs} ms after they are made (accounts first). Ctrl-C stops it.`,
  );
  const shutdown = () => {
    emulator
      .stop()
      .then(() => opened.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

function wholeNumber(text: string, name: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}.`);
  }
  return value;
}

main().catch((error: unknown) => {
  console.error(commandFailure(error));
  process.exit(1);
});
