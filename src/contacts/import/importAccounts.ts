import type { AuditActor } from '../../audit/auditEntry';
import type { Mapping } from '../../connect/mapping';
import type { Queryable } from '../../db/database';
import { canCreate } from '../accountField';
import { insertNamedAccount } from '../accountLinking';
import {
  accountNameKey,
  accountsByName,
  importExternalId,
  type NamedAccount,
} from './accountNames';

/**
 * The account each of these names links to, inside a chunk's transaction: the existing one,
 * else one inserted now (once per distinct name: a later chunk finds it by name) with an
 * External ID derived from the import and the name, which the contacts name it by until
 * Salesforce gives it an sfid. Connect sends the account before its contacts. Without the
 * relationship External ID a new account cannot be named, so such rows stay unlinked.
 */
export async function accountsForChunk(
  client: Queryable,
  mapping: Mapping,
  importId: string,
  names: readonly string[],
  actor: AuditActor,
  ownerId: string | null,
): Promise<Map<string, NamedAccount>> {
  const accounts = await accountsByName(client, mapping, names);
  if (!canCreate(mapping)) return accounts;
  const missing = new Map<string, string>();
  for (const name of names) {
    const key = accountNameKey(name);
    if (key && !accounts.has(key) && !missing.has(key)) missing.set(key, name.trim());
  }
  for (const [key, name] of missing) {
    const externalId = importExternalId(importId, `account:${key}`);
    accounts.set(key, await insertNamedAccount(client, mapping, externalId, name, actor, ownerId));
  }
  return accounts;
}
