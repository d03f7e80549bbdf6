import type { Response } from 'express';
import { cardPath } from '../../connect/contactKey';
import { nameParts } from '../../connect/contactName';
import type { Database } from '../../db/database';
import { BATCH_ITEMS_TABLE, findBatch, type Batch, type BatchKind } from '../../records/batches';
import { NotFoundError } from '../../web/httpErrors';
import { requestActor } from '../../web/signedInUser';
import type { Request } from 'express';

/** A page names this many of a batch's contacts, then says how many more. */
export const NAMES_SHOWN = 20;

/** The batch a URL names, of the kind its page works on, if this user may see it; else 404. */
export async function requireBatch(
  db: Database,
  req: Request<{ id: string }>,
  res: Response,
  kind: BatchKind,
): Promise<Batch> {
  const { user } = requestActor(req, res);
  const batch = await findBatch(db, req.params.id, user);
  if (!batch || batch.kind !== kind) {
    throw new NotFoundError(
      'No such batch of contacts. The link may be old, or someone else chose it.',
    );
  }
  return batch;
}

/** The batch's first contacts by name, linked to their cards, and how many follow. */
export interface ChosenNames {
  names: { parts: string[]; href: string }[];
  more: number;
}

export async function chosenNames(db: Pick<Database, 'query'>, batch: Batch): Promise<ChosenNames> {
  const result = await db.query<{
    contact_key: string;
    firstname: string | null;
    lastname: string | null;
  }>(
    `SELECT contact_key, snapshot->>'firstname' AS firstname, snapshot->>'lastname' AS lastname
       FROM ${BATCH_ITEMS_TABLE} WHERE batch_id = $1 ORDER BY position LIMIT ${NAMES_SHOWN}`,
    [batch.id],
  );
  return {
    names: result.rows.map((row) => ({
      parts: nameParts(row, null),
      href: cardPath(row.contact_key),
    })),
    more: Math.max(0, batch.itemCount - result.rows.length),
  };
}

/** "30 contacts", "1 contact". */
export function contactCount(n: number): string {
  return n === 1 ? '1 contact' : `${n.toLocaleString('en-US')} contacts`;
}
