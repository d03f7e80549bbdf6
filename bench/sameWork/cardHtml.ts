import type { CardView } from '../../src/contacts/card/cardView';
import type { FormField } from '../../src/records/formFields';
import type { ChangedHereEntry } from '../../src/records/changedHere';
import type { HistoryView } from '../../src/sync/history';
import { accountFieldHtml, ownerFieldHtml, relationRows } from './cardRelationsHtml';
import { historyHtml, changedHereHtml } from './cardSectionsHtml';
import { badge, escapeHtml as e, layout, name, type Chrome, type RelatedColumns } from './html';

/** What the card shows below the form; absent after a refused save, as in the app. */
export interface CardExtras {
  history: HistoryView | null;
  changedHere: ChangedHereEntry[];
}

/** views/contacts/card.ejs with its partials, from the view model the app renders it with. */
export function cardHtml(
  view: CardView,
  extras: CardExtras | null,
  columns: RelatedColumns,
  chrome: Omit<Chrome, 'title'>,
): string {
  const { contact, links } = view;
  const { can, csrfToken } = chrome.visitor;
  const syncError = contact.syncError
    ? `
    <div class="sync-error" role="alert">
      <h2>Salesforce rejected the last change</h2>
      <p dir="auto">${e(contact.syncError)}</p>
    </div>`
    : '';
  const modified = view.modifiedAt
    ? `
      <dt>Last changed in Salesforce</dt><dd><time datetime="${e(view.modifiedAt.iso)}">${e(view.modifiedAt.text)}</time></dd>`
    : '';
  const details = can.edit
    ? `<section aria-labelledby="edit-heading">
    <h2 id="edit-heading">Edit</h2>
    ${errorSummary(view)}
    <form method="post" action="${e(links.href)}" class="contact-form" novalidate>
      <input type="hidden" name="_csrf" value="${e(csrfToken)}">
      <input type="hidden" name="shown" value="${e(view.shown)}">${view.formFields.map(field).join('')}${view.accountField ? accountFieldHtml(view.accountField, view.accountCreatable) : ''}${view.ownerField ? ownerFieldHtml(view.ownerField) : ''}
      <div class="actions">
        <button type="submit">Save changes</button>
        <a class="button secondary" href="${e(links.deleteHref)}">Delete…</a>
        <a class="button secondary" href="${e(links.vcardHref)}" download>Download vCard</a>
      </div>
    </form>
  </section>`
    : readOnly(view);
  const main = `<p class="breadcrumb"><a href="/contacts">← All contacts</a></p>
<article class="card">
  <header class="card-header">
    <h1>${name(contact.nameParts)}</h1>
    <p class="sync-line">
      ${badge(view.badge)}
      ${view.awaitingSync ? '<span>Pending sync: Heroku Connect will send this to Salesforce shortly.</span>' : ''}
    </p>${syncError}
    <dl class="identifiers">
      <dt>Salesforce ID</dt><dd>${e(contact.sfid || 'Not yet assigned')}</dd>
      ${contact.externalId ? `<dt>External ID</dt><dd>${e(contact.externalId)}</dd>` : ''}${relationRows(view, columns)}${modified}
    </dl>
  </header>
  ${details}
  ${extras ? changedHereHtml(extras.changedHere) : ''}
  ${extras?.history ? historyHtml(extras.history, chrome.visitor) : ''}
</article>`;
  return layout({ ...chrome, title: view.title }, main);
}

/** views/partials/errorSummary.ejs */
function errorSummary(view: CardView): string {
  if (view.errorCount === 0) return '';
  const items = view.formFields
    .filter((f) => f.error)
    .map((f) => `<li><a href="#field-${e(f.column)}">${e(f.error ?? '')}</a></li>`)
    .join('');
  const relations =
    (view.accountField?.error
      ? `<li><a href="#field-account">${e(view.accountField.error)}</a></li>`
      : '') +
    (view.ownerField?.error
      ? `<li><a href="#field-owner">${e(view.ownerField.error)}</a></li>`
      : '');
  const count =
    view.errorCount === 1 ? 'One field needs' : `${String(view.errorCount)} fields need`;
  return `<div class="form-error" role="alert" id="error-summary">
      <p>${e(count)} attention. Nothing was saved.</p>
      <ul>${items}${relations}</ul>
    </div>`;
}

/** views/partials/field.ejs */
function field(f: FormField): string {
  const id = `field-${f.column}`;
  const errorId = `${id}-error`;
  const noteId = `${id}-note`;
  const describedBy = [f.keepsAsIs ? noteId : '', f.error ? errorId : ''].filter(Boolean).join(' ');
  const required = f.required ? ' required' : '';
  const note = f.keepsAsIs
    ? `
  <p class="field-note" id="${e(noteId)}">Shown in full, with its line breaks or spaces, which a one-line box would drop. It is saved only if you change it.</p>`
    : '';
  // The newline after <textarea> is the one the HTML parser drops, so a value that starts
  // with a line break keeps it.
  const control = f.textarea
    ? `<textarea id="${e(id)}" name="${e(f.column)}" rows="3" dir="auto" maxlength="${e(f.maxLength)}"${required}${f.error ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${e(describedBy)}"` : ''}>
${e(f.value)}</textarea>`
    : `<input id="${e(id)}" name="${e(f.column)}" value="${e(f.value)}" dir="auto"
      type="${f.kind === 'email' ? 'email' : f.kind === 'phone' ? 'tel' : 'text'}"
      maxlength="${e(f.maxLength)}" autocomplete="${e(f.autocomplete)}"${required}${f.error ? ` aria-invalid="true" aria-describedby="${e(errorId)}"` : ''}>`;
  const error = f.error ? `<p class="field-error" id="${e(errorId)}">${e(f.error)}</p>` : '';
  return `
<div class="field${f.error ? ' field-invalid' : ''}">
  <label for="${e(id)}">${e(f.label)}${f.required ? ' <span class="required">(required)</span>' : ''}</label>${note}
    ${control}
  ${error}
</div>`;
}

/** The card of a user who may only read: the values, no form. */
function readOnly(view: CardView): string {
  const rows = view.formFields
    .map(
      (f) => `
      <dt>${e(f.label)}</dt><dd dir="auto">${f.value ? e(f.value) : '<span class="empty">(empty)</span>'}</dd>`,
    )
    .join('');
  return `<section aria-labelledby="details-heading">
    <h2 id="details-heading">Details</h2>
    <dl class="details">${rows}
    </dl>
    <div class="actions">
      <a class="button secondary" href="${e(view.links.vcardHref)}" download>Download vCard</a>
    </div>
  </section>`;
}
