import pg from 'pg';
import {
  ACCOUNT_ID_COLUMN,
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  objectTable,
  WRITTEN_OBJECTS,
  type MappedObject,
} from '../connect/mappedObject';
import { syncStateSql } from '../connect/syncState';
import { triggerLogStateSql, triggerLogTable, type TriggerLogState } from '../connect/triggerLog';
import type { Queryable } from '../db/database';
import { quoteIdentifier } from '../db/identifiers';
import { salesforceRejection } from './failureRules';
import { resolveLookups } from './lookups';
import { NEW_SYSTEMMODSTAMP, salesforceSaveAssignments } from './salesforceColumns';
import { newSfid } from './salesforceId';

export interface SendOutcome {
  entryId: number;
  action: string;
  /** The mapped table the entry is about (`contact`, `account`). */
  table: string;
  recordId: number;
  state: Extract<TriggerLogState, 'SUCCESS' | 'FAILED' | 'IGNORED'>;
  sfid: string | null;
  message: string | null;
}

interface Result {
  state: SendOutcome['state'];
  sfid?: string | null;
  message?: string | null;
}

interface Entry {
  id: number;
  action: string;
  table_name: string;
  record_id: number;
}

/**
 * Parents before children: an account queued in the same pass as its contacts gets its sfid
 * first, so their relationship External IDs resolve (heroku-connect.md, "Relationships").
 */
const PARENTS_FIRST = `table_name <> ${pg.escapeLiteral(ACCOUNT_OBJECT.table)}, id`;

/**
 * Sends the next due NEW entry of a written object (accounts first, then the oldest) to
 * "Salesforce", or returns null when none is due. Runs in the caller's Connect-marked
 * transaction; SKIP LOCKED lets two emulators share one log.
 * Like Connect's merged writes, it sends the row as it is now, so fixing the data and then
 * retrying an old entry succeeds. Salesforce upserts by sfid, so a row without one is
 * inserted (INSERTED) and a row with one is updated (UPDATED), whatever the logged action.
 */
export async function sendNextEntry(
  client: Queryable,
  schema: string,
  delayMs: number,
): Promise<SendOutcome | null> {
  const claimed = await client.query<Entry>(
    `SELECT id, action, table_name, record_id FROM ${triggerLogTable(schema, 'live')}
      WHERE state = ${triggerLogStateSql('NEW')} AND table_name = ANY($2::text[])
        AND updated_at <= now() - $1 * interval '1 millisecond'
      ORDER BY ${PARENTS_FIRST} LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [delayMs, WRITTEN_OBJECTS.map((o) => o.table)],
  );
  const entry = claimed.rows[0];
  const object = WRITTEN_OBJECTS.find((o) => o.table === entry?.table_name);
  if (!entry || !object) return null;
  if (entry.action === 'DELETE') return archive(client, schema, entry, { state: 'SUCCESS' });

  const table = objectTable(object, schema);
  // The whole row, because which fields exist depends on the mapping; every one is checked.
  const found = await client.query<{ sent: Record<string, unknown> }>(
    `SELECT to_jsonb(r) AS sent FROM ${table} r WHERE id = $1 FOR UPDATE`,
    [entry.record_id],
  );
  const row = found.rows[0]?.sent;
  if (!row) {
    const message = 'The row was deleted before it was sent.';
    return archive(client, schema, entry, { state: 'IGNORED', message });
  }
  const rejection = salesforceRejection(row, object);
  if (rejection) return fail(client, schema, object, entry, rejection);
  const lookups = await resolveLookups(client, schema, object, row);
  if (lookups.rejection !== null) return fail(client, schema, object, entry, lookups.rejection);

  const saved = await client.query<{ sfid: string }>(
    `UPDATE ${table}
        SET sfid = COALESCE(sfid, $2),
            _hc_lastop = CASE WHEN sfid IS NULL THEN ${syncStateSql('INSERTED')}
                              ELSE ${syncStateSql('UPDATED')} END,
            _hc_err = NULL,
            createddate = COALESCE(createddate, timezone('utc', now())),
            ${savedAssignments(object, lookups.accountId !== null)}
      WHERE id = $1 RETURNING sfid`,
    [
      entry.record_id,
      newSfid(object.keyPrefix, entry.record_id),
      ...(lookups.accountId === null ? [] : [lookups.accountId]),
    ],
  );
  return archive(client, schema, entry, { state: 'SUCCESS', sfid: saved.rows[0]?.sfid ?? null });
}

/**
 * What Salesforce changes on an accepted save: systemmodstamp always; Contact's Full Name,
 * which Salesforce computes (Account's Name is a field the app writes); and AccountId ($3)
 * when a relationship External ID resolved to an account.
 */
function savedAssignments(object: MappedObject, setsAccountId: boolean): string {
  const assignments = [
    object.table === CONTACT_OBJECT.table ? salesforceSaveAssignments() : NEW_SYSTEMMODSTAMP,
  ];
  if (setsAccountId) assignments.push(`${quoteIdentifier(ACCOUNT_ID_COLUMN)} = $3::varchar`);
  return assignments.join(',\n            ');
}

/** A processed entry leaves the live log for the archive, keeping its id. */
async function archive(
  client: Queryable,
  schema: string,
  entry: Entry,
  { state, sfid = null, message = null }: Result,
): Promise<SendOutcome> {
  await client.query(
    `WITH moved AS (
       DELETE FROM ${triggerLogTable(schema, 'live')} WHERE id = $1
       RETURNING id, txid, created_at, action, table_name, record_id, sfid, "values", old)
     INSERT INTO ${triggerLogTable(schema, 'archive')}
       (id, txid, created_at, updated_at, processed_at, processed_tx, state, action, table_name,
        record_id, sfid, "values", old, sf_message)
     SELECT id, txid, created_at, now(), now(), txid_current(), $2, action, table_name,
            record_id, COALESCE($3::varchar, sfid), "values", old, $4::text
       FROM moved`,
    [entry.id, state, sfid, message],
  );
  return outcome(entry, { state, sfid, message });
}

/** A failed entry stays in the live log, where the documented retry sets it back to NEW. */
async function fail(
  client: Queryable,
  schema: string,
  object: MappedObject,
  entry: Entry,
  message: string,
): Promise<SendOutcome> {
  const error = JSON.stringify({ op: entry.action, src: 'SFDC', msg: message });
  await client.query(
    `UPDATE ${objectTable(object, schema)} SET _hc_lastop = ${syncStateSql('FAILED')}, _hc_err = $2 WHERE id = $1`,
    [entry.record_id, error],
  );
  await client.query(
    `UPDATE ${triggerLogTable(schema, 'live')}
        SET state = ${triggerLogStateSql('FAILED')}, sf_message = $2, processed_at = now(),
            processed_tx = txid_current(), updated_at = now()
      WHERE id = $1`,
    [entry.id, message],
  );
  return outcome(entry, { state: 'FAILED', message });
}

function outcome(entry: Entry, { state, sfid = null, message = null }: Result): SendOutcome {
  return {
    entryId: entry.id,
    action: entry.action,
    table: entry.table_name,
    recordId: entry.record_id,
    state,
    sfid,
    message,
  };
}
