import type { SampleSalesforceUser } from './sampleUsers';

export const PAGE_TITLE = 'Salesforce login emulator';

/** Nothing loads from anywhere and nothing runs: the pages are plain HTML forms. */
export const PAGE_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

function page(heading: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
${body}
</main>
</body>
</html>
`;
}

/**
 * One submit button per sample user, in a form that posts back to the interaction. The
 * button's accessible name is "<name> — <key>", so a browser test can click "Eddie Editor".
 */
export function loginPage(formAction: string, users: readonly SampleSalesforceUser[]): string {
  const items = users
    .map(
      (user) =>
        `<li><button type="submit" name="user" value="${escapeHtml(user.key)}">${escapeHtml(
          `${user.name} — ${user.key}`,
        )}</button> ${escapeHtml(`${user.purpose}; times in ${user.zoneinfo}`)}</li>`,
    )
    .join('\n');
  return page(
    PAGE_TITLE,
    `<p>This stands in for Salesforce's login page on a developer's machine and in tests. Choose a sample user to sign in as; there is no password.</p>
<form method="post" action="${escapeHtml(formAction)}">
<ul>
${items}
</ul>
</form>`,
  );
}

export function errorPage(message: string): string {
  return page(`${PAGE_TITLE}: sign-in failed`, `<p>${escapeHtml(message)}</p>`);
}
