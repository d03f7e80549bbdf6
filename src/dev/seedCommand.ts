import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { configuredDatabase } from '../db/configuredDatabase';
import { createLogger } from '../logger';
import { createDevSchema } from './devSchema';
import { assertDevelopmentDatabase, guardOptionsFor } from './devDatabaseGuard';
import { databaseTarget } from './localDatabase';
import { seedSampleData } from './seed';
import { runMain } from '../process/runMain';

const MAX_COUNT = 5_000_000;

/**
 * `npm run seed -- --count N`: adds sample contacts 1..N to the development database, with the
 * org's users and one account per seven contacts.
 */
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
    const seeded = await seedSampleData(db, config.connectSchema, count, (done) => {
      process.stdout.write(`\r${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`);
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const n = (value: number) => value.toLocaleString('en-US');
    const linked =
      seeded.linked > 0
        ? `, and linked ${n(seeded.linked)} earlier contacts to their account and owner`
        : '';
    console.log(
      `\nInserted ${n(seeded.contacts)} new contacts, ${n(seeded.accounts)} accounts and ` +
        `${n(seeded.users)} users${linked} in ${seconds} s (records that already existed were kept).`,
    );
  } finally {
    await db.close();
    await target.stop();
  }
}

runMain(main);
