import { lastPageWithin } from '../src/contacts/list/params';
import { versionExpression } from '../src/contacts/contactSql';
import { readMapping } from '../src/connect/mapping';
import type { Database } from '../src/db/database';
import { csrfTokenIn, editFormValues, signIn, type HttpUser } from '../test/support/httpUser';

const CARD_KEYS = 1_000;
const EDITED_TITLES = ['Bench edit A', 'Bench edit B'] as const;

/** A contact the edit scenario flips between two titles; `bodies[next]` is the next form. */
export interface EditTarget {
  path: string;
  bodies: [string, string];
  next: 0 | 1;
}

export interface Fixtures {
  cookie: string;
  csrfToken: string;
  listPage: string;
  cardKeys: string[];
  editTargets: EditTarget[];
  searches: { broad: string; rare: string; emailPrefix: string; phoneFragment: string };
  deepPage: number;
  canCreate: boolean;
}

/** Signs in like a user and picks the contacts and search terms the scenarios use. */
export async function prepareFixtures(
  url: string,
  db: Database,
  settings: { password: string; contacts: number; editTargets: number },
): Promise<Fixtures> {
  const user = await signIn(url, settings.password);
  const list = await user.get('/contacts');
  if (list.status !== 200) throw new Error(`the list answered ${list.status}`);
  const csrfToken = csrfTokenIn(list.text);

  // Edited contacts are not among the cards read, so reads never meet a row being written.
  const keys = await db.query<{ sfid: string }>(
    `SELECT sfid FROM salesforce.contact WHERE sfid IS NOT NULL ORDER BY md5(sfid) LIMIT $1`,
    [CARD_KEYS + settings.editTargets],
  );
  const sfids = keys.rows.map((row) => row.sfid);
  const editTargets: EditTarget[] = [];
  for (const sfid of sfids.slice(0, settings.editTargets)) {
    editTargets.push(await primeEditTarget(user, db, sfid, csrfToken));
  }
  return {
    cookie: user.cookie(),
    csrfToken,
    listPage: list.text,
    cardKeys: sfids.slice(settings.editTargets),
    editTargets,
    searches: await searchTerms(db, settings.contacts),
    deepPage: Math.min(lastPageWithin(25), Math.ceil(settings.contacts / 25)),
    canCreate: (await user.get('/contacts/new')).status === 200,
  };
}

/**
 * An edit must send the version the row has, or it is (rightly) refused as a conflict. Saving
 * each title once through the app, and reading the version the row then has, gives the two
 * forms that flip the row back and forth: each is valid right after the other.
 */
async function primeEditTarget(
  user: HttpUser,
  db: Database,
  sfid: string,
  csrfToken: string,
): Promise<EditTarget> {
  const path = `/contacts/${sfid}`;
  const card = await user.get(path);
  const values: Record<string, string> = { ...editFormValues(card.text), _csrf: csrfToken };
  const form = (title: string, version: string) =>
    new URLSearchParams({ ...values, title, version }).toString();
  const mapping = await readMapping(db, 'salesforce');
  const versionNow = async () => {
    const result = await db.query<{ version: string }>(
      `SELECT ${versionExpression(mapping)} AS version FROM salesforce.contact WHERE sfid = $1`,
      [sfid],
    );
    return result.rows[0]?.version ?? '';
  };
  const [titleA, titleB] = EDITED_TITLES;
  const save = async (title: string, version: string) => {
    const reply = await user.post(path, { ...values, title, version });
    if (reply.status !== 303)
      throw new Error(`priming the edit of ${sfid} answered ${reply.status}`);
    return versionNow();
  };
  const versionA = await save(titleA, values.version ?? '');
  const versionB = await save(titleB, versionA);
  // The row now has title B: the next save sets A.
  return { path, bodies: [form(titleA, versionB), form(titleB, versionA)], next: 0 };
}

/**
 * Terms taken from one contact in the middle: its full address (one match), its name and first
 * digit (a handful), its phone's last four digits (one in ten thousand contacts), and a single
 * letter (most contacts).
 */
async function searchTerms(db: Database, contacts: number) {
  const middle = await db.query<{ email: string; phone: string }>(
    `SELECT email, phone FROM salesforce.contact WHERE email IS NOT NULL ORDER BY id
      OFFSET $1 LIMIT 1`,
    [Math.floor(contacts / 2)],
  );
  const email = middle.rows[0]?.email ?? '';
  const local = email.slice(0, email.indexOf('@'));
  return {
    broad: 'a',
    rare: email,
    emailPrefix: local.replace(/(\d)\d*$/, '$1'),
    phoneFragment: (middle.rows[0]?.phone ?? '').slice(-4),
  };
}
