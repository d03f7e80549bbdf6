import { findDuplicates, type DuplicateProbe } from '../../connect/duplicateContacts';
import { EXTERNAL_ID_COLUMN, contactTable, notDeleted } from '../../connect/contactTable';
import type { Mapping } from '../../connect/mapping';
import { appendParam, ownedBy, type OwnerScope } from '../../connect/ownerScope';
import type { Database } from '../../db/database';
import { quoteIdentifier } from '../../db/identifiers';
import { validateFields } from '../../records/validation';
import type { ContactValues } from '../contact';
import { accountNameKey, accountsByName, type NamedAccount } from './accountNames';
import { ACCOUNT_TARGET, KEY_TARGET } from './importFields';
import { CHUNK_ROWS } from './limits';
import type { CsvRow } from './parseCsv';

export type PlanKind = 'create' | 'update' | 'invalid' | 'duplicate';

/** What the import will do with one row, and why. */
export interface RowPlan {
  rowNumber: number;
  line: number;
  plan: PlanKind;
  /** Why a row is invalid or a duplicate; '' otherwise. */
  reason: string;
  /** The row's valid, non-empty values by contact column (an empty cell changes nothing). */
  values: ContactValues;
  accountName: string;
  /** The contact an update writes to. */
  targetRowId: number | null;
}

export interface ImportPlan {
  rows: RowPlan[];
  /** Distinct account names the rows name that exist (linked) and that will be created. */
  accountsLinked: number;
  accountsCreated: number;
}

const ACCOUNT_NAME_MAX = 255;

/**
 * Decides each row by the contact form's rules: invalid (Salesforce's rules for each field,
 * Last name required), duplicate (of an earlier row in the file, or of an existing contact by
 * the same folded name at the same account, or an email several contacts share), update (the
 * contact its ID column names, else the one contact with its email) or create. Existing
 * contacts are compared CHUNK_ROWS rows per statement.
 */
export async function classify(
  db: Database,
  mapping: Mapping,
  scope: OwnerScope,
  rows: readonly CsvRow[],
  columns: readonly string[],
): Promise<ImportPlan> {
  const plans = rows.map((row, i) => validated(mapping, columns, row, i + 1));
  markRepeats(plans, columns.includes(KEY_TARGET));
  const names = plans
    .filter(isWritten)
    .map((p) => p.accountName)
    .filter((n) => n !== '');
  const accounts = await accountsByName(db, mapping, names);
  for (let start = 0; start < plans.length; start += CHUNK_ROWS) {
    const chunk = plans.slice(start, start + CHUNK_ROWS);
    await matchByKey(
      db,
      mapping,
      scope,
      chunk.filter((p) => p.plan === 'create' && keyOf(p)),
    );
    await matchExisting(
      db,
      mapping,
      scope,
      chunk.filter((p) => p.plan === 'create' && !keyOf(p)),
      accounts,
    );
  }
  const written = new Set(plans.filter(isWritten).map((p) => accountNameKey(p.accountName)));
  written.delete('');
  const linked = [...written].filter((name) => accounts.has(name)).length;
  return {
    rows: plans.map(({ values, ...plan }) => ({ ...plan, values: withoutKey(values) })),
    accountsLinked: linked,
    accountsCreated: written.size - linked,
  };
}

function isWritten(plan: RowPlan): boolean {
  return plan.plan === 'create' || plan.plan === 'update';
}

/** The ID cell travels in `values` under KEY_TARGET until the rows are matched. */
function keyOf(plan: RowPlan): string {
  return plan.values[KEY_TARGET] ?? '';
}

function withoutKey(values: ContactValues): ContactValues {
  return Object.fromEntries(Object.entries(values).filter(([column]) => column !== KEY_TARGET));
}

function validated(
  mapping: Mapping,
  columns: readonly string[],
  row: CsvRow,
  rowNumber: number,
): RowPlan {
  const cell = (target: string) => {
    const i = columns.indexOf(target);
    return i < 0 ? '' : (row.cells[i] ?? '').trim();
  };
  const fields = mapping.fields.filter((f) => f.required || columns.includes(f.column));
  const body = Object.fromEntries(fields.map((f) => [f.column, cell(f.column)]));
  const input = validateFields(body, fields);
  const accountName = mapping.accountLinks ? cell(ACCOUNT_TARGET) : '';
  const base = { rowNumber, line: row.line, accountName, targetRowId: null };
  const problems = input.ok
    ? []
    : fields.flatMap((f) => {
        const error = input.errors[f.column];
        if (!error) return [];
        return [error.startsWith(f.label) ? error : `${f.label}: ${error}`];
      });
  if (accountName.length > ACCOUNT_NAME_MAX) {
    problems.push(`Account name can be at most ${ACCOUNT_NAME_MAX} characters.`);
  }
  if (!input.ok || problems.length > 0) {
    return { ...base, plan: 'invalid', reason: problems.join(' '), values: {} };
  }
  const values = Object.fromEntries(Object.entries(input.values).filter(([, v]) => v !== ''));
  const key = cell(KEY_TARGET);
  return {
    ...base,
    plan: 'create',
    reason: '',
    values: key ? { ...values, [KEY_TARGET]: key } : values,
  };
}

/** "José  Núñez" and "jose nunez" are the same name, as connect/duplicateContacts.ts folds it. */
function foldedName(values: ContactValues): string {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase();
  return `${fold(values.firstname ?? '')}|${fold(values.lastname ?? '')}`;
}

/** A later row with the ID, email, or name at the account of an earlier one is a duplicate. */
function markRepeats(plans: RowPlan[], byKey: boolean): void {
  const seen = new Map<string, number>();
  for (const plan of plans) {
    if (plan.plan !== 'create') continue;
    const email = plan.values.email?.toLowerCase() ?? '';
    const account = accountNameKey(plan.accountName);
    const keys = [
      byKey && keyOf(plan) ? [`key:${keyOf(plan)}`, 'the same contact ID'] : null,
      email ? [`email:${email}`, 'the same email'] : null,
      account
        ? [`name:${foldedName(plan.values)}|${account}`, 'the same name at the same account']
        : null,
    ].filter((k): k is [string, string] => k !== null);
    const earlier = keys.find(([key]) => seen.has(key));
    if (earlier) {
      plan.plan = 'duplicate';
      plan.reason = `Row ${seen.get(earlier[0]) ?? ''} above has ${earlier[1]}.`;
      continue;
    }
    for (const [key] of keys) seen.set(key, plan.rowNumber);
  }
}

/** Rows with an ID cell update the contact it names (its sfid or External ID), or are invalid. */
async function matchByKey(
  db: Database,
  mapping: Mapping,
  scope: OwnerScope,
  plans: RowPlan[],
): Promise<void> {
  if (plans.length === 0) return;
  const params: unknown[] = [plans.map(keyOf)];
  const externalId = mapping.hasExternalId ? quoteIdentifier(EXTERNAL_ID_COLUMN) : 'NULL::text';
  const result = await db.query<{ id: number; sfid: string | null; external_id: string | null }>(
    `SELECT id, sfid, ${externalId} AS external_id FROM ${contactTable(mapping)}
      WHERE (sfid = ANY($1::text[]) OR ${externalId} = ANY($1::text[])) AND ${notDeleted(mapping)}
        AND ${ownedBy(scope, appendParam(params))}`,
    params,
  );
  const byKey = new Map<string, number>();
  for (const row of result.rows) {
    if (row.sfid) byKey.set(row.sfid, row.id);
    if (row.external_id) byKey.set(row.external_id, row.id);
  }
  for (const plan of plans) {
    const rowId = byKey.get(keyOf(plan));
    if (rowId === undefined) {
      plan.plan = 'invalid';
      plan.reason = `No contact you can see has the ID ${keyOf(plan)}.`;
    } else {
      plan.plan = 'update';
      plan.targetRowId = rowId;
    }
  }
}

/**
 * Rows without an ID: the one existing contact with the same email is updated; several with it,
 * or one with the same folded name at the same account, make the row a duplicate.
 */
async function matchExisting(
  db: Database,
  mapping: Mapping,
  scope: OwnerScope,
  plans: RowPlan[],
  accounts: ReadonlyMap<string, NamedAccount>,
): Promise<void> {
  const probes: DuplicateProbe[] = plans.map((plan) => ({
    email: plan.values.email ?? '',
    firstname: plan.values.firstname ?? '',
    lastname: plan.values.lastname ?? '',
    account: accounts.get(accountNameKey(plan.accountName)) ?? null,
    self: null,
  }));
  const found = await findDuplicates(db, mapping, probes, scope);
  plans.forEach((plan, i) => {
    const matches = found[i] ?? [];
    const email = plan.values.email?.toLowerCase() ?? '';
    const sameEmail = email ? matches.filter((m) => m.email.toLowerCase() === email) : [];
    const only = sameEmail[0];
    if (sameEmail.length === 1 && only?.visible) {
      plan.plan = 'update';
      plan.targetRowId = only.rowId;
    } else if (only) {
      plan.plan = 'duplicate';
      plan.reason =
        sameEmail.length > 1
          ? `${sameEmail.length} existing contacts have this email: add a Contact ID column to say which to update.`
          : 'An existing contact you cannot see has this email.';
    } else if (matches.length > 0) {
      plan.plan = 'duplicate';
      plan.reason = 'An existing contact has the same name at the same account.';
    }
  });
}
