import type { ChangedHereEntry } from '../../src/records/changedHere';
import type { EntryView } from '../../src/sync/entryView';
import type { HistoryView } from '../../src/sync/history';
import { badge, escapeHtml as e } from './html';
import type { Visitor } from './visitor';

/** views/partials/changedHere.ejs: the audit trail's latest entries for the contact. */
export function changedHereHtml(entries: ChangedHereEntry[]): string {
  const body =
    entries.length === 0
      ? '<p>No change to this contact made in this app is on record.</p>'
      : `<div class="table-wrap">
    <table class="stacked">
      <caption>Changes made in Contact Card, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Who</th>
          <th scope="col">Action</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>${entries.map(changedRow).join('')}
      </tbody>
    </table>
  </div>`;
  return `<section aria-labelledby="changed-here-heading" class="changed-here">
  <h2 id="changed-here-heading">Changed in Contact Card</h2>
  ${body}
</section>`;
}

function changedRow(entry: ChangedHereEntry): string {
  return `
        <tr>
          <th scope="row"><time datetime="${e(entry.time.iso)}">${e(entry.time.text)}</time></th>
          <td data-label="Who"><bdi>${e(entry.who)}</bdi></td>
          <td data-label="Action">${e(entry.action)}</td>
          <td data-label="What" class="long-value">${e(entry.what)}</td>
        </tr>`;
}

/** views/sync/history.ejs: Connect's trigger log for the contact, with Retry buttons. */
export function historyHtml(history: HistoryView, visitor: Visitor): string {
  const body =
    history.entries.length === 0
      ? "<p>Heroku Connect's trigger log holds no writes from this app for this contact.</p>"
      : `<div class="table-wrap">
    <table class="stacked">
      <caption>Changes sent to Salesforce through Heroku Connect, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Action</th>
          <th scope="col">State</th>
          <th scope="col">Time</th>
          <th scope="col">Salesforce's message</th>
        </tr>
      </thead>
      <tbody>${history.entries.map((entry) => historyRow(entry, history.back, visitor)).join('')}
      </tbody>
    </table>
  </div>`;
  return `<section aria-labelledby="history-heading" class="sync-history">
  <h2 id="history-heading">Write history</h2>
  ${body}
</section>`;
}

// The message is isolated, so a right-to-left override in a quoted value cannot move Retry.
function historyRow(entry: EntryView, back: string, visitor: Visitor): string {
  const time = entry.time
    ? `<time datetime="${e(entry.time.iso)}">${e(entry.time.text)}</time>`
    : '';
  const retry = entry.retryable && visitor.can.edit ? retryButton(entry, back, visitor) : '';
  return `
        <tr>
          <th scope="row">${e(entry.action)}</th>
          <td data-label="State">${badge(entry.badge)}</td>
          <td data-label="Time">${time}</td>
          <td data-label="Salesforce's message" class="long-value">
            <bdi>${e(entry.message ?? '')}</bdi>
            ${retry}
          </td>
        </tr>`;
}

/** views/sync/retryButton.ejs */
function retryButton(entry: EntryView, back: string, visitor: Visitor): string {
  const of = entry.time ? ` of ${e(entry.time.text)}` : '';
  return `<form method="post" action="/sync/retry" class="inline-form">
  <input type="hidden" name="_csrf" value="${e(visitor.csrfToken)}">
  <input type="hidden" name="source" value="${e(entry.source)}">
  <input type="hidden" name="id" value="${e(entry.id)}">
  <input type="hidden" name="back" value="${e(back)}">
  <button type="submit">Retry<span class="visually-hidden"> the ${e(entry.action)}${of}</span></button>
</form>`;
}
