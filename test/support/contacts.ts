import type { Database } from '../../src/db/database';
import type TestAgent from 'supertest/lib/agent';
import { decodeHtml, editFormValues as formValuesIn } from './httpUser';

export { decodeHtml, formValuesIn };

export interface ContactSeed {
  firstname?: string | null;
  lastname?: string;
  email?: string | null;
  phone?: string | null;
  title?: string | null;
  sfid?: string | null;
  external_contact_id__c?: string | null;
  _hc_lastop?: string | null;
  _hc_err?: string | null;
  name?: string | null;
  department?: string | null;
  mobilephone?: string | null;
  description?: string | null;
  isdeleted?: boolean | null;
}

let counter = 0;

/** Inserts a contact as Connect would have synced it from Salesforce, unless told otherwise. */
export async function insertContact(db: Database, seed: ContactSeed = {}): Promise<StoredContact> {
  counter += 1;
  const row = {
    firstname: 'Ada',
    lastname: `Lovelace ${counter}`,
    email: `ada${counter}@example.com`,
    phone: `+44 20 555 ${String(counter).padStart(4, '0')}`,
    title: 'Analyst',
    sfid: `003TEST${String(counter).padStart(8, '0')}AAA`,
    external_contact_id__c: null,
    _hc_lastop: 'SYNCED',
    _hc_err: null,
    ...seed,
  };
  const columns = Object.keys(row);
  const result = await db.query<StoredContact>(
    `INSERT INTO salesforce.contact (${columns.join(', ')}, systemmodstamp)
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, now()) RETURNING *`,
    Object.values(row),
  );
  return result.rows[0] as StoredContact;
}

export async function readContact(db: Database, sfid: string): Promise<StoredContact | undefined> {
  const result = await db.query<StoredContact>('SELECT * FROM salesforce.contact WHERE sfid = $1', [
    sfid,
  ]);
  return result.rows[0];
}

export interface StoredContact {
  id: number;
  sfid: string | null;
  firstname: string | null;
  lastname: string;
  email: string | null;
  phone: string | null;
  title: string | null;
  description: string | null;
  external_contact_id__c: string | null;
  _hc_lastop: string | null;
  _hc_err: string | null;
  systemmodstamp: Date | null;
  name?: string | null;
  department?: string | null;
  mobilephone?: string | null;
  isdeleted?: boolean | null;
}

export async function countContacts(db: Database): Promise<number> {
  const result = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM salesforce.contact');
  return result.rows[0]?.n ?? 0;
}

/** The names in the list's rows, top to bottom, as a person reads them. */
export function listedNames(html: string): string[] {
  const cells = html.matchAll(/<th scope="row" data-label="Name"><a href="[^"]*">(.*?)<\/a>/g);
  // Each part of a name is in its own <bdi>.
  return [...cells].map((match) => decodeHtml((match[1] ?? '').replace(/<\/?bdi>/g, '')));
}

/** The page without its <bdi> tags: each part of a name joined as a person reads it. */
export function readAsText(html: string): string {
  return html.replace(/<\/?bdi>/g, '');
}

/** The card keys the list's rows link to, top to bottom. */
export function listedKeys(html: string): string[] {
  return [
    ...html.matchAll(/<th scope="row" data-label="Name"><a href="\/contacts\/([^"]*)">/g),
  ].map((match) => decodeURIComponent(decodeHtml(match[1] ?? '')));
}

/** The list's "N contacts" status line, without markup. */
export function matchCountIn(html: string): string {
  const match = /<p class="summary" role="status" id="match-count">([\s\S]*?)<\/p>/.exec(html);
  if (!match?.[1]) throw new Error('page has no match count');
  return decodeHtml(match[1].replace(/<[^>]*>/g, '')).trim();
}

/** One form field's markup (label, control and error), from an edit form. */
export function fieldIn(html: string, column: string): string {
  const block = html
    .split('<div class="field')
    .find((part) => part.includes(`id="field-${column}"`));
  if (block === undefined) throw new Error(`form has no field ${column}`);
  return block.slice(0, block.indexOf('</div>'));
}

/** Opens a card and submits its edit form as a browser would, with some fields changed. */
export async function submitCard(agent: TestAgent, key: string, changes: Record<string, string>) {
  const card = await agent.get(`/contacts/${key}`);
  if (card.status !== 200) throw new Error(`card ${key} answered ${card.status}`);
  return agent
    .post(`/contacts/${key}`)
    .type('form')
    .send({ ...formValuesIn(card.text), ...changes });
}
