import type { KeyLookup } from '../connect/contactKey';
import { contactTable, notDeleted } from '../connect/contactTable';
import { ACCOUNT_ID_COLUMN, ACCOUNT_OBJECT, objectTable } from '../connect/mappedObject';
import type { Mapping, ObjectMapping } from '../connect/mapping';
import { quoteIdentifier } from '../db/identifiers';
import { NotFoundError } from '../web/httpErrors';

/**
 * SQL fragments for Connect's account table and the contacts that point at an account. Every
 * identifier comes from the mapping's allow-list; user input only ever travels as a parameter.
 */

/** A mapping whose Account object is mapped: what every account page needs. */
export type AccountMapping = Mapping & { account: ObjectMapping };

export const ACCOUNT_NOT_MAPPED =
  'Account is not mapped in Heroku Connect, so there are no account pages. An admin can add ' +
  'the Account object (with Id and Name) to the Connect mapping; the pages appear within a minute.';

/** The mapping with Account in it, or the page saying Account is not mapped. */
export function accountMapping(mapping: Mapping): AccountMapping {
  if (mapping.account === null) throw new NotFoundError(ACCOUNT_NOT_MAPPED);
  return mapping as AccountMapping;
}

export function accountTable(mapping: AccountMapping): string {
  return objectTable(ACCOUNT_OBJECT, mapping.schema);
}

/** The account's External ID as SQL, NULL when the mapping leaves it out. */
export function accountExternalId(mapping: AccountMapping, alias: string): string {
  const column = ACCOUNT_OBJECT.externalIdColumn;
  return mapping.account.hasExternalId && column !== null
    ? `${alias}.${quoteIdentifier(column)}`
    : 'NULL::text';
}

/** WHERE clause finding one account by its URL key (as contacts' keys: contactKey.ts); `$1`. */
export function accountKeyCondition(mapping: AccountMapping, lookup: KeyLookup): string {
  if (lookup.by === 'id') return 'account.id = $1';
  const externalId = accountExternalId(mapping, 'account');
  return mapping.account.hasExternalId
    ? `(account.sfid = $1 OR ${externalId} = $1)`
    : 'account.sfid = $1';
}

export function visibleAccount(mapping: AccountMapping): string {
  return notDeleted(mapping.account);
}

/**
 * The contacts (as `linked`) of an account whose sfid and External ID are the SQL given, as
 * FROM and WHERE; null when the mapping cannot link a contact to an account. AccountId holds
 * the sfid once Salesforce has given one; a contact written before that carries the account's
 * External ID in the relationship column instead, and belongs all the same.
 */
export function linkedContacts(mapping: Mapping, sfid: string, externalId: string): string | null {
  const links: string[] = [];
  if (mapping.accountLinks) links.push(`linked.${quoteIdentifier(ACCOUNT_ID_COLUMN)} = ${sfid}`);
  if (mapping.accountRelationship !== null) {
    links.push(`linked.${quoteIdentifier(mapping.accountRelationship)} = ${externalId}`);
  }
  if (links.length === 0) return null;
  // The inner scope wins, so notDeleted's bare column is the contact's, not the account's.
  return `FROM ${contactTable(mapping)} AS linked
         WHERE ${notDeleted(mapping)} AND (${links.join(' OR ')})`;
}
