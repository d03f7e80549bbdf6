import type { Request } from 'autocannon';
import { newSubmissionToken } from '../src/records/submissionToken';
import type { Fixtures } from './fixtures';

export interface Scenario {
  name: string;
  requests: Request[];
  /** Another session than the fixtures' editor's, such as an admin's. */
  cookie?: string;
  /** Whether the same-work server (sameWork/server.ts) serves this scenario's pages too. */
  sameWork?: boolean;
}

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/**
 * The requests each scenario repeats; `create` is left out when the app has no such route.
 * `moreReads` run after the card, before the writes add to the tables.
 */
export function scenarios(
  fixtures: Fixtures,
  moreReads: Scenario[] = [],
): { run: Scenario[]; skipped: string[] } {
  const { searches } = fixtures;
  const list = (name: string, query: Record<string, string>): Scenario => ({
    name,
    requests: [{ method: 'GET', path: `/contacts?${new URLSearchParams(query).toString()}` }],
    sameWork: true,
  });
  const run: Scenario[] = [
    { name: 'list_first', requests: [{ method: 'GET', path: '/contacts' }], sameWork: true },
    list('list_deep', { page: String(fixtures.deepPage) }),
    list('search_broad', { q: searches.broad }),
    list('search_rare', { q: searches.rare }),
    list('search_email_prefix', { q: searches.emailPrefix }),
    list('search_phone', { q: searches.phoneFragment }),
    list('sort_email_desc', { sort: 'email', dir: 'desc' }),
    list('sort_account', { sort: 'account' }),
    list('sort_account_deep', { sort: 'account', page: String(fixtures.deepPage) }),
    list('filter_failed', { sync: 'failed' }),
    { name: 'card', requests: [cardRequest(fixtures.cardKeys)], sameWork: true },
    { name: 'accounts_list', requests: [{ method: 'GET', path: '/accounts' }] },
    { name: 'accounts_search', requests: [{ method: 'GET', path: '/accounts?q=traders' }] },
    {
      name: 'account_page',
      requests: [rotating(fixtures.accountKeys, (key) => `/accounts/${key}`)],
    },
    {
      name: 'list_by_account',
      requests: [rotating(fixtures.accountKeys, (key) => `/contacts?account=${key}`)],
    },
    ...moreReads,
    { name: 'edit', requests: [editRequest(fixtures)], sameWork: true },
  ];
  if (fixtures.canCreate) run.push({ name: 'create', requests: [createRequest(fixtures)] });
  return { run, skipped: fixtures.canCreate ? [] : ['create: skipped: route missing'] };
}

/** A different contact's card each time, so the database cannot answer from one hot row. */
function cardRequest(keys: string[]): Request {
  return rotating(keys, (key) => `/contacts/${key}`);
}

/** A GET of a different record's page each time. */
function rotating(keys: string[], path: (key: string) => string): Request {
  let next = 0;
  return {
    method: 'GET',
    setupRequest: (request) => {
      next = (next + 1) % keys.length;
      return { ...request, path: path(keys[next] ?? '') };
    },
  };
}

/**
 * Each request saves a real change: a contact's title flips between two values, from a form
 * that showed the title the row has at that moment. A contact is lent to one connection at a time, so no
 * two requests race for a row; a refused save (409) stays refused and fails the run.
 */
function editRequest(fixtures: Fixtures): Request {
  const free = [...fixtures.editTargets];
  return {
    method: 'POST',
    headers: FORM,
    setupRequest: (request, context) => {
      const target = free.shift() ?? fixtures.editTargets[0];
      if (!target) return undefined;
      context.target = target;
      return { ...request, path: target.path, body: target.bodies[target.next] };
    },
    onResponse: (status, _body, context) => {
      const target = context.target as (typeof fixtures.editTargets)[number];
      if (status === 303) target.next = target.next === 0 ? 1 : 0;
      free.push(target);
    },
  };
}

/**
 * Each request posts a New contact form of its own, so each creates a contact. The app checks
 * only a form token's shape; making one here keeps the measured request the POST alone, where a
 * browser would first GET the form for it.
 */
function createRequest(fixtures: Fixtures): Request {
  let created = 0;
  return {
    method: 'POST',
    path: '/contacts',
    headers: FORM,
    setupRequest: (request) => {
      created += 1;
      const form = {
        _csrf: fixtures.csrfToken,
        _submission: newSubmissionToken(),
        firstname: 'Bench',
        lastname: `Load ${created}`,
      };
      return { ...request, body: new URLSearchParams(form).toString() };
    },
  };
}
