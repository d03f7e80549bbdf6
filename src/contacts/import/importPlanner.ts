import type { Mapping } from '../../connect/mapping';
import type { OwnerScope } from '../../connect/ownerScope';
import type { Database } from '../../db/database';
import { classify } from './classify';
import { IMPORTS_TABLE, readRows, storePlans } from './importStore';

interface PlanHead {
  columns: string[];
  owner_scope: OwnerScope;
  planned: boolean;
}

/**
 * Decides every row of a confirmed import afresh (contacts may have changed since the preview),
 * by the same rules as the preview, and stores the decisions once, before anything is written:
 * the worker does it, not the Confirm request, because a large file takes seconds to decide and
 * its 100,000 row updates are writes of their own. Two workers that both decide store it once:
 * the second finds it planned under the import's lock.
 */
export async function planImport(db: Database, mapping: Mapping, importId: string): Promise<void> {
  const head = await readHead(db, importId, false);
  if (!head || head.planned) return;
  const plan = await classify(
    db,
    mapping,
    head.owner_scope,
    await readRows(db, importId),
    head.columns,
  );
  await db.withTransaction(async (client) => {
    const locked = await readHead(client, importId, true);
    if (locked && !locked.planned) await storePlans(client, importId, plan.rows);
  });
}

async function readHead(
  db: Pick<Database, 'query'>,
  importId: string,
  lock: boolean,
): Promise<PlanHead | undefined> {
  const result = await db.query<PlanHead>(
    `SELECT columns, owner_scope, planned FROM ${IMPORTS_TABLE}
      WHERE id = $1 AND state = 'queued'${lock ? ' FOR UPDATE' : ''}`,
    [importId],
  );
  return result.rows[0];
}
