import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { EDITED_FIELDS, type EditRecord } from './editAudit';
import type { SoakUser } from './soakUsers';
import { csrfTokenIn, editFormValues, type HttpUser, type Reply } from '../test/support/httpUser';

// An edit is two requests (the form, then the save), so one edit in four actions makes one
// request in five a write.
const EDIT_SHARE = 0.25;
// A person reads the form before saving; the pause gives other clients time to save first.
const MAX_THINK_MS = 20;
const EXAMPLES_KEPT = 5;
// The flash a save leaves when it kept someone else's change: a merge.
// Over https (as the soak's clients say they come), the app's cookies carry the __Host- prefix.
const MERGED_FLASH = '__Host-cc_flash=merged.';

export interface SoakTargets {
  cardKeys: string[];
  searches: string[];
  deepPage: number;
  /** The few contacts every client edits. */
  contested: string[];
}

export interface Tally {
  reads: number;
  writes: number;
  /** Requests that got no answer: connection errors and timeouts. */
  noAnswer: number;
  /**
   * Answers below 500 other than the page, the save (303 to the card), the conflict (409) or,
   * for a user who may not edit, the refusal (403).
   */
  unexpected: number;
  serverErrors: number;
  /** The first few failures, to say what went wrong. */
  examples: string[];
  edits: EditRecord[];
}

export function emptyTally(): Tally {
  return {
    reads: 0,
    writes: 0,
    noAnswer: 0,
    unexpected: 0,
    serverErrors: 0,
    examples: [],
    edits: [],
  };
}

export interface ClientRun {
  /** Makes every saved value unique: no other client, run or seed can have written it. */
  valuePrefix: string;
  deadline: number;
  maxActions: number;
  signal: AbortSignal;
}

/** A browser signed in as one of the soak's users. */
export interface SoakBrowser {
  http: HttpUser;
  user: SoakUser;
}

/** One signed-in user reading and editing until the deadline, the action cap or the abort. */
export async function runClient(
  browser: SoakBrowser,
  targets: SoakTargets,
  tally: Tally,
  run: ClientRun,
) {
  for (
    let action = 0;
    action < run.maxActions && Date.now() < run.deadline && !run.signal.aborted;
    action += 1
  ) {
    if (Math.random() < EDIT_SHARE) {
      await edit(browser, pick(targets.contested), `${run.valuePrefix} n${action}`, tally);
    } else {
      tally.reads += 1;
      const path = readPath(targets);
      await send(tally, `GET ${path}`, [200], () => browser.http.get(path));
    }
  }
}

/**
 * Loads the edit form, then saves a new value of one field from what the form carried. Clients
 * edit two fields of the same few contacts, so a stale form often merges with another's save.
 * A user who may not edit gets a card without the form, and sends the field anyway.
 */
async function edit({ http, user }: SoakBrowser, sfid: string, saved: string, tally: Tally) {
  const path = `/contacts/${sfid}`;
  tally.reads += 1;
  const card = await send(tally, `GET ${path}`, [200], () => http.get(path));
  if (!card) return;
  let form: Record<string, string>;
  try {
    form = user.canEdit ? editFormValues(card.text) : { _csrf: csrfTokenIn(card.text) };
  } catch {
    tally.unexpected += 1;
    note(tally, `GET ${path} showed no edit form`);
    return;
  }
  await sleep(Math.random() * MAX_THINK_MS);

  const field = EDITED_FIELDS[randomInt(EDITED_FIELDS.length)] ?? 'title';
  const record: EditRecord = {
    user: user.key,
    requestId: null,
    sfid,
    field,
    seen: form[field] ?? '',
    saved,
    outcome: 'unknown',
    merged: false,
  };
  tally.edits.push(record);
  tally.writes += 1;
  const reply = await send(tally, `POST ${path}`, user.canEdit ? [303, 409] : [403], () =>
    http.post(path, { ...form, [field]: saved }),
  );
  const requestId = reply?.headers['x-request-id'];
  record.requestId = typeof requestId === 'string' ? requestId : null;
  if (reply?.status === 403) record.outcome = 'forbidden';
  else if (reply?.status === 409) record.outcome = 'refused';
  else if (reply?.headers.location === path) {
    record.outcome = 'acknowledged';
    record.merged = (reply.headers['set-cookie'] ?? []).some((cookie) =>
      cookie.startsWith(MERGED_FLASH),
    );
  } else if (reply) {
    tally.unexpected += 1;
    note(tally, `POST ${path} redirected to ${reply.headers.location ?? 'nowhere'}`);
  }
}

function readPath(targets: SoakTargets): string {
  switch (randomInt(4)) {
    case 0:
      return '/contacts';
    case 1:
      return `/contacts?page=${1 + randomInt(targets.deepPage)}`;
    case 2:
      return `/contacts?${new URLSearchParams({ q: pick(targets.searches) }).toString()}`;
    default:
      return `/contacts/${pick(targets.cardKeys)}`;
  }
}

/** Sends one request and counts its answer: the reply when its status is expected, else null. */
async function send(
  tally: Tally,
  label: string,
  expected: number[],
  request: () => Promise<Reply>,
): Promise<Reply | null> {
  let reply: Reply;
  try {
    reply = await request();
  } catch (error) {
    tally.noAnswer += 1;
    note(tally, `${label}: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  if (expected.includes(reply.status)) return reply;
  if (reply.status >= 500) tally.serverErrors += 1;
  else tally.unexpected += 1;
  note(tally, `${label} answered ${reply.status}`);
  return null;
}

function note(tally: Tally, example: string) {
  if (tally.examples.length < EXAMPLES_KEPT) tally.examples.push(example);
}

function pick(items: string[]): string {
  return items[randomInt(items.length)] ?? '';
}
