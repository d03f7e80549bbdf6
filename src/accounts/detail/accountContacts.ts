import { keyOf } from '../../connect/contactKey';
import { nameParts } from '../../connect/contactName';
import { EXTERNAL_ID_COLUMN, FULL_NAME_COLUMN, optionalColumn } from '../../connect/contactTable';
import { toSyncState, type SyncState } from '../../connect/syncState';
import type { Database } from '../../db/database';
import { appendParam, ownedBy, type OwnerScope } from '../../connect/ownerScope';
import type { Account } from '../account';
import { linkedContacts, type AccountMapping } from '../accountTable';
import { ROW_CAP } from '../list/params';

export const CONTACTS_PER_PAGE = 25;

export interface AccountContact {
  key: string;
  nameParts: string[];
  title: string;
  email: string;
  syncState: SyncState | null;
}

export interface AccountContactPage {
  contacts: AccountContact[];
  total: number;
  totalIsCapped: boolean;
}

interface LinkedRow {
  total: number;
  id: number | null;
  sfid: string | null;
  external_id: string | null;
  firstname: string | null;
  lastname: string | null;
  name: string | null;
  title: string | null;
  email: string | null;
  _hc_lastop: string | null;
}

/**
 * One page of the account's contacts within the owner scope, by name, and how many it has
 * (counted up to ROW_CAP), in one statement; null when the mapping cannot link contacts to
 * accounts. Contacts that name the account only by its External ID, waiting for Connect to fill
 * in AccountId, are included.
 */
export async function accountContacts(
  db: Database,
  mapping: AccountMapping,
  account: Account,
  page: number,
  scope: OwnerScope,
): Promise<AccountContactPage | null> {
  // A parameter no clause uses has no type, which Postgres refuses: only the used ones go.
  const params: unknown[] = [account.sfid];
  if (mapping.accountRelationship !== null) params.push(account.externalId);
  const links = linkedContacts(mapping, '$1', params.length > 1 ? '$2' : 'NULL');
  if (links === null) return null;
  const linked = `${links} AND ${ownedBy(scope, appendParam(params), 'linked')}`;
  const offset = (page - 1) * CONTACTS_PER_PAGE;
  const column = (c: string, alias = c) => optionalColumn(mapping, c, 'text', alias);
  const columns = [
    'id',
    'sfid',
    column(EXTERNAL_ID_COLUMN, 'external_id'),
    column('firstname'),
    'lastname',
    column(FULL_NAME_COLUMN),
    column('title'),
    column('email'),
    column('_hc_lastop'),
  ].join(', ');
  const result = await db.query<LinkedRow>(
    `SELECT counted.total, shown.*
       FROM (SELECT count(*)::int AS total FROM (SELECT 1 ${linked} LIMIT ${ROW_CAP + 1}) AS m)
            AS counted
       LEFT JOIN LATERAL (
         SELECT ${columns} ${linked}
          ORDER BY lastname ASC NULLS LAST, ${mapping.columns.has('firstname') ? 'firstname ASC NULLS LAST, ' : ''}id
          LIMIT ${CONTACTS_PER_PAGE} OFFSET ${offset}
       ) AS shown ON true`,
    params,
  );
  const total = result.rows[0]?.total ?? 0;
  return {
    contacts: result.rows.flatMap((row) => (row.id === null ? [] : [toContact(row, row.id)])),
    total: Math.min(total, ROW_CAP),
    totalIsCapped: total > ROW_CAP,
  };
}

function toContact(row: LinkedRow, id: number): AccountContact {
  return {
    key: keyOf({ id, sfid: row.sfid, externalId: row.external_id }),
    nameParts: nameParts({ firstname: row.firstname, lastname: row.lastname }, row.name),
    title: row.title ?? '',
    email: row.email ?? '',
    syncState: toSyncState(row._hc_lastop),
  };
}
