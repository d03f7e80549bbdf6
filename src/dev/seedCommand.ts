import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { configuredDatabase } from '../db/configuredDatabase';
import { createLogger } from '../logger';
import { createDevSchema } from './devSchema';
import { assertDevelopmentDatabase, guardOptionsFor } from './devDatabaseGuard';
import { databaseTarget } from './localDatabase';
import { seedContacts } from './seed';
import { runMain } from '../process/runMain';

const MAX_COUNT = 5_000_000;

/** `npm run seed -- --count N`: adds sample contacts 1..N to the development database. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' } } });
  const count = Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > MAX_COUNT) {
    throw new Error(
      `--count must be a whole number from 1 to ${MAX_COUNT.toLocaleString('en-US')}.`,
    );
  }
  const config = loadConfig();
  const logger = createLogger('warn');
  const target = await databaseTarget(config, (message) => {
    console.log(message);
  });
  const db = configuredDatabase(config, {
    connectionString: target.connectionString,
    logger,
    poolMax: 1,
    statementTimeoutMs: 600_000,
  });
  try {
    await assertDevelopmentDatabase(db, guardOptionsFor(config, target.connectionString));
    await createDevSchema(db, config.connectSchema);
    const started = Date.now();
    const inserted = await seedContacts(db, config.connectSchema, count, (done) => {
      process.stdout.write(`\r${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nInserted ${inserted.toLocaleString('en-US')} new contacts in ${seconds} s (contacts that already existed were kept).`,
    );
  } finally {
    await db.close();
    await target.stop();
  }
}

runMain(main);
