import { recordAudit, type AuditActor, type AuditedChange } from '../audit/auditEntry';
import { fieldChanges } from '../records/fieldChanges';
import type { Mapping } from '../connect/mapping';
import { ACCOUNT_ID_COLUMN } from '../connect/mappedObject';
import type { Queryable } from '../db/database';
import type { AccountResolution } from './accountField';
import { insertAccount, newExternalId } from '../connect/accountInsert';

/** The Account field once it names one account, a new one, or none. */
export type ChosenAccount = Exclude<AccountResolution, { kind: 'choose' }>;

/**
 * The account a contact is to name, inside the transaction that writes the contact: an existing
 * one, or one inserted now, which the contact then names by its External ID. A new account gets
 * its own audit entry, as one made on the New account form does.
 */
export async function accountLink(
  client: Queryable,
  mapping: Mapping,
  account: ChosenAccount,
  actor: AuditActor,
  ownerId: string | null,
): Promise<{ sfid: string | null; externalId: string | null } | null> {
  if (account.kind === 'none') return null;
  if (account.kind === 'existing') return account.account;
  return insertNamedAccount(client, mapping, newExternalId(), account.name, actor, ownerId);
}

/**
 * Inserts an account by name with the External ID its contacts will name it by, and its audit
 * entry, in the caller's transaction: the contact form's new account and an import's.
 */
export async function insertNamedAccount(
  client: Queryable,
  mapping: Mapping,
  externalId: string,
  name: string,
  actor: AuditActor,
  ownerId: string | null,
): Promise<{ sfid: null; externalId: string }> {
  const values = { name };
  const rowId = await insertAccount(client, mapping, externalId, values, ownerId);
  await recordAudit(client, {
    action: 'create',
    actor,
    object: 'account',
    contact: { key: externalId, rowId, sfid: null, externalId },
    changes: fieldChanges(mapping.account?.fields ?? [], {}, values),
  });
  return { sfid: null, externalId };
}

/** The audit entry's line for a change of account, by the names a person knows them by. */
export function accountChange(account: ChosenAccount, from = ''): AuditedChange[] {
  const to =
    account.kind === 'none'
      ? ''
      : account.kind === 'new'
        ? `${account.name} (new account)`
        : account.account.name;
  return from === to ? [] : [{ field: ACCOUNT_ID_COLUMN, label: 'Account', from, to }];
}
