import { CONTACT_TABLE, contactTable } from '../connect/contactTable';
import { syncStateSql } from '../connect/syncState';
import type { Database } from '../db/database';
import { dropAppIndexes } from '../db/indexes';
import { asConnect } from './connectWrites';
import { CITIES, DEPARTMENTS, EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, TITLES } from './sampleData';

const BATCH_SIZE = 100_000;
/**
 * Adding more rows than this drops the list's indexes first: with them in place a million rows
 * take minutes instead of under a minute. The next server start (or release) rebuilds them.
 */
const DROP_INDEXES_ABOVE = 50_000;

/**
 * Inserts sample contacts 1..count as if they had come from Salesforce (sfid set, SYNCED).
 * Contact n is always the same person, so runs are reproducible; rows that already exist are
 * skipped, so seeding again never duplicates. Rows are generated inside Postgres because
 * sending a million rows from Node would take far longer than making them there. They are
 * written as Connect's own writes, so an installed emulator does not capture them as app inserts.
 */
export async function seedContacts(
  db: Database,
  schema: string,
  count: number,
  onProgress: (done: number) => void = () => undefined,
): Promise<number> {
  if (count - (await contactCount(db, schema)) > DROP_INDEXES_ABOVE) {
    await db.withClient((client) => dropAppIndexes(client, { schema, name: CONTACT_TABLE }));
  }
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
    ];
    const fresh = !(await anySampleBetween(db, schema, start, end));
    const result = await asConnect(db, (client) =>
      client.query(insertBatchSql(schema, fresh), params),
    );
    inserted += result.rowCount ?? 0;
    onProgress(end);
  }
  return inserted;
}

async function contactCount(db: Database, schema: string): Promise<number> {
  const result = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${contactTable({ schema })}`,
  );
  return result.rows[0]?.n ?? 0;
}

/** Sample contact n's sfid: a valid-looking Contact id that orders as n does. */
const sampleSfid = (n: string) => `'003' || lpad(upper(to_hex(${n})), 12, '0') || 'SMP'`;

/**
 * Whether any of contacts start..end exists. Usually none does, and a plain INSERT is about a
 * third faster than one that checks each row for a conflict.
 */
async function anySampleBetween(db: Database, schema: string, start: number, end: number) {
  const result = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${contactTable({ schema })}
       WHERE sfid BETWEEN ${sampleSfid('$1::bigint')} AND ${sampleSfid('$2::bigint')}) AS found`,
    [start, end],
  );
  return result.rows[0]?.found ?? true;
}

// Distinct primes per column decorrelate the picks, so names, titles and cities mix freely.
function insertBatchSql(schema: string, fresh: boolean): string {
  const pick = (param: number, prime: number) =>
    `($${param}::text[])[1 + ((n * ${prime}) % cardinality($${param}::text[]))::int]`;
  return `
    INSERT INTO ${contactTable({ schema })} (
      sfid, firstname, lastname, name, title, department, email, phone, mobilephone,
      mailingcity, mailingstate, mailingcountry, mailingpostalcode,
      external_contact_id__c, createddate, systemmodstamp, isdeleted, _hc_lastop)
    SELECT sfid, first, last, first || ' ' || last, ${pick(5, 7)}, ${pick(6, 11)},
           lower(translate(first || '.' || last, ' ''', '')) || n || '@' || ${pick(7, 13)},
           dial || ' 555 ' || lpad((n % 10000)::text, 4, '0'),
           CASE WHEN n % 3 = 0 THEN dial || ' 555 ' || lpad(((n * 7) % 10000)::text, 4, '0') END,
           city, state, country, lpad(((n * 37) % 99999)::text, 5, '0'),
           CASE WHEN n % 4 = 0 THEN md5('contact-card-sample-' || n) END,
           created, created + ((n % 90) || ' days')::interval, false, ${syncStateSql('SYNCED')}
      FROM (
        SELECT n,
               ${sampleSfid('n')} AS sfid,
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
