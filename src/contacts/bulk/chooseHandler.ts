import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { parseKey, type KeyLookup } from '../../connect/contactKey';
import type { Database } from '../../db/database';
import { BATCH_LIMIT, BATCHES_TABLE, type BatchKind } from '../../records/batches';
import { setFlash } from '../../web/flash';
import { HttpError } from '../../web/httpErrors';
import { firstString, oneOf } from '../../web/queryString';
import { requestActor } from '../../web/signedInUser';
import { listQueryString, PAGE_SIZES } from '../list/params';
import { listRequest } from '../list/listRequest';
import { insertChosenRows, type Choice } from './chosenRows';
import { batchPath } from './batchPaths';

const KINDS: readonly BatchKind[] = ['edit', 'delete'];
/** Checked rows come from one page of the list, so never more than its largest page. */
const MAX_CHECKED = Math.max(...PAGE_SIZES);

/**
 * `POST /contacts/bulk`: puts the checked contacts, or every contact the list's query matches
 * (`all`), into a new batch, in the list's order, and goes on to the mass-edit form or the
 * delete confirmation. `limit` is BATCH_LIMIT; more matches than that choose nothing.
 */
export function chooseContacts(db: Database, limit = BATCH_LIMIT): RequestHandler {
  return async (req, res) => {
    const { mapping, ownerScope } = res.locals;
    const body = req.body as Record<string, unknown>;
    const all = firstString(body.all);
    // "Edit all that match" and "Delete all that match" say their action as `all`'s value.
    const kind = oneOf(KINDS, firstString(body.action)) ?? oneOf(KINDS, all);
    if (!kind) throw new HttpError(400, 'Bad request', 'Choose Edit or Delete for the contacts.');
    const list = await listRequest(req, res, db, mapping, body);
    const listQuery = listQueryString(list.query, { page: 1 });
    const choice: Choice =
      all === '' ? { kind: 'keys', keys: checkedKeys(body.keys) } : { kind: 'all' };
    if (choice.kind === 'keys' && choice.keys.length === 0) return nothingChosen();
    const { user, requestId } = requestActor(req, res);
    const id = randomUUID();
    const chosen = await db.withTransaction(async (client) => {
      await client.query(
        `INSERT INTO ${BATCHES_TABLE} (id, kind, user_id, username, user_name, list_query)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, kind, user.id, user.username, user.name, listQuery],
      );
      const items = insertChosenRows(mapping, list, ownerScope, choice, { id, limit });
      const inserted = (await client.query(items.text, items.params)).rowCount ?? 0;
      // Thrown, so the batch and its rows roll back: nothing half-chosen is kept.
      if (inserted > limit) throw tooMany(limit);
      // No row matched after all: the batch would be empty, so it is not kept either.
      if (inserted === 0) await client.query(`DELETE FROM ${BATCHES_TABLE} WHERE id = $1`, [id]);
      return inserted;
    });
    req.log.info({ batchId: id, kind, chosen, requestId }, 'contacts chosen for a bulk action');
    if (chosen === 0) return nothingChosen();
    return res.redirect(303, batchPath(id, kind));

    function nothingChosen() {
      setFlash(res, 'nothingChosen');
      res.redirect(303, `/contacts${listQuery}`);
    }
  };
}

/** The checked rows' keys; a key that cannot name a contact is left out, as an unknown one is. */
function checkedKeys(value: unknown): KeyLookup[] {
  const keys = (Array.isArray(value) ? value : [value]).filter(
    (key): key is string => typeof key === 'string',
  );
  if (keys.length > MAX_CHECKED) {
    throw new HttpError(
      400,
      'Too many contacts checked',
      `At most ${MAX_CHECKED} contacts can be checked at once, one page of the list. ` +
        'To work on more, choose all that match the list.',
    );
  }
  return keys.map(parseKey).filter((key): key is KeyLookup => key !== null);
}

function tooMany(limit: number): HttpError {
  return new HttpError(
    422,
    'Too many contacts',
    `More than ${limit.toLocaleString('en-US')} contacts match the list, and one bulk action ` +
      `works on at most ${limit.toLocaleString('en-US')}. Narrow the list with a search or a ` +
      'filter, then choose again. Nothing was changed.',
  );
}
