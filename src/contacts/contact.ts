import { keyOf } from '../connect/contactKey';
import { displayName, nameParts } from '../connect/contactName';
import type { Mapping } from '../connect/mapping';
import { readableSyncError } from '../connect/syncError';
import { toSyncState, type SyncState } from '../connect/syncState';
import {
  toContactAccount,
  toContactOwner,
  type ContactAccount,
  type ContactOwner,
  type RelatedRow,
} from './relatedRecords';

export type ContactValues = Record<string, string>;

export interface Contact {
  key: string;
  /** Connect's row id: only for joining the trigger log, never for URLs (a reload renumbers it). */
  rowId: number;
  sfid: string | null;
  externalId: string | null;
  /** The name as plain text, for a vCard or a file name. */
  displayName: string;
  /** The name as pages show it: each part isolated (views/partials/name.ejs). */
  nameParts: string[];
  values: ContactValues;
  syncState: SyncState | null;
  syncError: string | null;
  modifiedAt: Date | null;
  /** Null when it has none, or when Account is not mapped (see Mapping.accountLinks). */
  account: ContactAccount | null;
  /** Null when it has none, or when OwnerId is not mapped. */
  owner: ContactOwner | null;
}

/** A row as selected by contactColumns(); unmapped optional columns come back NULL. */
export interface ContactRow extends RelatedRow {
  id: number;
  sfid: string | null;
  external_id: string | null;
  name: string | null;
  _hc_lastop: string | null;
  _hc_err: string | null;
  systemmodstamp: Date | null;
  [field: string]: unknown;
}

export function toContact(row: ContactRow, mapping: Mapping): Contact {
  const values: ContactValues = {};
  for (const field of mapping.fields) {
    const value = row[field.column];
    values[field.column] = typeof value === 'string' ? value : '';
  }
  return {
    key: keyOf({ id: row.id, sfid: row.sfid, externalId: row.external_id }),
    rowId: row.id,
    sfid: row.sfid,
    externalId: row.external_id,
    displayName: displayName(values, row.name),
    nameParts: nameParts(values, row.name),
    values,
    syncState: toSyncState(row._hc_lastop),
    syncError: readableSyncError(row._hc_err),
    modifiedAt: row.systemmodstamp,
    account: toContactAccount(row.account),
    owner: toContactOwner(row),
  };
}
