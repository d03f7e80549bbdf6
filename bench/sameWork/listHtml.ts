import type { ContactRow, ListView } from '../../src/contacts/list/listView';
import { badge, escapeHtml as e, layout, name, type Chrome, type RelatedColumns } from './html';

/** views/contacts/list.ejs, from the same view model the app renders it with. */
export function listHtml(
  view: ListView,
  columns: RelatedColumns,
  chrome: Omit<Chrome, 'title'>,
): string {
  const { query, ownerLinks } = view;
  const newContact = chrome.visitor.can.edit
    ? '<a class="button" href="/contacts/new">New contact</a>'
    : '';
  const summary =
    view.summaryLinks.length > 0
      ? `<p class="sync-summary">${view.summaryLinks
          .map(
            (link) => `
      <a href="${e(link.href)}" class="badge badge-${e(link.badge.tone)}">${e(link.badge.text)}</a>`,
          )
          .join('')}
  </p>`
      : '';
  const sizes = view.pageSizes
    .map(
      (size) => `
        <option value="${e(size)}"${size === query.perPage ? ' selected' : ''}>${e(size)}</option>`,
    )
    .join('');
  const { matches } = view;
  const status =
    e(matches.count) +
    (view.account
      ? ` at <a href="${e(view.account.href)}"><bdi>${e(view.account.name)}</bdi></a>`
      : '') +
    (ownerLinks?.active === 'mine' ? ' owned by you' : '') +
    (matches.search ? ` matching “<bdi>${e(matches.search)}</bdi>”` : '') +
    (matches.sync ? ` with sync state ${e(matches.sync)}` : '') +
    (view.filtered ? ' · <a href="/contacts">Show all</a>' : '');
  const main = `<div class="page-title">
  <h1>Contacts</h1>
  ${newContact}
</div>
${summary}
<form method="get" action="/contacts" class="search" role="search">
  <label for="q">Search name, email, phone or title</label>
  <div class="search-row">
    <input id="q" name="q" type="search" value="${e(query.q)}" maxlength="100" dir="auto">
    <input type="hidden" name="sort" value="${e(query.sort)}">
    <input type="hidden" name="dir" value="${e(query.dir)}">
    ${query.sync ? `<input type="hidden" name="sync" value="${e(query.sync)}">` : ''}
    ${query.account ? `<input type="hidden" name="account" value="${e(query.account)}">` : ''}
    ${query.owner ? `<input type="hidden" name="owner" value="${e(query.owner)}">` : ''}
    <label for="perPage" class="inline-label">Per page</label>
    <select id="perPage" name="perPage">${sizes}
    </select>
    <button type="submit">Search</button>
  </div>
</form>
${ownerNav(view)}
<p class="summary" role="status" id="match-count">${status}</p>
${view.rows.length > 0 ? `<p class="export"><a href="${e(view.csvHref)}" download>Download CSV</a></p>` : ''}

${view.rows.length === 0 ? empty(view) : chosenTable(view, columns, chrome.visitor)}

<nav class="pager" aria-label="Pages">
  ${view.previousHref ? `<a href="${e(view.previousHref)}" rel="prev">← Previous</a>` : ''}
  <span>${e(view.pageText)}</span>
  ${view.nextHref ? `<a href="${e(view.nextHref)}" rel="next">Next →</a>` : ''}
</nav>`;
  return layout({ ...chrome, title: view.title }, main);
}

/** The "All contacts / My contacts" links, for a Salesforce user when OwnerId is mapped. */
function ownerNav({ ownerLinks }: ListView): string {
  if (!ownerLinks) return '';
  const current = (active: 'all' | 'mine') =>
    ownerLinks.active === active ? ' aria-current="page"' : '';
  return `<nav class="owner-filter" aria-label="Owner">
    <a href="${e(ownerLinks.all)}"${current('all')}>All contacts</a>
    <a href="${e(ownerLinks.mine)}"${current('mine')}>My contacts</a>
  </nav>`;
}

function empty(view: ListView): string {
  const first = view.firstHref ? ` <a href="${e(view.firstHref)}">Go to the first page</a>.` : '';
  return `<p class="empty">${e(view.emptyMessage)}${first}</p>`;
}

/** The table, inside the bulk actions' form for an editor, as the template wraps it. */
function chosenTable(view: ListView, columns: RelatedColumns, visitor: Chrome['visitor']): string {
  if (!visitor.can.edit) return table(view, columns, false);
  const { bulk } = view;
  const fields = bulk.fields
    .map((field) => `<input type="hidden" name="${e(field.name)}" value="${e(field.value)}">`)
    .join('');
  const all = bulk.allCount
    ? `<fieldset class="bulk-all">
        <legend>Select all ${e(bulk.allCount)} that match</legend>
        <button type="submit" name="all" value="edit">Edit all ${e(bulk.allCount)}</button>
        <button type="submit" name="all" value="delete" class="danger">Delete all ${e(bulk.allCount)}</button>
      </fieldset>`
    : `<p class="bulk-all">More than ${e(bulk.limit)} contacts match. To edit or delete all that match at once, narrow the list to at most ${e(bulk.limit)} with a search or a filter.</p>`;
  return `<form method="post" action="/contacts/bulk" class="bulk-form">
    <input type="hidden" name="_csrf" value="${e(visitor.csrfToken)}">
    ${fields}
  ${table(view, columns, true)}
    <div class="bulk-actions">
      <button type="submit" name="action" value="edit">Edit selected</button>
      <button type="submit" name="action" value="delete" class="danger">Delete selected</button>
    </div>
    ${all}
  </form>`;
}

function table(view: ListView, columns: RelatedColumns, choosing: boolean): string {
  const headers = view.headers
    .map((h) => {
      const arrow = h.arrow ? ` <span aria-hidden="true">${e(h.arrow)}</span>` : '';
      return h.href
        ? `
              <th scope="col" aria-sort="${e(h.ariaSort)}"><a href="${e(h.href)}">${e(h.label)}${arrow}</a></th>`
        : `
              <th scope="col">${e(h.label)}</th>`;
    })
    .join('');
  // <bdi>, not dir="auto" on the cell, as in the app's template: on a phone each cell starts
  // with its label (data-label), which must stay first.
  const choose = (contact: ContactRow) =>
    choosing
      ? `<td data-label="Choose"><input type="checkbox" name="keys" value="${e(contact.key)}" aria-label="${e(contact.chooseLabel)}"></td>`
      : '';
  const rows = view.rows
    .map(
      (contact) => `
          <tr>${choose(contact)}
            <th scope="row" data-label="Name"><a href="${e(contact.href)}">${name(contact.nameParts)}</a></th>
            <td data-label="Title"><bdi>${e(contact.title)}</bdi></td>
            <td data-label="Email" class="long-value"><bdi>${e(contact.email)}</bdi></td>
            <td data-label="Phone"><bdi>${e(contact.phone)}</bdi></td>${relatedCells(contact, columns)}
            <td data-label="Sync">${badge(contact.badge)}</td>
          </tr>`,
    )
    .join('');
  const chooseHeader = choosing
    ? '<th scope="col"><span class="visually-hidden">Choose</span></th>'
    : '';
  return `<div class="table-wrap">
    <table class="contacts stacked">
      <caption class="visually-hidden">${e(view.caption)}</caption>
      <thead>
        <tr>${chooseHeader}${headers}
        </tr>
      </thead>
      <tbody>${rows}
      </tbody>
    </table>
  </div>`;
}

/** The row's Account and Owner cells, when the mapping has those columns. */
function relatedCells({ account, owner }: ContactRow, columns: RelatedColumns): string {
  const accountCell = columns.accountLinks
    ? `
            <td data-label="Account" class="long-value">${account ? `<a href="${e(account.href)}"><bdi>${e(account.name)}</bdi></a>` : ''}</td>`
    : '';
  const ownerCell = columns.owners
    ? `
            <td data-label="Owner">${owner ? `<bdi>${e(owner.name || owner.id)}</bdi>` : ''}</td>`
    : '';
  return accountCell + ownerCell;
}
