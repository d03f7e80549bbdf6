import type { Database } from '../../src/db/database';

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
}
