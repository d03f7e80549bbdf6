import { accountPath, keyOf } from '../connect/contactKey';
import type { Mapping } from '../connect/mapping';
import {
  ACCOUNT_ID_COLUMN,
  ACCOUNT_OBJECT,
  objectTable,
  OWNER_ID_COLUMN,
  USER_OBJECT,
} from '../connect/mappedObject';
import { quoteIdentifier } from '../db/identifiers';

/** The account a contact belongs to, as its card and list row show it. */
export interface ContactAccount {
  key: string;
  /** Both names it goes by, since the key changes from External ID to sfid once synced. */
  sfid: string | null;
  externalId: string | null;
  href: string;
  name: string;
  website: string;
  phone: string;
  billingCity: string;
  /** False while the contact names it only by its External ID, waiting for Connect. */
  linkedBySfid: boolean;
}

/** The contact's owner: a Salesforce user id, with the name when User is mapped. */
export interface ContactOwner {
  id: string;
  name: string | null;
}

/** What relatedColumns() adds to a row. */
export interface RelatedRow {
  account: AccountJson | null;
  owner_id?: string | null;
  owner_name?: string | null;
}

interface AccountJson {
  id: number;
  sfid: string | null;
  external_id: string | null;
  name: string | null;
  website: string | null;
  phone: string | null;
  billingcity: string | null;
  by_sfid: boolean;
}

const SHOWN_ACCOUNT_COLUMNS = ['website', 'phone', 'billingcity'];

/**
 * Select-list items naming the account and owner of the contact row `row` (a table alias).
 * Subqueries by the parent's unique sfid (or External ID) rather than joins, so a statement
 * that sorts or counts contacts pays for them only on the rows it returns. A contact inserted
 * with its account's External ID has no accountid until Connect has sent both, so until then
 * the relationship column finds the account.
 */
export function relatedColumns(mapping: Mapping, row: string): string[] {
  const columns = [`${accountJson(mapping, row)} AS account`];
  if (mapping.owners) {
    columns.push(`${row}.${OWNER_ID_COLUMN} AS owner_id`);
    columns.push(`${ownerNameOf(mapping, row)} AS owner_name`);
  }
  return columns;
}

/** The name of the owner of the contact row `row`, or NULL when User is not mapped. */
export function ownerNameOf(mapping: Mapping, row: string): string {
  return mapping.userNames
    ? `(SELECT u.name FROM ${objectTable(USER_OBJECT, mapping.schema)} u
         WHERE u.sfid = ${row}.${OWNER_ID_COLUMN} LIMIT 1)`
    : 'NULL::text';
}

function accountJson(mapping: Mapping, row: string): string {
  const account = mapping.account;
  if (!mapping.accountLinks || !account) return 'NULL::json';
  const column = (name: string) =>
    account.columns.has(name) ? `a.${quoteIdentifier(name)}` : 'NULL';
  const externalId = ACCOUNT_OBJECT.externalIdColumn ?? '';
  const lookup = (where: string, bySfid: boolean) =>
    `(SELECT json_build_object('id', a.id, 'sfid', a.sfid,
        'external_id', ${account.hasExternalId ? column(externalId) : 'NULL'},
        'name', a.name, 'by_sfid', ${bySfid},
        ${SHOWN_ACCOUNT_COLUMNS.map((c) => `'${c}', ${column(c)}`).join(', ')})
      FROM ${objectTable(ACCOUNT_OBJECT, mapping.schema)} a WHERE ${where} LIMIT 1)`;
  const linkedById = `${row}.${ACCOUNT_ID_COLUMN}`;
  const bySfid = lookup(`a.sfid = ${linkedById}`, true);
  const relationship = mapping.accountRelationship;
  if (!relationship || !account.hasExternalId) return bySfid;
  // Two lookups, each by one unique index, rather than one with OR, which needs both indexes
  // and a bitmap for every row; the second runs only while AccountId is still empty.
  const linkedByExternalId = `${row}.${quoteIdentifier(relationship)}`;
  const byExternalId = lookup(`a.${quoteIdentifier(externalId)} = ${linkedByExternalId}`, false);
  return `CASE WHEN ${linkedById} IS NOT NULL THEN ${bySfid}
               WHEN ${linkedByExternalId} IS NOT NULL THEN ${byExternalId} END`;
}

export function toContactAccount(json: AccountJson | null): ContactAccount | null {
  if (!json) return null;
  const key = keyOf({ id: json.id, sfid: json.sfid, externalId: json.external_id });
  return {
    key,
    sfid: json.sfid,
    externalId: json.external_id,
    href: accountPath(key),
    name: json.name ?? '',
    website: json.website ?? '',
    phone: json.phone ?? '',
    billingCity: json.billingcity ?? '',
    linkedBySfid: json.by_sfid,
  };
}

/** Whether a key names this account: its key, sfid or External ID. */
export function isAccount(account: ContactAccount | null, key: string): boolean {
  if (!account) return key === '';
  return key !== '' && [account.key, account.sfid, account.externalId].includes(key);
}

export function toContactOwner(row: RelatedRow): ContactOwner | null {
  return row.owner_id ? { id: row.owner_id, name: row.owner_name ?? null } : null;
}
