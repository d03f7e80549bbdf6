import { AUDIT_TABLE } from '../../src/audit/auditTable';
import type TestAgent from 'supertest/lib/agent';
import type { Database } from '../../src/db/database';
import type { ConnectEmulator } from '../../src/emulator/processor';
import { installEmulator } from '../emulator/harness';
import { decodeHtml } from '../support/httpUser';
import { startTestApp, TEST_USERS, type TestApp } from '../support/testApp';

/** An audit entry as stored, without the columns a test cannot predict (`id`, `at`). */
export interface StoredEntry {
  action: string;
  user_id: string;
  username: string;
  user_name: string;
  contact_key: string | null;
  /** bigint, which pg reads as text. */
  contact_row_id: string | null;
  sfid: string | null;
  external_id: string | null;
  changes: { field: string; label: string; from: string; to: string }[];
  detail: string | null;
  request_id: string | null;
}

/**
 * Reads the trail as it grows: `since()` marks where it ends now, and `after(mark)` is every
 * entry written since, oldest first.
 */
export function auditTrail(db: Database) {
  return {
    async since(): Promise<string> {
      const result = await db.query<{ last: string }>(
        `SELECT coalesce(max(id), 0)::text AS last FROM ${AUDIT_TABLE}`,
      );
      return result.rows[0]?.last ?? '0';
    },
    async after(mark: string): Promise<StoredEntry[]> {
      const result = await db.query<StoredEntry>(
        `SELECT action, user_id, username, user_name, contact_key, contact_row_id::text, sfid,
                external_id, changes, detail, request_id
           FROM ${AUDIT_TABLE} WHERE id > $1 ORDER BY id`,
        [mark],
      );
      return result.rows;
    },
  };
}

/** The rows of a card's "Changed in Contact Card" table, each as the text of its cells. */
export function changedHereIn(html: string): string[][] {
  const section = /<section[^>]*class="changed-here">([\s\S]*?)<\/section>/.exec(html)?.[1];
  if (section === undefined) throw new Error('card has no "Changed in Contact Card" section');
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row = '']) =>
    [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell = '']) =>
      decodeHtml(cell.replace(/<[^>]*>/g, '')).trim(),
    ),
  );
}

export interface AuditedApp {
  t: TestApp;
  /** Stopped: only its processOnce() sends, so no pass changes rows between a before and after. */
  emulator: ConnectEmulator;
  editor: TestAgent;
  trail: ReturnType<typeof auditTrail>;
}

/** An app with the Connect emulator installed, an editor's client and a reader of the trail. */
export async function startAuditedApp(): Promise<AuditedApp> {
  const t = await startTestApp();
  const emulator = await installEmulator(t.db, t.url);
  await emulator.stop();
  return { t, emulator, editor: t.agentSignedInAs(TEST_USERS.editor), trail: auditTrail(t.db) };
}
