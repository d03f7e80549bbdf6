import { randomBytes } from 'node:crypto';
import type { Database } from '../src/db/database';
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, TITLES } from '../src/dev/sampleData';
import { MAX_ROWS } from '../src/contacts/import/limits';

/** Rows of the import at each seed size: the most one import takes, fewer in a small seed. */
function importRowCount(contacts: number): number {
  return Math.min(MAX_ROWS, 10 * contacts);
}

// Where the rows that are not new contacts fall: one in ROWS_PER_UPDATE updates a seeded
// contact, one in ROWS_PER_INVALID is invalid and one in ROWS_PER_DUPLICATE repeats a row above.
const ROWS_PER_UPDATE = 250;
const ROWS_PER_INVALID = 200;
const ROWS_PER_DUPLICATE = 200;
/** Rows per company named: 2,500 companies in 100,000 rows, half of them seeded accounts. */
const ROWS_PER_COMPANY = 40;
/** One new contact in this many names no company. */
const WITHOUT_COMPANY = 10;

export interface ImportFile {
  csv: string;
  rows: number;
  /** Rows that name a seeded contact by its email, changing its title. */
  updates: number;
  /** The new companies' names, to remove the accounts the import made once it is measured. */
  newCompanies: string[];
}

interface SeededContact {
  firstname: string | null;
  lastname: string;
  email: string;
  phone: string | null;
  account: string | null;
}

/**
 * A CSV export of a CRM as people import one: First Name, Last Name, Email, Title, Phone and
 * Company, mostly new contacts, a few hundred (at 100,000 rows) updating seeded contacts found
 * by email, some invalid rows (no last name, or a malformed email), some rows repeated, and a
 * few thousand companies, half of them seeded accounts and half new. New contacts' emails and
 * names are their own, so the file's duplicates are the ones made on purpose (and the few that
 * share a name with a seeded contact at the same account).
 */
export async function importFile(db: Database, contacts: number): Promise<ImportFile> {
  const rows = importRowCount(contacts);
  const companyCount = Math.max(2, Math.ceil(rows / ROWS_PER_COMPANY));
  const seededCompanies = await uniqueAccountNames(db, Math.floor(companyCount / 2));
  const newCompanies = Array.from(
    { length: companyCount - seededCompanies.length },
    (_, i) => `${pick(LAST_NAMES, i * 7)} ${pick(COMPANY_WORDS, i)} ${i + 1}`,
  );
  const companies = [...seededCompanies, ...newCompanies];
  const updateTargets = await seededContacts(db, Math.ceil(rows / ROWS_PER_UPDATE));
  // A title of this run's own, so that an update changes its contact in every run of a seed.
  const run = randomBytes(4).toString('hex');
  const lines = [['First Name', 'Last Name', 'Email', 'Title', 'Phone', 'Company']];
  let fresh = 0;
  let updates = 0;
  for (let position = 0; position < rows; position += 1) {
    const target = updateTargets[updates];
    if (position % ROWS_PER_UPDATE === ROWS_PER_UPDATE / 2 && target) {
      updates += 1;
      const { firstname, lastname, email, phone, account } = target;
      lines.push([
        firstname ?? '',
        lastname,
        email,
        `${pick(TITLES, position)} (import ${run})`,
        phone ?? '',
        account ?? '',
      ]);
    } else if (position % ROWS_PER_INVALID === ROWS_PER_INVALID / 4) {
      lines.push(invalidRow(position));
    } else if (position % ROWS_PER_DUPLICATE === (3 * ROWS_PER_DUPLICATE) / 4 && fresh > 0) {
      lines.push(newContact(fresh - 1, companies));
    } else {
      lines.push(newContact(fresh, companies));
      fresh += 1;
    }
  }
  return { csv: `${lines.map(csvLine).join('\r\n')}\r\n`, rows, updates, newCompanies };
}

const COMPANY_WORDS = ['Partners', 'Group', 'Labs', 'Trading', 'Consulting', 'Logistics'];

const pick = (list: readonly string[], n: number): string => list[n % list.length] ?? '';

/**
 * New contact n: the rows of one company get different names (n / companies counts up within
 * it), and every email is its own.
 */
function newContact(n: number, companies: readonly string[]): string[] {
  const round = Math.floor(n / companies.length);
  const company = round % WITHOUT_COMPANY === WITHOUT_COMPANY - 1 ? '' : pick(companies, n);
  const first = pick(FIRST_NAMES, round);
  const last = pick(LAST_NAMES, n + 3 * round);
  const email = `${first}.${last}.${n}@${pick(EMAIL_DOMAINS, n)}`
    .toLowerCase()
    .replace(/[ ']/g, '');
  const phone = `+1 555 ${String(n % 10_000).padStart(4, '0')}`;
  return [first, last, email, pick(TITLES, n), phone, company];
}

/** Alternately a row without a last name and one whose email is not an address. */
function invalidRow(position: number): string[] {
  return position % 2 === 0
    ? ['Nolast', '', `nolast.${position}@invalid.example`, '', '', '']
    : ['Bad', `Email ${position}`, `bad.email.${position} at invalid.example`, '', '', ''];
}

/** Seeded accounts' names that no other account shares, so each row links to exactly one. */
async function uniqueAccountNames(db: Database, count: number): Promise<string[]> {
  const result = await db.query<{ name: string }>(
    `SELECT min(name) AS name FROM salesforce.account
      WHERE sfid IS NOT NULL AND name IS NOT NULL
      GROUP BY lower(name) HAVING count(*) = 1
      ORDER BY min(id) LIMIT $1`,
    [count],
  );
  return result.rows.map((row) => row.name);
}

/** The last seeded contacts (the mass edit took the first ones), with their account's name. */
async function seededContacts(db: Database, count: number): Promise<SeededContact[]> {
  const result = await db.query<SeededContact>(
    `SELECT c.firstname, c.lastname, c.email, c.phone, a.name AS account
       FROM salesforce.contact c LEFT JOIN salesforce.account a ON a.sfid = c.accountid
      WHERE c.sfid IS NOT NULL AND c.email IS NOT NULL AND c.lastname IS NOT NULL
      ORDER BY c.id DESC LIMIT $1`,
    [count],
  );
  return result.rows;
}

function csvLine(cells: readonly string[]): string {
  return cells
    .map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(',');
}
