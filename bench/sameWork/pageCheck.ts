import type { Scenario } from '../scenarios';

/** One scenario's page from the app and from the same-work server, side by side. */
export interface PageComparison {
  /** Body sizes, headers left out. */
  app_bytes: number;
  same_work_bytes: number;
  /** Whether the two pages are the same markup, whitespace between and within tags aside. */
  same_html: boolean;
  /** Where they first part, when they do. */
  difference: string | null;
}

const CONTEXT_CHARS = 40;

/**
 * Fetches a GET scenario's first page from both servers and compares them: a same-work page
 * with other rows, counts or links would make its rate meaningless. The whole markup is compared
 * but the CSRF token, which both mask afresh in every response. Null for a scenario that does
 * not GET a page.
 */
export async function comparePage(
  scenario: Scenario,
  urls: { app: string; sameWork: string },
  headers: Record<string, string>,
): Promise<PageComparison | null> {
  const [request] = scenario.requests;
  if (!request || (request.method ?? 'GET') !== 'GET') return null;
  const path = request.setupRequest?.({ ...request }, {})?.path ?? request.path ?? '/';
  const page = async (base: string) => {
    const response = await fetch(new URL(path, base), { headers, redirect: 'manual' });
    return { status: response.status, html: await response.text() };
  };
  const [app, sameWork] = await Promise.all([page(urls.app), page(urls.sameWork)]);
  const sizes = {
    app_bytes: Buffer.byteLength(app.html),
    same_work_bytes: Buffer.byteLength(sameWork.html),
  };
  if (app.status !== 200 || sameWork.status !== 200) {
    const difference = `${path}: the app answered ${app.status}, same-work ${sameWork.status}`;
    return { ...sizes, same_html: false, difference };
  }
  const [appMarkup, sameWorkMarkup] = [markup(app.html), markup(sameWork.html)];
  const same = appMarkup === sameWorkMarkup;
  return {
    ...sizes,
    same_html: same,
    difference: same ? null : whereTheyPart(appMarkup, sameWorkMarkup),
  };
}

/** EJS leaves blank lines and indentation wherever a tag was; only the rest is compared. */
function markup(html: string): string {
  return html
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""')
    .replace(/>\s+/g, '>')
    .replace(/\s+</g, '<')
    .replace(/\s+/g, ' ')
    .trim();
}

function whereTheyPart(app: string, sameWork: string): string {
  let at = 0;
  while (at < app.length && app[at] === sameWork[at]) at += 1;
  const around = (text: string) => text.slice(Math.max(0, at - CONTEXT_CHARS), at + CONTEXT_CHARS);
  return `app "…${around(app)}…", same-work "…${around(sameWork)}…"`;
}
