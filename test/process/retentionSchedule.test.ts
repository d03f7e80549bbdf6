import { Writable } from 'node:stream';
import { AUDIT_TABLE } from '../../src/audit/auditTable';
import { createLogger } from '../../src/logger';
import { DAILY, scheduleRetention } from '../../src/process/retentionSchedule';
import { createTestDatabase, type TestDatabase } from '../support/testDatabase';

/** A logger, and a promise of the first message that contains `text`. */
function loggerWaitingFor(text: string) {
  let seen: (message: string) => void = () => undefined;
  const message = new Promise<string>((resolve) => {
    seen = resolve;
  });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const { msg } = JSON.parse(chunk.toString()) as { msg: string };
      if (msg.includes(text)) seen(msg);
      done();
    },
  });
  return { logger: createLogger('info', destination), message };
}

describe('the daily removal of expired audit entries', () => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase({ withSchema: false });
    await t.db.query(
      `INSERT INTO ${AUDIT_TABLE} (at, action, user_id, username, user_name)
         SELECT now() - interval '400 days', 'edit', '005TEST', 'editor@contactcard.example', 'Eddie'
           FROM generate_series(1, 3)`,
    );
  });
  afterEach(async () => {
    await t.close();
  });

  const entries = async () =>
    (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${AUDIT_TABLE}`)).rows[0]?.n;

  test('when a pass is due, then it removes the expired entries and logs how many', async () => {
    const { logger, message } = loggerWaitingFor('audit entries');

    const stop = scheduleRetention(t.db, 365, logger, {
      ...DAILY,
      firstPassAfterMs: 0,
      jitterMs: 0,
    });
    try {
      expect(await message).toBe('Removed 3 audit entries older than 365 days.');
    } finally {
      await stop();
    }
    expect(await entries()).toBe(0);
  });

  test('when the process stops before the first pass is due, then no pass runs', async () => {
    const { logger } = loggerWaitingFor('audit entries');

    const stop = scheduleRetention(t.db, 365, logger);
    await stop();

    expect(await entries()).toBe(3);
  });
});
