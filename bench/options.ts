import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  contacts: number;
  durationSeconds: number;
  connections: number;
  jsonFile: string | null;
  workers: number;
  /** How many entries the audit trail holds when the load starts; null leaves it as it is. */
  auditEntries: number | null;
  /** A database to use instead of the embedded one (BENCH_DATABASE_URL). */
  databaseUrl: string | null;
}

/** What a command built on these options is called, and its defaults. */
export interface OptionDefaults {
  command: string;
  /** What the command does, for --help. */
  about: string;
  contacts: number;
  durationSeconds: number;
  connections: number;
  /** The audit trail's size for a contact count; null when the command takes no --audit-entries. */
  auditEntries: ((contacts: number) => number) | null;
}

/** Thrown for --help: the command prints the message and exits 0. */
export class HelpRequested extends Error {}

const MAX_DEFAULT_AUDIT_ENTRIES = 1_000_000;

const BENCH_DEFAULTS: OptionDefaults = {
  command: 'npm run bench',
  about:
    'Seeds a database, starts the production build and drives each scenario with autocannon over loopback,\n' +
    'beside two baselines: bare node:http sending fixed bytes, and node:http doing the same SQL and HTML.',
  contacts: 100_000,
  durationSeconds: 10,
  connections: 10,
  // A million at the default size and above; CI's 1,000 contacts get 10,000, filled in a blink.
  auditEntries: (contacts) => Math.min(MAX_DEFAULT_AUDIT_ENTRIES, 10 * contacts),
};

/** Reads the command line; every number is bounded so a typo cannot start an endless run. */
export function parseOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  defaults = BENCH_DEFAULTS,
): BenchOptions {
  const usage = usageOf(defaults);
  const { values } = parseArgs({
    args: argv,
    options: {
      contacts: { type: 'string', default: String(defaults.contacts) },
      duration: { type: 'string', default: String(defaults.durationSeconds) },
      connections: { type: 'string', default: String(defaults.connections) },
      workers: { type: 'string', default: String(availableParallelism()) },
      json: { type: 'string' },
      'audit-entries': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new HelpRequested(usage);
  const auditText = values['audit-entries'];
  if (auditText !== undefined && !defaults.auditEntries) {
    throw new Error(`${defaults.command} takes no --audit-entries.\n${usage}`);
  }
  const whole = (name: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}.\n${usage}`);
    }
    return value;
  };
  const contacts = whole('--contacts', values.contacts, 1_000, 5_000_000);
  return {
    contacts,
    durationSeconds: whole('--duration', values.duration, 1, 600),
    connections: whole('--connections', values.connections, 1, 500),
    workers: whole('--workers', values.workers, 1, 64),
    jsonFile: values.json ?? null,
    auditEntries:
      auditText !== undefined
        ? whole('--audit-entries', auditText, 0, 10_000_000)
        : (defaults.auditEntries?.(contacts) ?? null),
    databaseUrl: env.BENCH_DATABASE_URL || null,
  };
}

function usageOf(defaults: OptionDefaults): string {
  const lines = [
    `Usage: ${defaults.command} -- [options]`,
    defaults.about,
    '',
    `  --contacts N       sample contacts to seed (default ${defaults.contacts.toLocaleString('en-US')}; 1,000–5,000,000)`,
    `  --duration S       seconds of load ${defaults.auditEntries ? 'per scenario' : 'in all'} (default ${defaults.durationSeconds})`,
    `  --connections C    concurrent ${defaults.auditEntries ? 'connections' : 'clients'} (default ${defaults.connections})`,
    '  --workers W        web processes of the app (default: one per core)',
    '  --json FILE        also write the results to FILE as JSON',
  ];
  if (defaults.auditEntries) {
    lines.push(
      '  --audit-entries N  entries in the audit trail when the load starts (default 10 × contacts,',
      `                     at most ${MAX_DEFAULT_AUDIT_ENTRIES.toLocaleString('en-US')}: a million at the default size, 10,000 with`,
      '                     --contacts 1000 as in CI; 0–10,000,000). The /audit scenarios page through it.',
    );
  }
  lines.push('', 'BENCH_DATABASE_URL: a database to use instead of the embedded one.');
  return lines.join('\n');
}
