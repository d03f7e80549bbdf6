import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

export interface BenchOptions {
  contacts: number;
  durationSeconds: number;
  connections: number;
  jsonFile: string | null;
  workers: number;
  /** A database to use instead of the embedded one (BENCH_DATABASE_URL). */
  databaseUrl: string | null;
}

/** What a command built on these options is called, and its defaults. */
export interface OptionDefaults {
  command: string;
  contacts: number;
  durationSeconds: number;
  connections: number;
}

const BENCH_DEFAULTS: OptionDefaults = {
  command: 'npm run bench',
  contacts: 100_000,
  durationSeconds: 10,
  connections: 10,
};

/** Reads the command line; every number is bounded so a typo cannot start an endless run. */
export function parseOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
  defaults = BENCH_DEFAULTS,
): BenchOptions {
  const usage = `${defaults.command} -- [--contacts N] [--duration S] [--connections C] [--workers W] [--json FILE]`;
  const { values } = parseArgs({
    args: argv,
    options: {
      contacts: { type: 'string', default: String(defaults.contacts) },
      duration: { type: 'string', default: String(defaults.durationSeconds) },
      connections: { type: 'string', default: String(defaults.connections) },
      workers: { type: 'string', default: String(availableParallelism()) },
      json: { type: 'string' },
    },
  });
  const whole = (name: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be a whole number from ${min} to ${max}.\nUsage: ${usage}`);
    }
    return value;
  };
  return {
    contacts: whole('--contacts', values.contacts, 1_000, 5_000_000),
    durationSeconds: whole('--duration', values.duration, 1, 600),
    connections: whole('--connections', values.connections, 1, 500),
    workers: whole('--workers', values.workers, 1, 64),
    jsonFile: values.json ?? null,
    databaseUrl: env.BENCH_DATABASE_URL || null,
  };
}
