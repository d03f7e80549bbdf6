import type { AuditActor, AuditedChange, AuditEntry } from '../../audit/auditEntry';
import type { AuditLog } from '../../audit/auditLog';
import { recordAuditEntries } from '../../audit/recordAuditEntries';
import { contactTable } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { ACCOUNT_ID_COLUMN, OWNER_ID_COLUMN } from '../../connect/mappedObject';
import type { OwnerScope } from '../../connect/ownerScope';
import type { Queryable } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';
import {
  BATCHES_TABLE,
  findBatch,
  type BatchChange,
  type ItemOutcome,
} from '../../records/batches';
import { fieldChanges } from '../../records/fieldChanges';
import type { SignedInUser } from '../../web/signedInUser';
import { salesforceUserId } from '../../web/signedInUser';
import { accountLinkColumns } from '../accountField';
import { accountChange, accountLink, type ChosenAccount } from '../accountLinking';
import type { ContactValues } from '../contact';
import {
  lockedChunks,
  recordOutcomes,
  type ChunkItem,
  type ItemResult,
  type RowValues,
} from './batchChunks';
import type { MassEdit } from './massEditInput';

export type ApplyOutcome = 'applied' | 'already_applied' | 'not_found';

/**
 * Applies a mass edit once, in one transaction: the batch row is locked first, so a second
 * submit waits and then finds it applied. Each chunk of rows is locked and compared with its
 * snapshot; one UPDATE per chunk writes the rows that still hold what was chosen and do not
 * already hold every new value. Only the chosen columns (and `alsoWrite`, the edited-by stamp)
 * are assigned, so Connect logs and sends only what changed. Each written row gets an audit
 * entry naming the batch, all of a chunk's in one statement.
 */
export async function applyMassEdit(
  audit: AuditLog,
  actor: AuditActor & { user: SignedInUser },
  mapping: Mapping,
  batchId: string,
  scope: OwnerScope,
  edit: MassEdit,
  alsoWrite: ContactValues,
): Promise<ApplyOutcome> {
  return audit.inTransaction(async (client) => {
    const batch = await findBatch(client, batchId, actor.user, { lock: true });
    if (!batch || batch.kind !== 'edit') return 'not_found';
    if (batch.appliedAt) return 'already_applied';
    // A new account is created once, for every row, before any row names it.
    const ownerId = mapping.owners ? salesforceUserId(actor.user) : null;
    const link = edit.account && (await accountLink(client, mapping, edit.account, actor, ownerId));
    const targets: ContactValues = {
      ...edit.values,
      ...(edit.account ? accountLinkColumns(mapping, link ?? null) : {}),
      ...(edit.owner ? { [OWNER_ID_COLUMN]: edit.owner.id } : {}),
    };
    for await (const chunk of lockedChunks(client, mapping, batchId, scope)) {
      const results = chunk.map((item) => ({ item, outcome: outcomeOf(item, targets) }));
      const written = results.filter((result) => result.outcome === 'written');
      await updateRows(
        client,
        mapping,
        written.map(({ item }) => item.current?.contact.rowId ?? 0),
        { ...targets, ...alsoWrite },
      );
      await recordOutcomes(
        client,
        mapping,
        batchId,
        results.map(({ item, outcome }): ItemResult => ({
          position: item.position,
          outcome,
          rowId: item.current?.contact.rowId ?? null,
        })),
        'UPDATE',
      );
      await recordAuditEntries(
        client,
        written.map(({ item }) => auditEntry(actor, batchId, item, edit)),
      );
    }
    await client.query(
      `UPDATE ${BATCHES_TABLE} SET applied_at = now(), changes = $2 WHERE id = $1`,
      [batchId, JSON.stringify(batchChanges(edit))],
    );
    return 'applied';
  });
}

/**
 * Gone when the row is; changed meanwhile when a column the batch sets no longer holds its
 * snapshot value; unchanged when it already holds every new value (an empty value and NULL are
 * the same, as everywhere in the app): writing it would change nothing Connect could send.
 */
function outcomeOf(item: ChunkItem, targets: ContactValues): ItemOutcome {
  const { current, snapshot } = item;
  if (!current) return 'gone';
  const columns = Object.keys(targets);
  if (columns.some((column) => (current.values[column] ?? null) !== (snapshot[column] ?? null))) {
    return 'changed_meanwhile';
  }
  const holds = (values: RowValues, column: string) => (values[column] ?? '') === targets[column];
  return columns.every((column) => holds(current.values, column)) ? 'unchanged' : 'written';
}

/** One UPDATE for the chunk's rows to write: they all get the same values. */
async function updateRows(
  client: Queryable,
  mapping: Mapping,
  rowIds: number[],
  values: ContactValues,
): Promise<void> {
  if (rowIds.length === 0) return;
  const columns = Object.keys(values);
  const assignments = columns.map((column, i) => `${quoteIdentifier(column)} = $${i + 2}`);
  await client.query(
    `UPDATE ${contactTable(mapping)} SET ${assignments.join(', ')} WHERE id = ANY($1::bigint[])`,
    [rowIds, ...columns.map((column) => values[column] || null)],
  );
}

function auditEntry(
  actor: AuditActor,
  batchId: string,
  item: ChunkItem,
  edit: MassEdit,
): AuditEntry {
  const current = item.current;
  if (!current) throw new Error('only a row that was found is written');
  const before: ContactValues = {};
  for (const field of edit.fields) before[field.column] = current.values[field.column] ?? '';
  const changes: AuditedChange[] = [
    ...fieldChanges(edit.fields, before, { ...before, ...edit.values }),
    ...(edit.account ? accountChange(edit.account, current.accountName) : []),
    ...(edit.owner && edit.owner.id !== current.ownerId
      ? [
          {
            field: OWNER_ID_COLUMN,
            label: 'Owner',
            from: current.ownerName ?? current.ownerId ?? '',
            to: edit.owner.name,
          },
        ]
      : []),
  ];
  return { action: 'edit', actor, contact: current.contact, changes, batchId };
}

/** What the batch set, as its page says it: each field by its label, with its new value. */
function batchChanges(edit: MassEdit): BatchChange[] {
  return [
    ...edit.fields.map((field) => ({
      field: field.column,
      label: field.label,
      to: edit.values[field.column] ?? '',
    })),
    ...(edit.account
      ? [{ field: ACCOUNT_ID_COLUMN, label: 'Account', to: accountName(edit.account) }]
      : []),
    ...(edit.owner ? [{ field: OWNER_ID_COLUMN, label: 'Owner', to: edit.owner.name }] : []),
  ];
}

/** The account a mass edit links every row to, as a person knows it; empty for none. */
function accountName(account: ChosenAccount): string {
  if (account.kind === 'none') return '';
  return account.kind === 'new' ? `${account.name} (new account)` : account.account.name;
}
