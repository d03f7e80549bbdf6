import { CONTACT_OBJECT, objectTable, type MappedObject } from '../../src/connect/mappedObject';
import type { Database } from '../../src/db/database';
import { quoteIdentifier } from '../../src/db/identifiers';
import type { GuardOptions } from '../../src/dev/devDatabaseGuard';
import { asConnect } from '../../src/dev/connectWrites';
import { installConnectEmulator } from '../../src/emulator/install';
import { startConnectEmulator, type ConnectEmulator } from '../../src/emulator/processor';
import { createLogger } from '../../src/logger';

export const SCHEMA = 'salesforce';

export type Values = Record<string, string | null>;

export function guardFor(url: string, overrides: Partial<GuardOptions> = {}): GuardOptions {
  return {
    connectionString: url,
    schema: SCHEMA,
    isProduction: false,
    allowRemote: false,
    ...overrides,
  };
}

/** Installs the emulator; its timer is far off, so tests drive it with processOnce(). */
export async function installEmulator(db: Database, url: string): Promise<ConnectEmulator> {
  await installConnectEmulator(db, guardFor(url));
  return startConnectEmulator(db, {
    schema: SCHEMA,
    delayMs: 0,
    intervalMs: 60_000,
    logger: createLogger('silent'),
  });
}

/** An INSERT as the app makes it; the emulator's triggers capture it. */
export async function insertAsApp(
  db: Pick<Database, 'query'>,
  values: Values,
  object: Pick<MappedObject, 'table'> = CONTACT_OBJECT,
): Promise<number> {
  const columns = Object.keys(values);
  const result = await db.query<{ id: number }>(
    `INSERT INTO ${objectTable(object, SCHEMA)} (${columns.map(quoteIdentifier).join(', ')})
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING id`,
    Object.values(values),
  );
  return (result.rows[0] as { id: number }).id;
}

export async function updateAsApp(
  db: Database,
  id: number,
  values: Values,
  object: Pick<MappedObject, 'table'> = CONTACT_OBJECT,
): Promise<void> {
  const columns = Object.keys(values);
  await db.query(
    `UPDATE ${objectTable(object, SCHEMA)} SET ${columns.map((c, i) => `${quoteIdentifier(c)} = $${i + 2}`).join(', ')}
      WHERE id = $1`,
    [id, ...Object.values(values)],
  );
}

let counter = 0;

/** A contact that came from Salesforce: written as Connect, so nothing is captured. */
export async function insertFromSalesforce(
  db: Database,
  values: Values = {},
): Promise<{ id: number; sfid: string }> {
  counter += 1;
  const row: Values = {
    sfid: `003EMUTEST${String(counter).padStart(5, '0')}AAA`,
    firstname: 'Ada',
    lastname: `Lovelace ${counter}`,
    email: `ada${counter}@example.com`,
    title: 'Analyst',
    _hc_lastop: 'SYNCED',
    ...values,
  };
  const columns = Object.keys(row);
  const result = await asConnect(db, (client) =>
    client.query<{ id: number; sfid: string }>(
      `INSERT INTO salesforce.contact (${columns.map(quoteIdentifier).join(', ')}, systemmodstamp)
       VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, timestamp '2024-01-01')
       RETURNING id, sfid`,
      Object.values(row),
    ),
  );
  return result.rows[0] as { id: number; sfid: string };
}

export interface StoredRow {
  sfid: string | null;
  name: string | null;
  email: string | null;
  title: string | null;
  _hc_lastop: string | null;
  _hc_err: string | null;
  systemmodstamp: Date | null;
  createddate: Date | null;
}

export async function readRow(db: Database, id: number): Promise<StoredRow | undefined> {
  const result = await db.query<StoredRow>(
    `SELECT sfid, name, email, title, _hc_lastop, _hc_err, systemmodstamp, createddate
       FROM salesforce.contact WHERE id = $1`,
    [id],
  );
  return result.rows[0];
}

export interface StoredEntry {
  id: number;
  action: string;
  state: string;
  record_id: number;
  sfid: string | null;
  /** `values` and `old` read as objects (they are hstore text). */
  changed: Record<string, string | null> | null;
  previous: Record<string, string | null> | null;
  sf_message: string | null;
  processed_at: Date | null;
}

export async function entriesIn(
  db: Database,
  table: '_trigger_log' | '_trigger_log_archive',
  recordId: number,
  object: Pick<MappedObject, 'table'> = CONTACT_OBJECT,
): Promise<StoredEntry[]> {
  const result = await db.query<StoredEntry>(
    `SELECT id, action, state, record_id, sfid, hstore_to_json("values"::hstore) AS changed,
            hstore_to_json(old::hstore) AS previous, sf_message, processed_at
       FROM salesforce.${table} WHERE record_id = $1 AND table_name = $2 ORDER BY id`,
    [recordId, object.table],
  );
  return result.rows;
}
