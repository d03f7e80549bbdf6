import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import type { Database } from '../../db/database';
import { ACCOUNT_FIELD, accountEdited, resolveAccount, SHOWN_ACCOUNT_KEY } from '../accountField';
import type { AccountResolution } from '../accountField';
import type { ContactValues } from '../contact';
import { activeOwner, canReassign } from '../owners';
import type { AccountEdit } from './accountMerge';
import { OWNER_FIELD, type OwnerEdit } from './ownerMerge';

/** What a submitted card asks of the contact's account and owner, checked before the save. */
export interface RelationEdits {
  /** The Account field resolved; null when it was not changed. */
  account: AccountResolution | null;
  /** The owner chosen; null when it was not changed or could not be. */
  owner: OwnerEdit | null;
  /** The owner id sent and why it cannot be used, or null when it can (or was not sent). */
  ownerRefused: { id: string; error: string } | null;
}

const INACTIVE_OWNER = 'Choose an active user as the owner: Salesforce refuses inactive ones.';

export async function readRelationEdits(
  db: Database,
  mapping: Mapping,
  body: Record<string, unknown>,
  shown: ContactValues | null,
  scope: OwnerScope,
): Promise<RelationEdits> {
  const account =
    mapping.accountLinks && accountEdited(body, shown)
      ? await resolveAccount(db, mapping, body, scope)
      : null;
  const sent = body[OWNER_FIELD];
  const shownId = shown?.[OWNER_FIELD] ?? null;
  if (!canReassign(mapping) || typeof sent !== 'string' || sent === shownId) {
    return { account, owner: null, ownerRefused: null };
  }
  const target = sent === '' ? null : await activeOwner(db, mapping, sent);
  if (!target) return { account, owner: null, ownerRefused: { id: sent, error: INACTIVE_OWNER } };
  return { account, owner: { target, shownId }, ownerRefused: null };
}

/** Whether the edits need the user to look again before anything is saved. */
export function needsAnotherLook(edits: RelationEdits): boolean {
  return edits.account?.kind === 'choose' || edits.ownerRefused !== null;
}

/** The account change as the save merges it, with what the form showed. */
export function accountEdit(edits: RelationEdits, shown: ContactValues | null): AccountEdit | null {
  const { account } = edits;
  if (!account || account.kind === 'choose') return null;
  return {
    target: account,
    shownKey: shown?.[SHOWN_ACCOUNT_KEY] ?? null,
    shownName: shown?.[ACCOUNT_FIELD] ?? null,
  };
}
