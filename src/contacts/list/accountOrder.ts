import { contactTable, notDeleted } from '../../connect/contactTable';
import type { Mapping, ObjectMapping } from '../../connect/mapping';
import { ACCOUNT_ID_COLUMN, ACCOUNT_OBJECT, objectTable } from '../../connect/mappedObject';
import { quoteIdentifier } from '../../db/identifiers';
import type { ListQuery, SortDirection } from './params';
import { ACCOUNT_NAME, orderBy, sortColumns } from './sql';

/**
 * The contact list sorted by its Account column. The name lives in Connect's account table, not
 * on the contact, and Connect's tables take no new columns, so no contact index holds this order.
 * A page is read the other way round: accounts in name order from the account list's own index
 * (`account_sort_name_<dir>`), each account's contacts through the AccountId index, until the page
 * is full; contacts without an account follow, in name order, in both directions, as empty values
 * do in every other column. The same order comes from accountNameOf where a statement sorts a
 * few thousand matches itself.
 */

/** A mapping whose contacts can be sorted by account: Account mapped, and AccountId on Contact. */
export type AccountSortMapping = Mapping & { account: ObjectMapping };

export function canSortByAccount(mapping: Mapping): mapping is AccountSortMapping {
  return mapping.accountLinks && mapping.account !== null;
}

/** The query as the list can serve it: a link saved while Account was mapped sorts by name. */
export function servableQuery(mapping: Mapping, query: ListQuery): ListQuery {
  return query.sort === 'account' && !canSortByAccount(mapping)
    ? { ...query, sort: 'name' }
    : query;
}

/**
 * The name of the account the list's Account column shows for the contact row `row`, as
 * relatedRecords.ts finds it: by AccountId, else (until Connect resolves it) by the relationship
 * External ID. Deleted accounts count as none, as they do in the walk below.
 */
export function accountNameOf(mapping: AccountSortMapping, row: string): string {
  const name = (where: string) =>
    `(SELECT a.name FROM ${table(mapping)} a WHERE ${where} AND ${visible(mapping, 'a')} LIMIT 1)`;
  const accountId = `${row}.${ACCOUNT_ID_COLUMN}`;
  const relationship = relationshipColumn(mapping);
  const bySfid = name(`a.sfid = ${accountId}`);
  if (relationship === null) return bySfid;
  const linkedByExternalId = `${row}.${relationship.contact}`;
  return `CASE WHEN ${accountId} IS NOT NULL THEN ${bySfid}
               WHEN ${linkedByExternalId} IS NOT NULL
               THEN ${name(`a.${relationship.account} = ${linkedByExternalId}`)} END`;
}

/** The select-list item that carries a contact's account name for the list's ORDER BY. */
export function accountNameColumn(mapping: AccountSortMapping, row: string): string {
  return `${accountNameOf(mapping, row)} AS ${ACCOUNT_NAME}`;
}

/**
 * The ids of one page sorted by account, among the contacts meeting `where` (SQL on the contact
 * table's columns). Each arm stops after the rows the page needs, so a page costs what the rows
 * before it do, as a page of any other sort does; offsets stop at ROW_CAP (params.ts).
 */
export function idsByAccount(
  mapping: AccountSortMapping,
  where: string,
  window: { dir: SortDirection; limit: number; offset: number },
): string {
  const direction = window.dir === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS LAST';
  const reach = window.offset + window.limit;
  const contacts = contactTable(mapping);
  const byName = orderBy(mapping, 'name', 'asc');
  const nameColumns = ['id', ...sortColumns(mapping, 'name').map(quoteIdentifier)].join(', ');
  const arms = [
    `SELECT ${nameColumns} FROM ${contacts} WHERE ${ACCOUNT_ID_COLUMN} = a.sfid AND ${where}`,
  ];
  const relationship = relationshipColumn(mapping);
  if (relationship !== null) {
    arms.push(
      `SELECT ${nameColumns} FROM ${contacts}
        WHERE ${ACCOUNT_ID_COLUMN} IS NULL AND ${relationship.contact} = a.${relationship.account}
          AND ${where}`,
    );
  }
  // The contacts without an account are read only when the accounts run out before the page.
  return `WITH walked AS MATERIALIZED (
            SELECT a.name AS ${ACCOUNT_NAME}, linked.*
              FROM ${table(mapping)} a
              CROSS JOIN LATERAL (${arms.join(' UNION ALL ')}) AS linked
             WHERE ${visible(mapping, 'a')}
             ORDER BY a.name ${direction}, a.id ${window.dir.toUpperCase()}, ${qualified(byName, 'linked')}
             LIMIT ${reach})
          SELECT id FROM (
            SELECT 0 AS part, * FROM walked
            UNION ALL
            (SELECT 1, NULL, ${nameColumns} FROM ${contacts}
              WHERE ${withoutAccount(mapping)} AND ${where}
                AND (SELECT count(*) FROM walked) < ${reach}
              ORDER BY ${byName} LIMIT ${reach} - (SELECT count(*) FROM walked))
          ) AS page
          ORDER BY part, ${ACCOUNT_NAME} ${direction}, ${byName}
          LIMIT ${window.limit} OFFSET ${window.offset}`;
}

/**
 * Contacts that name no account at all, last in the sort by account; an index of their own
 * (indexes.ts) lists them in name order. A contact naming an account the app does not have
 * (Connect syncs Account and Contact apart, so a new pair can arrive a poll apart) joins the
 * full list sorted by account when that account arrives; a list narrowed to a few thousand
 * contacts, which sorts them in one statement by accountNameOf, shows it among these meanwhile.
 */
export function withoutAccount(mapping: AccountSortMapping): string {
  const relationship = relationshipColumn(mapping);
  return [
    `${ACCOUNT_ID_COLUMN} IS NULL`,
    ...(relationship ? [`${relationship.contact} IS NULL`] : []),
  ].join(' AND ');
}

function table(mapping: AccountSortMapping): string {
  return objectTable(ACCOUNT_OBJECT, mapping.schema);
}

function visible(mapping: AccountSortMapping, alias: string): string {
  const condition = notDeleted(mapping.account);
  return condition === 'TRUE' ? condition : `${alias}.${condition}`;
}

/** Contact's relationship column and the account's External ID it holds, when both are mapped. */
function relationshipColumn(mapping: AccountSortMapping) {
  const externalId = ACCOUNT_OBJECT.externalIdColumn;
  if (mapping.accountRelationship === null || !mapping.account.hasExternalId || !externalId) {
    return null;
  }
  return {
    contact: quoteIdentifier(mapping.accountRelationship),
    account: quoteIdentifier(externalId),
  };
}

function qualified(order: string, alias: string): string {
  return order
    .split(', ')
    .map((term) => `${alias}.${term}`)
    .join(', ');
}
