import {
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  objectTable,
  USER_OBJECT,
  type MappedObject,
} from '../connect/mappedObject';
import { syncStateSql } from '../connect/syncState';
import type { Database, Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { CITIES } from './sampleData';
import {
  ACCOUNT_BRANDS,
  ACCOUNT_BUSINESSES,
  ACCOUNT_TYPES,
  LEGAL_FORMS,
  SAMPLE_OWNER_IDS,
  SAMPLE_USER_ROWS,
} from './sampleAccounts';

/** The sample data has one account per this many contacts. */
export const CONTACTS_PER_ACCOUNT = 7;

/** A sample record's sfid: the object's key prefix, then n in hex, so ids order as n does. */
export const sampleSfid = (keyPrefix: string, n: string): string =>
  `'${keyPrefix}' || lpad(upper(to_hex(${n})), 12, '0') || 'SMP'`;

/** The columns Connect has mapped for each object: the seed writes only those. */
export type MappedColumns = ReadonlyMap<string, ReadonlySet<string>>;

export async function mappedColumns(db: Database, schema: string): Promise<MappedColumns> {
  const tables = [CONTACT_OBJECT, ACCOUNT_OBJECT, USER_OBJECT].map((o) => o.table);
  const result = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = $1 AND table_name = ANY($2::text[])`,
    [schema, tables],
  );
  const columns = new Map<string, Set<string>>(tables.map((table) => [table, new Set()]));
  for (const row of result.rows) columns.get(row.table_name)?.add(row.column_name);
  return columns;
}

/**
 * `INSERT INTO table (…) SELECT … FROM (rows) ON CONFLICT (sfid) DO NOTHING`, keeping only the
 * columns the mapping has; null when the table lacks sfid or a required column.
 */
function insertMappedSql(
  schema: string,
  object: MappedObject,
  mapped: ReadonlySet<string> | undefined,
  generated: readonly string[],
  rowsSql: string,
): string | null {
  if (!mapped || !object.requiredColumns.every((column) => mapped.has(column))) return null;
  const columns = generated.filter((column) => mapped.has(column)).map(quoteIdentifier);
  return `INSERT INTO ${objectTable(object, schema)} (${columns.join(', ')})
          SELECT ${columns.join(', ')} FROM (${rowsSql}) AS generated
          ON CONFLICT (sfid) DO NOTHING`;
}

/** The sample users, as Connect syncs the read-only User object; none when it is not mapped. */
export async function seedUsers(
  client: Queryable,
  schema: string,
  columns: MappedColumns,
): Promise<number> {
  const sql = insertMappedSql(
    schema,
    USER_OBJECT,
    columns.get(USER_OBJECT.table),
    [
      'sfid',
      'name',
      'email',
      'isactive',
      'createddate',
      'systemmodstamp',
      'isdeleted',
      '_hc_lastop',
    ],
    `SELECT u.*, timestamp '2023-01-01' AS createddate, timestamp '2023-01-01' AS systemmodstamp,
            false AS isdeleted, ${syncStateSql('SYNCED')} AS _hc_lastop
       FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[])
            AS u(sfid, name, email, isactive)`,
  );
  if (sql === null) return 0;
  const result = await client.query(sql, [
    SAMPLE_USER_ROWS.map((u) => u.sfid),
    SAMPLE_USER_ROWS.map((u) => u.name),
    SAMPLE_USER_ROWS.map((u) => u.email),
    SAMPLE_USER_ROWS.map((u) => u.isactive),
  ]);
  return result.rowCount ?? 0;
}

const ACCOUNT_COLUMNS = [
  'sfid',
  'name',
  'website',
  'phone',
  'industry',
  'type',
  'billingcity',
  'billingstate',
  'billingpostalcode',
  'billingcountry',
  'external_account_id__c',
  'ownerid',
  'createddate',
  'systemmodstamp',
  'isdeleted',
  '_hc_lastop',
];

/** Names are unique within each block of this many accounts (brands × businesses). */
const NAMES_PER_FORM = ACCOUNT_BRANDS.length * ACCOUNT_BUSINESSES.length;

/**
 * Sample accounts 1..count, like seeded contacts: account n is always the same company, and
 * accounts that exist are kept. Made inside Postgres, as the contacts are.
 */
export async function seedAccounts(
  client: Queryable,
  schema: string,
  columns: MappedColumns,
  count: number,
): Promise<number> {
  if (count < 1) return 0;
  const pick = (param: number, index: string) => `($${param}::text[])[1 + (${index})::int]`;
  const city = `(n * 13) % ${CITIES.length}`;
  // A prime multiplier permutes 0..NAMES_PER_FORM-1, so neighbours get unrelated names.
  const sql = insertMappedSql(
    schema,
    ACCOUNT_OBJECT,
    columns.get(ACCOUNT_OBJECT.table),
    ACCOUNT_COLUMNS,
    `SELECT ${sampleSfid(ACCOUNT_OBJECT.keyPrefix, 'n')} AS sfid,
            concat_ws(' ', brand, business, NULLIF(form, '')) AS name,
            'https://www.' || lower(brand || '-' || business) || '.example' AS website,
            ${pick(11, city)} || ' 555 ' || lpad(((n * 53) % 10000)::text, 4, '0') AS phone,
            industry, ${pick(7, `(n * 5) % ${ACCOUNT_TYPES.length}`)} AS type,
            ${pick(8, city)} AS billingcity, ${pick(9, city)} AS billingstate,
            lpad(((n * 41) % 99999)::text, 5, '0') AS billingpostalcode,
            ${pick(10, city)} AS billingcountry,
            CASE WHEN n % 3 = 0 THEN md5('contact-card-sample-account-' || n) END
              AS external_account_id__c,
            ${pick(12, `n % ${SAMPLE_OWNER_IDS.length}`)} AS ownerid,
            created AS createddate, created + ((n % 60) || ' days')::interval AS systemmodstamp,
            false AS isdeleted, ${syncStateSql('SYNCED')} AS _hc_lastop
       FROM (
         SELECT n, ${pick(3, `k % ${ACCOUNT_BRANDS.length}`)} AS brand,
                ${pick(4, `k / ${ACCOUNT_BRANDS.length}`)} AS business,
                ${pick(5, `k / ${ACCOUNT_BRANDS.length}`)} AS industry,
                ${pick(6, `((m - 1) / ${NAMES_PER_FORM}) % ${LEGAL_FORMS.length}`)} AS form,
                timestamp '2023-01-01' + ((n * 7919) % 525600 || ' minutes')::interval AS created
           FROM generate_series($1::bigint, $2::bigint) AS n,
                -- Every 101st account takes an earlier one's name: a few companies share one.
                LATERAL (SELECT CASE WHEN n % 101 = 0 THEN n / 101 ELSE n END AS m) AS named,
                LATERAL (SELECT ((m - 1) * 7919) % ${NAMES_PER_FORM} AS k) AS permuted
       ) AS sample`,
  );
  if (sql === null) return 0;
  const result = await client.query(sql, [
    1,
    count,
    ACCOUNT_BRANDS,
    ACCOUNT_BUSINESSES.map(([business]) => business),
    ACCOUNT_BUSINESSES.map(([, industry]) => industry),
    LEGAL_FORMS,
    ACCOUNT_TYPES,
    CITIES.map((c) => c[0]),
    CITIES.map((c) => c[1]),
    CITIES.map((c) => c[2]),
    CITIES.map((c) => c[3]),
    SAMPLE_OWNER_IDS,
  ]);
  return result.rowCount ?? 0;
}
