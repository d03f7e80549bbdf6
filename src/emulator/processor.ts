import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { asConnect } from '../dev/connectWrites';
import { sendNextEntry, type SendOutcome } from './sendEntry';

export interface EmulatorOptions {
  schema: string;
  /** How long a write waits before it is sent, as Connect's polling would make it wait. */
  delayMs?: number;
  intervalMs?: number;
  logger: Logger;
  /** A standalone command needs its timer to hold the process open; the app's must not. */
  keepProcessAlive?: boolean;
}

export interface ConnectEmulator {
  /** Sends every due entry (at most a bounded batch) now; resolves to how many were sent. */
  processOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

const DEFAULT_DELAY_MS = 2000;
const DEFAULT_INTERVAL_MS = 1000;
const MAX_ENTRIES_PER_PASS = 100;

export function startConnectEmulator(db: Database, options: EmulatorOptions): ConnectEmulator {
  const { schema, logger } = options;
  const delayMs = options.delayMs ?? DEFAULT_DELAY_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const processOnce = async (): Promise<number> => {
    let sent = 0;
    while (sent < MAX_ENTRIES_PER_PASS) {
      const outcome = await asConnect(db, (client) => sendNextEntry(client, schema, delayMs));
      if (!outcome) break;
      report(logger, outcome);
      sent += 1;
    }
    return sent;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(tick, intervalMs);
    if (!options.keepProcessAlive) timer.unref();
  };
  const tick = () => {
    inFlight = processOnce()
      .then(
        () => undefined,
        (error: unknown) => {
          // A database restart or timeout must not end the emulator; the next pass tries again.
          logger.warn({ err: error }, 'Connect emulator pass failed; trying again shortly');
        },
      )
      .finally(schedule);
  };
  schedule();

  return {
    processOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}

function report(logger: Logger, outcome: SendOutcome): void {
  const detail = { entry: outcome.entryId, recordId: outcome.recordId, sfid: outcome.sfid };
  const text = `Connect emulator: ${outcome.action} of ${outcome.table} row ${outcome.recordId} → ${outcome.state}`;
  if (outcome.state === 'FAILED') logger.warn({ ...detail, sfMessage: outcome.message }, text);
  else logger.info(detail, text);
}
