import type { Database } from '../db/database';
import { ensureIndexes, indexSpec, type IndexSpec } from '../db/indexes';
import { CONTACT_TABLE, notDeleted } from './contactTable';
import { emailKey } from './duplicateContacts';
import { readMapping, type Mapping } from './mapping';

/** Names these indexes apart from the list's and the accounts', so no build drops another's. */
const OWNER = 'duplicates';

/**
 * The duplicate finder's email arm reads this index (duplicateContacts.ts), built from the same
 * expression. Its name-at-account arm needs none of its own: the accounts feature indexes
 * AccountId and the relationship External ID on the contact table.
 */
export function duplicateIndexSpecs(mapping: Mapping): IndexSpec[] {
  if (!mapping.columns.has('email')) return [];
  const visible = notDeleted(mapping);
  const onlyVisible = visible === 'TRUE' ? '' : ` WHERE ${visible}`;
  return [indexSpec('email_lower', `(${emailKey('email')})${onlyVisible}`, OWNER)];
}

/** Creates or repairs them, beside the list's (release.ts, devServer.ts, the demo's postdeploy). */
export async function ensureDuplicateIndexes(
  db: Database,
  schema: string,
  log: (message: string) => void,
): Promise<void> {
  const mapping = await readMapping(db, schema);
  if (!mapping.tablePresent) return;
  const specs = duplicateIndexSpecs(mapping);
  await db.withClient(
    async (client) => {
      // Building an index over a million contacts takes longer than any request may.
      await client.query('SET statement_timeout = 0');
      await ensureIndexes(client, { schema, name: CONTACT_TABLE }, specs, log, OWNER);
    },
    { discardAfter: true },
  );
  log(`Duplicate-check indexes ready: ${specs.length} in use.`);
}
