import { CONTACT_TABLE, contactTable } from '../connect/contactTable';
import {
  ACCOUNT_ID_COLUMN,
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  OWNER_ID_COLUMN,
} from '../connect/mappedObject';
import { syncStateSql } from '../connect/syncState';
import type { Database, Queryable } from '../db/database';
import { dropAppIndexes } from '../db/indexes';
import { asConnect } from './connectWrites';
import { SAMPLE_OWNER_IDS } from './sampleAccounts';
import { CITIES, DEPARTMENTS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, TITLES } from './sampleData';
import {
  CONTACTS_PER_ACCOUNT,
  mappedColumns,
  sampleSfid,
  seedAccounts,
  seedUsers,
  type MappedColumns,
} from './seedAccounts';

const BATCH_SIZE = 100_000;
/**
 * Adding more rows than this drops the list's indexes first: with them in place a million rows
 * take minutes instead of under a minute. The next server start (or release) rebuilds them.
 */
const DROP_INDEXES_ABOVE = 50_000;

export interface SeedCounts {
  contacts: number;
  accounts: number;
  users: number;
  /** Contacts seeded before accounts and owners existed, now given theirs. */
  linked: number;
}

/**
 * Inserts sample contacts 1..count as if they had come from Salesforce (sfid set, SYNCED),
 * with the org's users, one account per seven contacts, and each contact's owner and (for nine
 * in ten) account. Contact n is always the same person at the same account, so runs are
 * reproducible; rows that already exist are skipped, so seeding again never duplicates. Rows
 * are generated inside Postgres because sending a million rows from Node would take far
 * longer than making them there. They are written as Connect's own writes, so an installed
 * emulator does not capture them as app inserts. Only mapped tables and columns are written.
 */
export async function seedSampleData(
  db: Database,
  schema: string,
  count: number,
  onProgress: (done: number) => void = () => undefined,
): Promise<SeedCounts> {
  const columns = await mappedColumns(db, schema);
  const { users, accounts } = await asConnect(db, async (client) => ({
    users: await seedUsers(client, schema, columns),
    accounts: await seedAccounts(client, schema, columns, Math.ceil(count / CONTACTS_PER_ACCOUNT)),
  }));
  // The owners are the insert's 12th parameter, the update's second.
  const contacts = await seedContactRows(db, schema, count, contactLinks(columns, 12), onProgress);
  const linked = await asConnect(db, (client) =>
    linkEarlierContacts(client, schema, count, contactLinks(columns, 2)),
  );
  return { contacts, accounts, users, linked };
}

async function seedContactRows(
  db: Database,
  schema: string,
  count: number,
  links: readonly Link[],
  onProgress: (done: number) => void,
): Promise<number> {
  if (count - (await contactCount(db, schema)) > DROP_INDEXES_ABOVE) {
    await db.withClient((client) => dropAppIndexes(client, { schema, name: CONTACT_TABLE }));
  }
  const owned = links.some(([column]) => column === OWNER_ID_COLUMN);
  let inserted = 0;
  for (let start = 1; start <= count; start += BATCH_SIZE) {
    const end = Math.min(count, start + BATCH_SIZE - 1);
    const params = [
      start,
      end,
      FIRST_NAMES,
      LAST_NAMES,
      TITLES,
      DEPARTMENTS,
      EMAIL_DOMAINS,
      CITIES.map((c) => c[0]),
      CITIES.map((c) => c[1]),
      CITIES.map((c) => c[2]),
      CITIES.map((c) => c[3]),
      ...(owned ? [SAMPLE_OWNER_IDS] : []),
    ];
    const fresh = !(await anySampleBetween(db, schema, start, end));
    const result = await asConnect(db, (client) =>
      client.query(insertBatchSql(schema, fresh, links), params),
    );
    inserted += result.rowCount ?? 0;
    onProgress(end);
  }
  return inserted;
}

/** seedSampleData, counting the contacts it added. */
export async function seedContacts(
  db: Database,
  schema: string,
  count: number,
  onProgress?: (done: number) => void,
): Promise<number> {
  return (await seedSampleData(db, schema, count, onProgress)).contacts;
}

/** A contact's lookup column and the SQL for sample contact n's value. */
type Link = readonly [column: string, value: string];

/**
 * Contact n's account and owner, where the mapping has them: account ceil(n / 7) (so the link
 * does not change when more are seeded), none for one contact in ten, and owners in turn.
 */
function contactLinks(columns: MappedColumns, ownersParam: number): Link[] {
  const contact = columns.get(CONTACT_OBJECT.table);
  const account = columns.get(ACCOUNT_OBJECT.table);
  const links: Link[] = [];
  if (
    contact?.has(ACCOUNT_ID_COLUMN) &&
    ACCOUNT_OBJECT.requiredColumns.every((c) => account?.has(c))
  ) {
    const accountOf = `(n + ${CONTACTS_PER_ACCOUNT - 1}) / ${CONTACTS_PER_ACCOUNT}`;
    links.push([
      ACCOUNT_ID_COLUMN,
      `CASE WHEN n % 10 <> 0 THEN ${sampleSfid(ACCOUNT_OBJECT.keyPrefix, accountOf)} END`,
    ]);
  }
  if (contact?.has(OWNER_ID_COLUMN)) {
    const owners = `$${ownersParam}::text[]`;
    links.push([OWNER_ID_COLUMN, `(${owners})[1 + (n % cardinality(${owners}))::int]`]);
  }
  return links;
}

/**
 * Sample contacts seeded before accounts and owners were mapped have neither: they get the
 * ones they would have been seeded with. Written as Connect, like a change from Salesforce.
 */
async function linkEarlierContacts(
  client: Queryable,
  schema: string,
  count: number,
  links: readonly Link[],
): Promise<number> {
  if (links.length === 0) return 0;
  const result = await client.query(
    `UPDATE ${contactTable({ schema })} AS c
        SET ${links.map(([column, value]) => `${column} = ${value}`).join(', ')}
       FROM (SELECT id, ('x' || lpad(substr(sfid, 4, 12), 16, '0'))::bit(64)::bigint AS n
               FROM ${contactTable({ schema })}
              WHERE sfid BETWEEN ${sampleSfid(CONTACT_OBJECT.keyPrefix, '1')}
                             AND ${sampleSfid(CONTACT_OBJECT.keyPrefix, '$1::bigint')}
                AND sfid LIKE '%SMP'
                AND ${links.map(([column]) => `${column} IS NULL`).join(' AND ')}) AS sample
      WHERE c.id = sample.id
        AND (${links.map(([, value]) => `${value} IS NOT NULL`).join(' OR ')})`,
    [count, ...(links.some(([column]) => column === OWNER_ID_COLUMN) ? [SAMPLE_OWNER_IDS] : [])],
  );
  return result.rowCount ?? 0;
}

async function contactCount(db: Database, schema: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${contactTable({ schema })}`,
  );
  return result.rows[0]?.n ?? 0;
}

/** Sample contact n's sfid: a valid-looking Contact id that orders as n does. */
const sampleContactSfid = (n: string) => sampleSfid(CONTACT_OBJECT.keyPrefix, n);

/**
 * Whether any of contacts start..end exists. Usually none does, and a plain INSERT is about a
 * third faster than one that checks each row for a conflict.
 */
async function anySampleBetween(db: Database, schema: string, start: number, end: number) {
  const result = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${contactTable({ schema })}
       WHERE sfid BETWEEN ${sampleContactSfid('$1::bigint')} AND ${sampleContactSfid('$2::bigint')}) AS found`,
    [start, end],
  );
  return result.rows[0]?.found ?? true;
}

// Distinct primes per column decorrelate the picks, so names, titles and cities mix freely.
function insertBatchSql(schema: string, fresh: boolean, links: readonly Link[]): string {
  const pick = (param: number, prime: number) =>
    `($${param}::text[])[1 + ((n * ${prime}) % cardinality($${param}::text[]))::int]`;
  return `
    INSERT INTO ${contactTable({ schema })} (
      sfid, firstname, lastname, name, title, department, email, phone, mobilephone,
      mailingcity, mailingstate, mailingcountry, mailingpostalcode,
      external_contact_id__c, createddate, systemmodstamp, isdeleted, _hc_lastop
      ${links.map(([column]) => `, ${column}`).join('')})
    SELECT sfid, first, last, first || ' ' || last, ${pick(5, 7)}, ${pick(6, 11)},
           lower(translate(first || '.' || last, ' ''', '')) || n || '@' || ${pick(7, 13)},
           dial || ' 555 ' || lpad((n % 10000)::text, 4, '0'),
           CASE WHEN n % 3 = 0 THEN dial || ' 555 ' || lpad(((n * 7) % 10000)::text, 4, '0') END,
           city, state, country, lpad(((n * 37) % 99999)::text, 5, '0'),
           CASE WHEN n % 4 = 0 THEN md5('contact-card-sample-' || n) END,
           created, created + ((n % 90) || ' days')::interval, false, ${syncStateSql('SYNCED')}
           ${links.map(([, value]) => `, ${value}`).join('')}
      FROM (
        SELECT n,
               ${sampleContactSfid('n')} AS sfid,
               ${pick(3, 1)} AS first,
               ${pick(4, 31)} AS last,
               ${pick(8, 17)} AS city,
               ${pick(9, 17)} AS state,
               ${pick(10, 17)} AS country,
               ${pick(11, 17)} AS dial,
               timestamp '2024-01-01' + ((n * 7919) % 525600 || ' minutes')::interval AS created
          FROM generate_series($1::bigint, $2::bigint) AS n
      ) AS sample
    ${fresh ? '' : 'ON CONFLICT (sfid) DO NOTHING'}`;
}
