import { SESSION_COOKIE } from '../src/auth/sessionCookie';
import { cookieName } from '../src/web/cookies';
import { lastPageWithin } from '../src/contacts/list/params';
import { decodeShown, encodeShown } from '../src/records/shownValues';
import type { Database } from '../src/db/database';
import { csrfTokenIn, editFormValues, type HttpUser } from '../test/support/httpUser';

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
  /** Accounts' sfids, for the account page and the list filtered by account. */
  accountKeys: string[];
  editTargets: EditTarget[];
  searches: { broad: string; rare: string; emailPrefix: string; phoneFragment: string };
  deepPage: number;
  canCreate: boolean;
}

/** Picks, as a signed-in editor, the contacts and search terms the scenarios use. */
export async function prepareFixtures(
  user: HttpUser,
  db: Database,
  settings: { contacts: number; editTargets: number },
): Promise<Fixtures> {
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
    editTargets.push(await primeEditTarget(user, sfid, csrfToken));
  }
  return {
    cookie: sessionCookie(user),
    csrfToken,
    listPage: list.text,
    cardKeys: sfids.slice(settings.editTargets),
    accountKeys: await accountKeys(db),
    editTargets,
    searches: await searchTerms(db, settings.contacts),
    deepPage: Math.min(lastPageWithin(25), Math.ceil(settings.contacts / 25)),
    canCreate: (await user.get('/contacts/new')).status === 200,
  };
}

/**
 * The session cookie alone, as a browser sends it page after page. The jar also holds the
 * flash of the last save, which a browser drops once a page has shown it: sent with every
 * request, it made every measured page show and clear that message.
 */
export function sessionCookie(user: HttpUser): string {
  const pair = user
    .cookie()
    .split('; ')
    .find((cookie) => cookie.startsWith(`${cookieName(SESSION_COOKIE, true)}=`));
  if (!pair) throw new Error('signed in, yet the browser holds no session cookie');
  return pair;
}

/**
 * An edit must say what its form showed, or the save (rightly) reads it as a conflict. After one
 * save through the app the row's title is A; the two forms below then flip it to B and back,
 * each saying it showed the title the other one set: each is valid right after the other.
 */
async function primeEditTarget(
  user: HttpUser,
  sfid: string,
  csrfToken: string,
): Promise<EditTarget> {
  const path = `/contacts/${sfid}`;
  const card = await user.get(path);
  const values: Record<string, string> = { ...editFormValues(card.text), _csrf: csrfToken };
  const shown = decodeShown(values.shown);
  if (!shown) throw new Error(`the card of ${sfid} carries no shown values`);
  const [titleA, titleB] = EDITED_TITLES;
  const form = (title: string, shownTitle: string) =>
    new URLSearchParams({
      ...values,
      title,
      shown: encodeShown({ ...shown, title: shownTitle }),
    }).toString();
  const primed = await user.post(path, { ...values, title: titleA });
  if (primed.status !== 303)
    throw new Error(`priming the edit of ${sfid} answered ${primed.status}`);
  return { path, bodies: [form(titleA, titleB), form(titleB, titleA)], next: 1 };
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

/** A spread of accounts, in no order the database keeps, so no page is always hot. */
async function accountKeys(db: Database): Promise<string[]> {
  const keys = await db.query<{ sfid: string }>(
    `SELECT sfid FROM salesforce.account WHERE sfid IS NOT NULL ORDER BY md5(sfid) LIMIT $1`,
    [CARD_KEYS],
  );
  return keys.rows.map((row) => row.sfid);
}
