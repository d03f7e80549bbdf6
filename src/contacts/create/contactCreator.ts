import { randomUUID } from 'node:crypto';
import { recordAudit, type AuditActor } from '../../audit/auditEntry';
import { OWNER_ID_COLUMN } from '../../connect/mappedObject';
import { salesforceUserId } from '../../web/signedInUser';
import { accountLinkColumns } from '../accountField';
import { accountChange, accountLink, type ChosenAccount } from '../accountLinking';
import type { AuditLog } from '../../audit/auditLog';
import type { Queryable } from '../../db/database';
import type { Mapping } from '../../connect/mapping';
import { fieldChanges } from '../fieldChanges';
import type { ContactValues } from '../contact';
import { insertContact } from '../contactRepository';

/** One New contact form as posted: its token, the session it came from and when that ends. */
export interface Submission {
  sid: string;
  token: string;
  /** Milliseconds since the epoch; the form cannot be posted again after this. */
  expiresAt: number;
}

export interface CreateOutcome {
  /** False when an earlier post of the same form created the contact. */
  created: boolean;
  externalId: string;
}

export type CreateContact = (
  mapping: Mapping,
  submission: Submission,
  values: ContactValues,
  actor: AuditActor,
  /** Columns outside the form that the insert sets too (see editedBy.ts). */
  alsoWrite: ContactValues,
  /** The Account field, resolved; a new account is inserted in the same transaction. */
  account: ChosenAccount,
) => Promise<CreateOutcome>;

// Expired rows are cleared a batch at a time by the creates that find them.
const PURGE_BATCH = 100;

/**
 * Creates at most one contact per form, however often it is posted: a double click, a resent
 * form or a browser's retry. The form's token is claimed and the contact inserted in one
 * transaction, so a post of the same form that arrives meanwhile waits on the token's key until
 * the first commits and then finds its contact, or, if the first rolled back, creates it.
 * Only the post that creates the contact records it in the audit trail, in that transaction.
 */
export function contactCreator(audit: AuditLog): CreateContact {
  return (mapping, submission, values, actor, alsoWrite, account) =>
    audit.inTransaction(async (client) => {
      const externalId = randomUUID().replaceAll('-', '');
      const claimed = await client.query(
        `INSERT INTO contact_card.contact_submissions (sid, token, expires_at, external_id)
           VALUES ($1, $2, to_timestamp($3::double precision / 1000), $4)
           ON CONFLICT (sid, token) DO NOTHING RETURNING 1`,
        [submission.sid, submission.token, submission.expiresAt, externalId],
      );
      if (claimed.rowCount === 0) {
        return { created: false, externalId: await createdBefore(client, submission) };
      }
      const ownerId = mapping.owners ? salesforceUserId(actor.user) : null;
      const link = await accountLink(client, mapping, account, ownerId);
      const related = nonEmpty({
        ...accountLinkColumns(mapping, link),
        ...(ownerId === null ? {} : { [OWNER_ID_COLUMN]: ownerId }),
      });
      const rowId = await insertContact(client, mapping, externalId, values, {
        ...alsoWrite,
        ...related,
      });
      await recordAudit(client, {
        action: 'create',
        actor,
        contact: { key: externalId, rowId, sfid: null, externalId },
        changes: [...fieldChanges(mapping.fields, {}, values), ...accountChange(account)],
      });
      await purgeExpired(client);
      return { created: true, externalId };
    });
}

/** An insert leaves an empty lookup NULL rather than writing an empty string. */
function nonEmpty(values: ContactValues): ContactValues {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== ''));
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
