import type { MappedTable } from './contactTable';
import { syncStateSql } from './syncState';
import { triggerLogStateSql, triggerLogTable } from './triggerLog';

/** SQL fragments for where one write the app made stands now; see writeStateSql. */
export interface WriteStateSql {
  /** LEFT JOINs of the live log (as `l`) and the archive (as `a`), to add after the FROM. */
  joins: string;
  /** The write's trigger-log state (TriggerLogState), never null. */
  state: string;
  /** Salesforce's answer for a failure: the entry's `sf_message`, else the row's `_hc_err`. */
  message: string;
}

/**
 * A write's state by the trigger-log entry recorded when it was made (`entryId`, SQL naming
 * it): the entry in the live log by id, else in the archive (an entry keeps its id when
 * Connect archives it). A failure retried since is no longer FAILED: its live entry is NEW
 * again, or its archived one REQUEUED (Retry all failed makes the item follow the live copy).
 * Without Connect's log, and for an entry long gone from both (the archive keeps 31 days), the
 * contact's `_hc_lastop` says what Connect last did with the row (`contact`: the alias under
 * which the caller LEFT JOINs the row); a write with no row left has nothing left to send.
 * The batch page counts its rows by it, and an import lists the rows Salesforce refused.
 */
export function writeStateSql(
  mapping: Pick<MappedTable, 'schema' | 'columns'> & { triggerLog: boolean },
  entryId: string,
  contact: string,
): WriteStateSql {
  const lastOp = mapping.columns.has('_hc_lastop') ? `${contact}._hc_lastop` : 'NULL::text';
  const lastError = mapping.columns.has('_hc_err') ? `${contact}._hc_err` : 'NULL::text';
  const fromRow = `CASE ${lastOp} WHEN ${syncStateSql('PENDING')} THEN ${triggerLogStateSql('NEW')}
                     WHEN ${syncStateSql('FAILED')} THEN ${triggerLogStateSql('FAILED')}
                     ELSE ${triggerLogStateSql('SUCCESS')} END`;
  if (!mapping.triggerLog) return { joins: '', state: fromRow, message: lastError };
  return {
    joins: `LEFT JOIN ${triggerLogTable(mapping.schema, 'live')} l ON l.id = ${entryId}
            LEFT JOIN ${triggerLogTable(mapping.schema, 'archive')} a
                   ON l.id IS NULL AND a.id = ${entryId}`,
    state: `COALESCE(l.state, a.state, ${fromRow})`,
    message: `CASE WHEN l.id IS NOT NULL THEN l.sf_message WHEN a.id IS NOT NULL
                   THEN a.sf_message ELSE ${lastError} END`,
  };
}
