import type { Mapping } from '../../src/connect/mapping';
import type { Badge } from '../../src/web/badge';
import type { Visitor } from './visitor';

const NEEDS_ESCAPING = /[&<>"']/;
const ESCAPED = /[&<>"']/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

/** Text or an attribute value as EJS's `<%= %>` escapes it: the same five characters. */
export function escapeHtml(value: string | number): string {
  const text = String(value);
  return NEEDS_ESCAPING.test(text) ? text.replace(ESCAPED, (c) => ENTITIES[c] ?? c) : text;
}

/** views/partials/name.ejs */
export function name(parts: readonly string[]): string {
  return parts.map((part) => `<bdi>${escapeHtml(part)}</bdi>`).join(' ');
}

/** views/partials/badge.ejs */
export function badge({ tone, text }: Badge): string {
  return `<span class="badge badge-${escapeHtml(tone)}">${escapeHtml(text)}</span>`;
}

/** What of the mapping the contact pages' templates read: whether Account and Owner show. */
export type RelatedColumns = Pick<Mapping, 'accountLinks' | 'owners'>;

export interface Chrome {
  /** The page's own title, or null for the app's name alone. */
  title: string | null;
  visitor: Visitor;
  assets: { css: string; icon: string };
}

/**
 * views/partials/head.ejs and foot.ejs around a page's main content. The demo banner and the
 * flash message are left out: the bench runs no demo and sends no flash cookie.
 */
export function layout({ title, visitor, assets }: Chrome, main: string): string {
  const { user, can, csrfToken } = visitor;
  const admin = can.administer
    ? `
        <a href="/audit">Audit</a>
        <a href="/users">Users</a>`
    : '';
  const role = user.id !== 'shared' ? ` (${escapeHtml(user.role)})` : '';
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title ? `${escapeHtml(title)} · Contact Card` : 'Contact Card'}</title>
  <link rel="stylesheet" href="${escapeHtml(assets.css)}">
  <link rel="icon" href="${escapeHtml(assets.icon)}" type="image/svg+xml">
</head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <a class="brand" href="/contacts">Contact Card</a>
      <nav aria-label="Main">
        <a href="/contacts">Contacts</a>${visitor.accountsLink ? '<a href="/accounts">Accounts</a>' : ''}${can.edit ? '<a href="/contacts/import">Import</a>' : ''}
        <a href="/sync/failed">Failed writes</a>${admin}
        <a class="signed-in-as" href="/session">Signed in as <bdi>${escapeHtml(user.name)}</bdi>${role}</a>
        <form method="post" action="/signout" class="inline-form">
          <input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">
          <button type="submit" class="link-button">Sign out</button>
        </form>
      </nav>
  </header>
  <main id="main" tabindex="-1">
${main}
  </main>
  <footer class="site-footer">
    <p>Changes are written to Postgres and sent to Salesforce by Heroku Connect.</p>
  </footer>
</body>
</html>
`;
}
