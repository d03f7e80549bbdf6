import type { Server } from 'node:http';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { readMapping, type Mapping } from '../../../src/connect/mapping';
import { insertContact } from '../../support/contacts';
import {
  csrfTokenIn,
  signIn,
  startTestApp,
  shownFormValueIn,
  type TestApp,
} from '../../support/testApp';

/** At least this many generated cases per route, as CI requires. */
export const RUNS_PER_ROUTE = 1000;
/** fast-check runs many cases per test; each is a few requests. */
export const PROPERTY_TIMEOUT_MS = 180_000;

export interface HostileApp extends TestApp {
  mapping: Mapping;
  /** The file's signed-in client. */
  readonly signedIn: TestAgent;
  /** Every row of the contact table, to compare before and after a request. */
  snapshot(): Promise<ContactRowSnapshot[]>;
  /** The edit form's CSRF token and the values it showed, as a browser would read them. */
  editForm(key: string): Promise<{ csrf: string; shown: string; html: string }>;
}

export type ContactRowSnapshot = Record<string, unknown> & { id: number; sfid: string | null };

/** One app, one database and one signed-in client per file, reused by every generated case. */
export async function startHostileApp(keys: string[]): Promise<HostileApp> {
  const t = await startTestApp();
  // As in production: compiling every template on every render would dominate the run time.
  t.app.set('view cache', true);
  // One listening server for the file; handing supertest the bare app listens anew per request.
  const server = await listen(t);
  const agent = () => request.agent(server);
  const signedInAgent = async () => {
    const client = agent();
    await signIn(client);
    return client;
  };
  for (const sfid of keys) {
    await insertContact(t.db, { sfid, firstname: 'Hostile', lastname: sfid });
  }
  const signedIn = await signedInAgent();
  return {
    ...t,
    agent,
    signedInAgent,
    mapping: await readMapping(t.db, 'salesforce'),
    signedIn,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
    async snapshot() {
      const result = await t.db.query<{ row: ContactRowSnapshot }>(
        'SELECT to_jsonb(c) AS row FROM salesforce.contact c ORDER BY id',
      );
      return result.rows.map((r) => r.row);
    },
    async editForm(key) {
      const card = await signedIn.get(`/contacts/${key}`);
      if (card.status !== 200) throw new Error(`card ${key} answered ${String(card.status)}`);
      return { csrf: csrfTokenIn(card.text), shown: shownFormValueIn(card.text), html: card.text };
    },
  };
}

async function listen(t: TestApp): Promise<Server> {
  const server = t.app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return server;
}
