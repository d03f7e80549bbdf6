import {
  recordEntriesFromJson,
  recordEntriesJson,
  type RecordAuditEntry,
  type RecordEntryJson,
} from '../../audit/recordEntries';
import { EXTERNAL_ID_COLUMN } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import {
  historyFromJson,
  historyJson,
  type TriggerLogEntry,
  type TriggerLogJsonRow,
} from '../../connect/triggerLog';
import type { Database } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';
import { toContact, type Contact, type ContactRow } from '../contact';
import { contactByKey } from '../contactRepository';
import { canReassign, ownerChoicesJson, type OwnerChoice } from '../owners';

export interface Card {
  contact: Contact;
  /** Connect's writes of the row, or null where there is no trigger log. */
  history: TriggerLogEntry[] | null;
  /** The latest entries of the audit trail about it. */
  changedHere: RecordAuditEntry[];
  /** Who an editor may make its owner; null when not asked for. */
  ownerChoices: OwnerChoice[] | null;
}

interface CardRow extends ContactRow {
  history: TriggerLogJsonRow[] | null;
  changed_here: RecordEntryJson[] | null;
  owner_choices?: OwnerChoice[] | null;
}

/**
 * Everything a card shows, in one statement: under load a round trip to the database costs a
 * worker more CPU than the query itself, and a card used to take three. Null for a key that
 * names no contact.
 */
export async function readCard(
  db: Database,
  mapping: Mapping,
  key: string,
  scope: OwnerScope,
  { changedHereLimit, withOwnerChoices }: { changedHereLimit: number; withOwnerChoices: boolean },
): Promise<Card | null> {
  const owners = withOwnerChoices && canReassign(mapping);
  const names = {
    sfid: 'contact.sfid',
    externalId: mapping.hasExternalId ? `contact.${quoteIdentifier(EXTERNAL_ID_COLUMN)}` : 'NULL',
    // The key as the URL gives it: a card whose key differs only redirects to the right one.
    key: '$2',
  };
  const history = mapping.triggerLog ? historyJson(mapping.schema, 'contact.id') : 'NULL::json';
  const statement = contactByKey(mapping, key, scope, {
    columns: [
      `${history} AS history`,
      `${recordEntriesJson('contact', names, changedHereLimit)} AS changed_here`,
      ...(owners ? [`${ownerChoicesJson(mapping)} AS owner_choices`] : []),
    ],
    params: [key],
  });
  if (!statement) return null;
  const result = await db.query<CardRow>(statement.text, statement.params);
  const row = result.rows[0];
  if (!row) return null;
  return {
    contact: toContact(row, mapping),
    history: mapping.triggerLog ? historyFromJson(row.history) : null,
    changedHere: recordEntriesFromJson(row.changed_here),
    ownerChoices: owners ? (row.owner_choices ?? []) : null,
  };
}
