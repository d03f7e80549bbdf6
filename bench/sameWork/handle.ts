import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isUsable } from '../../src/connect/mapping';
import { saveCard } from './editPost';
import { cardPage, listPage, type PageOutcome } from './pages';
import { readForm, redirect, sendHtml, sendText } from './respond';
import type { Services } from './services';
import { visitorOf } from './visitor';

const CONTACT_PATHS = /^\/contacts(?:\/([^/]+))?$/;
const FLASH_MAX_AGE_S = 60;

/**
 * Routes a request the way the app's stack does for these pages (session, revocation check,
 * sign-in, mapping, then the page), without Express: only the pages the bench's scenarios
 * drive are here.
 */
export async function handle(req: IncomingMessage, res: ServerResponse, services: Services) {
  // Its own id for every request, as the app's request log makes (src/web/requestLogging.ts).
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = CONTACT_PATHS.exec(url.pathname);
  if (!match) return sendText(res, 404, requestId, 'Not found');
  const visitor = await visitorOf(req, services);
  if (!visitor) {
    return redirect(res, 303, requestId, `/signin?next=${encodeURIComponent(req.url ?? '/')}`);
  }
  const mapping = await services.mappings.current();
  if (!isUsable(mapping)) return sendText(res, 503, requestId, 'Contact is not mapped yet.');
  const key = match[1] === undefined ? null : decodeURIComponent(match[1]);

  if (req.method === 'POST' && key !== null) {
    const body = await readForm(req);
    if (!body) return sendText(res, 413, requestId, 'Form too large');
    const answer = await saveCard(services, mapping, visitor, key, body, requestId);
    if (answer.status === 303) {
      return redirect(res, 303, requestId, answer.location, flashCookie(answer.flash));
    }
    if (answer.status === 422) return sendHtml(res, 422, requestId, answer.html);
    return sendText(res, answer.status, requestId, answer.text);
  }
  if (req.method !== 'GET') return sendText(res, 405, requestId, 'Method not allowed');
  const page: PageOutcome =
    key === null
      ? await listPage(services, mapping, visitor, url.searchParams)
      : await cardPage(services, mapping, visitor, key);
  if (!page) return sendText(res, 404, requestId, 'No contact or account has this key.');
  if ('redirect' in page) return redirect(res, 302, requestId, page.redirect);
  return sendHtml(res, 200, requestId, page.html);
}

/** The cookie setFlash writes through Express's res.cookie, spelled as Express spells it. */
function flashCookie(value: string): string {
  const expires = new Date(Date.now() + FLASH_MAX_AGE_S * 1000).toUTCString();
  return `__Host-cc_flash=${value}; Max-Age=${FLASH_MAX_AGE_S}; Path=/; Expires=${expires}; HttpOnly; Secure; SameSite=Lax`;
}
