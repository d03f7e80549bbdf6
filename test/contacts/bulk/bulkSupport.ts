import type TestAgent from 'supertest/lib/agent';
import type { Database } from '../../../src/db/database';
import { installConnectEmulator } from '../../../src/emulator/install';
import { guardFor } from '../../emulator/harness';
import { csrfTokenIn, hiddenFieldsIn } from '../../support/httpUser';
import { startTestApp, type TestApp } from '../../support/testApp';

/** A test app whose database has Connect's triggers and trigger log, as the emulator installs them. */
export async function startBulkTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const t = await startTestApp({ env });
  await installConnectEmulator(t.db, guardFor(t.url));
  return t;
}

/** A form body as a browser sends it: repeated names for several values. */
export function formBody(fields: Record<string, string | readonly string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    for (const one of typeof value === 'string' ? [value] : value) body.append(name, one);
  }
  return body.toString();
}

/** What a click in the list's bulk form sends: its hidden fields, and the checked rows or "all". */
export async function chooseFromList(
  agent: TestAgent,
  listPath: string,
  choice: { keys?: string[]; action?: 'edit' | 'delete'; all?: 'edit' | 'delete' },
) {
  const list = await agent.get(listPath);
  const fields = hiddenFieldsIn(list.text, '/contacts/bulk');
  return agent
    .post('/contacts/bulk')
    .type('form')
    .send(
      formBody({
        ...fields,
        ...(choice.keys ? { keys: choice.keys } : {}),
        ...(choice.action ? { action: choice.action } : {}),
        ...(choice.all ? { all: choice.all } : {}),
      }),
    );
}

const BATCH_PATH = /^\/contacts\/bulk\/([0-9a-f-]{36})(\/delete)?$/;

/** The batch id a choice redirected to. */
export function batchIdIn(location: string | undefined): string {
  const id = BATCH_PATH.exec(location ?? '')?.[1];
  if (!id) throw new Error(`not a batch's address: ${location ?? '(none)'}`);
  return id;
}

/** Submits the mass-edit form of a batch with these ticked fields and values. */
export async function submitMassEdit(
  agent: TestAgent,
  batchId: string,
  change: string[],
  values: Record<string, string> = {},
) {
  const form = await agent.get(`/contacts/bulk/${batchId}`);
  return postMassEdit(agent, batchId, csrfTokenIn(form.text), change, values);
}

/** The mass-edit form's submit, as a browser sends it again from the same page. */
export function postMassEdit(
  agent: TestAgent,
  batchId: string,
  token: string,
  change: string[],
  values: Record<string, string> = {},
) {
  return agent
    .post(`/contacts/bulk/${batchId}`)
    .type('form')
    .send(formBody({ _csrf: token, change, ...values }));
}

export interface StoredItem {
  position: number;
  contact_key: string;
  outcome: string | null;
  trigger_log_id: number | null;
  snapshot: Record<string, string | null>;
}

export async function itemsOf(db: Database, batchId: string): Promise<StoredItem[]> {
  const result = await db.query<StoredItem>(
    `SELECT position, contact_key, outcome, trigger_log_id::int AS trigger_log_id, snapshot
       FROM contact_card.batch_items WHERE batch_id = $1 ORDER BY position`,
    [batchId],
  );
  return result.rows;
}

export async function auditOf(db: Database, batchId: string) {
  const result = await db.query<{ action: string; sfid: string | null; changes: unknown }>(
    `SELECT action, sfid, changes FROM contact_card.audit_entries WHERE batch_id = $1 ORDER BY id`,
    [batchId],
  );
  return result.rows;
}
