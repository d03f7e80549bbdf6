import type { Database } from '../../src/db/database';
import { decodeHtml } from './contacts';

export interface AccountSeed {
  sfid?: string | null;
  name?: string | null;
  website?: string | null;
  phone?: string | null;
  billingcity?: string | null;
  billingcountry?: string | null;
  industry?: string | null;
  ownerid?: string | null;
  external_account_id__c?: string | null;
  _hc_lastop?: string | null;
  _hc_err?: string | null;
  isdeleted?: boolean | null;
}

export interface StoredAccount {
  id: number;
  sfid: string | null;
  name: string | null;
  external_account_id__c: string | null;
}

let counter = 0;

/** Inserts an account as Connect would have synced it from Salesforce, unless told otherwise. */
export async function insertAccount(db: Database, seed: AccountSeed = {}): Promise<StoredAccount> {
  counter += 1;
  const row = {
    sfid: `001TEST${String(counter).padStart(8, '0')}AAA`,
    name: `Account ${counter}`,
    _hc_lastop: 'SYNCED',
    ...seed,
  };
  const columns = Object.keys(row);
  const result = await db.query<StoredAccount>(
    `INSERT INTO salesforce.account (${columns.join(', ')}, systemmodstamp)
     VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')}, now())
     RETURNING id, sfid, name, external_account_id__c`,
    Object.values(row),
  );
  return result.rows[0] as StoredAccount;
}

/**
 * Points a contact at an account as Connect stores it: by the account's sfid in AccountId, or
 * only by its External ID in the relationship column, as a contact written before its account
 * had an sfid is until Connect fills in AccountId.
 */
export async function linkContact(
  db: Database,
  contactId: number,
  account: StoredAccount,
  by: 'sfid' | 'externalId' = 'sfid',
): Promise<void> {
  await (by === 'sfid'
    ? db.query('UPDATE salesforce.contact SET accountid = $1 WHERE id = $2', [
        account.sfid,
        contactId,
      ])
    : db.query('UPDATE salesforce.contact SET account__external_account_id__c = $1 WHERE id = $2', [
        account.external_account_id__c,
        contactId,
      ]));
}

/** The list's rows as a reader sees them: name, then each cell's text. */
export function accountRowsIn(html: string): string[][] {
  const rows = html.matchAll(/<tr>\s*<th scope="row"[\s\S]*?<\/tr>/g);
  return [...rows].map((row) =>
    [...row[0].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      decodeHtml((cell[1] ?? '').replace(/<[^>]*>/g, '')).trim(),
    ),
  );
}

/** The stored account under an sfid or External ID, with the columns the edit tests check. */
export async function readAccountRow(
  db: Database,
  key: string,
): Promise<Record<string, string | null> | undefined> {
  const result = await db.query<Record<string, string | null>>(
    `SELECT id::text, sfid, name, website, phone, industry, billingcity, ownerid,
            external_account_id__c, _hc_lastop
       FROM salesforce.account WHERE sfid = $1 OR external_account_id__c = $1`,
    [key],
  );
  return result.rows[0];
}

/** The one-line message a redirect leaves for the next page. */
export function flashOn(html: string): string {
  return decodeHtml(/<p class="flash" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? '');
}
