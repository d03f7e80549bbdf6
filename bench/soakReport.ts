import type { AuditTrailCheck, UserCounts } from './auditTrailCheck';
import type { EditAudit, EditRecord } from './editAudit';
import type { BenchOptions } from './options';
import type { Tally } from './soakClient';
import type { WorkerRss } from './workerMemory';

const EXAMPLES_OF_EACH = 5;

export interface SoakReport {
  date: string;
  node: string;
  contacts: number;
  workers: number;
  clients: number;
  contested_contacts: number;
  duration_s: number;
  /** RSS counts from this long into the run; its two halves from there are compared. */
  rss_from_s: number;
  requests: { reads: number; writes: number; per_second: number };
  edits: {
    acknowledged: number;
    merged: number;
    conflicts: number;
    /** Refused for the user's role (403). */
    forbidden: number;
    unanswered: number;
  };
  errors: { no_answer: number; unexpected_status: number; status_5xx: number };
  lost_updates: number;
  broken_histories: number;
  /** The audit trail, request by request: each count should be 0. */
  audit_trail: {
    saved_without_their_entry: number;
    entries_of_no_save: number;
    refusals_without_their_entry: number;
  };
  users: UserCounts[];
  rss_mb: WorkerRss[];
  /** The first failures of each kind, to say what went wrong. */
  examples: string[];
}

/** What the run did and found, as printed and as written by --json. */
export function soakReport(run: {
  options: BenchOptions;
  contested: number;
  rssFrom: number;
  elapsedSeconds: number;
  tally: Tally;
  audit: EditAudit;
  trail: AuditTrailCheck;
  rss: WorkerRss[];
}): SoakReport {
  const { options, tally, audit, trail } = run;
  const outcomes = (outcome: EditRecord['outcome']) =>
    tally.edits.filter((edit) => edit.outcome === outcome);
  return {
    date: new Date().toISOString(),
    node: process.version,
    contacts: options.contacts,
    workers: options.workers,
    clients: options.connections,
    contested_contacts: run.contested,
    duration_s: options.durationSeconds,
    rss_from_s: run.rssFrom,
    requests: {
      reads: tally.reads,
      writes: tally.writes,
      per_second: Math.round((tally.reads + tally.writes) / run.elapsedSeconds),
    },
    edits: {
      acknowledged: audit.acknowledged,
      merged: tally.edits.filter((edit) => edit.merged).length,
      conflicts: outcomes('refused').length,
      forbidden: outcomes('forbidden').length,
      unanswered: outcomes('unknown').length,
    },
    errors: {
      no_answer: tally.noAnswer,
      unexpected_status: tally.unexpected,
      status_5xx: tally.serverErrors,
    },
    lost_updates: audit.lost.length,
    broken_histories: audit.broken.length,
    audit_trail: {
      saved_without_their_entry: trail.unmatched.length,
      entries_of_no_save: trail.unexplained.length,
      refusals_without_their_entry: trail.unrecorded.length,
    },
    users: trail.users,
    rss_mb: run.rss,
    examples: [
      ...tally.examples,
      ...audit.lost.slice(0, EXAMPLES_OF_EACH).map((edit) => `lost: ${JSON.stringify(edit)}`),
      ...audit.broken.slice(0, EXAMPLES_OF_EACH),
      ...[trail.unmatched, trail.unexplained, trail.unrecorded].flatMap((found) =>
        found.slice(0, EXAMPLES_OF_EACH).map((example) => `audit: ${example}`),
      ),
    ],
  };
}
