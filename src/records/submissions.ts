import type { Database, Queryable } from '../db/database';

/** One New form as posted: its token, the session it came from and when that ends. */
export interface Submission {
  sid: string;
  token: string;
  /** Milliseconds since the epoch; the form cannot be posted again after this. */
  expiresAt: number;
}

// Expired rows are cleared a batch at a time by the creates that find them.
const PURGE_BATCH = 100;

/**
 * Claims the form's token for the record about to be inserted under `externalId`, inside the
 * create's transaction: a post of the same form that arrives meanwhile waits on the token's key
 * until the first commits and then finds its record, or, if the first rolled back, creates it.
 * Returns null when this post claimed it, else the External ID an earlier post created. One
 * table serves contacts and accounts: a token is random, so the two never share one.
 */
export async function claimSubmission(
  client: Queryable,
  submission: Submission,
  externalId: string,
): Promise<string | null> {
  const claimed = await client.query(
    `INSERT INTO contact_card.contact_submissions (sid, token, expires_at, external_id)
       VALUES ($1, $2, to_timestamp($3::double precision / 1000), $4)
       ON CONFLICT (sid, token) DO NOTHING RETURNING 1`,
    [submission.sid, submission.token, submission.expiresAt, externalId],
  );
  if (claimed.rowCount !== 0) {
    await purgeExpired(client);
    return null;
  }
  return createdBefore(client, submission);
}

/**
 * Whether an earlier post of this form already created its record: its resubmission (a double
 * click on Save anyway) then leads to that record rather than warning that it is a duplicate.
 */
export async function submissionClaimed(db: Database, submission: Submission): Promise<boolean> {
  const result = await db.query(
    'SELECT 1 FROM contact_card.contact_submissions WHERE sid = $1 AND token = $2',
    [submission.sid, submission.token],
  );
  return result.rowCount !== 0;
}

async function createdBefore(client: Queryable, submission: Submission): Promise<string> {
  const result = await client.query<{ external_id: string }>(
    'SELECT external_id FROM contact_card.contact_submissions WHERE sid = $1 AND token = $2',
    [submission.sid, submission.token],
  );
  const row = result.rows[0];
  if (!row) throw new Error('a submission conflicted but is not stored');
  return row.external_id;
}

/**
 * A session's forms cannot be posted after it ends, so their rows can go. SKIP LOCKED: two
 * creates never wait on, or deadlock over, the same expired rows.
 */
async function purgeExpired(client: Queryable): Promise<void> {
  await client.query(
    `DELETE FROM contact_card.contact_submissions WHERE (sid, token) IN (
       SELECT sid, token FROM contact_card.contact_submissions
        WHERE expires_at < now() LIMIT $1 FOR UPDATE SKIP LOCKED)`,
    [PURGE_BATCH],
  );
}
