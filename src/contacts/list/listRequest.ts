import type { Request, Response } from 'express';
import { accountByKey, type AccountChoice } from '../../connect/accountLookup';
import type { Mapping } from '../../connect/mapping';
import type { Database } from '../../db/database';
import { NotFoundError } from '../../web/httpErrors';
import { salesforceUserId } from '../../web/signedInUser';
import { servableQuery } from './accountOrder';
import { parseListQuery, type ListQuery } from './params';
import type { Narrowing } from './sql';

export interface ListRequest {
  query: ListQuery;
  account: AccountChoice | null;
  /** "My contacts": the reader's own Salesforce user id, when asked for. */
  ownerId: string | null;
  narrowing: Narrowing;
}

/**
 * The list a request asks for, as the page and its CSV both read it: the query string parsed
 * leniently, the account it names looked up within the reader's scope, and the owner scope. A
 * form that carries the list's query in its fields (choosing contacts for a bulk action) passes
 * its body as `fields`.
 */
export async function listRequest(
  req: Request,
  res: Response,
  db: Database,
  mapping: Mapping,
  fields: Record<string, unknown> = req.query,
): Promise<ListRequest> {
  const { user, ownerScope } = res.locals;
  const query = servableQuery(mapping, parseListQuery(fields));
  const account =
    query.account === null ? null : await accountByKey(db, mapping, query.account, ownerScope);
  if (query.account !== null && !account) {
    throw new NotFoundError('No account has this key, so its contacts cannot be listed.');
  }
  const ownerId = query.owner === 'me' ? salesforceUserId(user) : null;
  // The owner scope narrows the list as "My contacts" does; both name the same user.
  return { query, account, ownerId, narrowing: { account, ownerId: ownerScope ?? ownerId } };
}
