import type { CardView } from '../../src/contacts/card/cardView';
import type { OwnerField } from '../../src/contacts/card/ownerField';
import type { AccountFormField } from '../../src/contacts/accountFieldView';
import { escapeHtml as e, type RelatedColumns } from './html';

/** views/contacts/card.ejs's Account and Owner rows in the card's identifiers. */
export function relationRows(view: CardView, columns: RelatedColumns): string {
  const { account, owner } = view.contact;
  const none = '<span class="empty">(none)</span>';
  const accountRow = columns.accountLinks
    ? `
      <dt>Account</dt>
      <dd>${
        account
          ? `<a href="${e(account.href)}"><bdi>${e(account.name)}</bdi></a>${account.linkedBySfid ? '' : ' (waiting for Salesforce)'}${view.accountDetails.map((part) => ` · <bdi>${e(part)}</bdi>`).join('')}`
          : none
      }</dd>`
    : '';
  const ownerRow = columns.owners
    ? `
      <dt>Owner</dt>
      <dd>${owner ? `<bdi>${e(owner.name || owner.id)}</bdi>` : none}</dd>`
    : '';
  return accountRow + ownerRow;
}

const ACCOUNT_ERROR_ID = 'field-account-error';
const ACCOUNT_HINT_ID = 'field-account-hint';

/** views/contacts/accountField.ejs: the account typed in, and the accounts to choose from. */
export function accountFieldHtml(field: AccountFormField, creatable: boolean): string {
  const onlySynced = creatable
    ? ''
    : ' Only accounts already in Salesforce can be chosen: the Contact mapping has no relationship External ID field for new ones.';
  const describedBy = `${ACCOUNT_HINT_ID}${field.error ? ` ${ACCOUNT_ERROR_ID}` : ''}`;
  const error = field.error
    ? `<p class="field-error" id="${ACCOUNT_ERROR_ID}">${e(field.error)}</p>`
    : '';
  return `
<div class="field${field.error ? ' field-invalid' : ''}">
  <label for="field-account">Account</label>
  <p class="field-note" id="${ACCOUNT_HINT_ID}">Type the account's name, or paste its Salesforce ID. Leave it empty for no account.${onlySynced}</p>
  <input id="field-account" name="${e(field.name)}" value="${e(field.value)}" dir="auto" type="text" maxlength="255" autocomplete="organization" aria-describedby="${e(describedBy)}"${field.error ? ' aria-invalid="true"' : ''}>
  ${error}
  ${accountChoices(field)}
</div>`;
}

function accountChoices(field: AccountFormField): string {
  if (field.choices.length === 0 && !field.newChoice) return '';
  const choices = field.choices.map((choice, i) => {
    const detail = choice.detail
      ? ` <span class="detail">(<bdi>${e(choice.detail)}</bdi>)</span>`
      : '';
    return `
        <div class="choice">
          <input type="radio" id="account-choice-${e(i)}" name="${e(field.choiceName)}" value="${e(choice.value)}">
          <label for="account-choice-${e(i)}"><bdi>${e(choice.label)}</bdi>${detail}</label>
        </div>`;
  });
  const newChoice = field.newChoice
    ? `
        <div class="choice">
          <input type="radio" id="account-choice-new" name="${e(field.choiceName)}" value="${e(field.newChoice.value)}">
          <label for="account-choice-new">${e(field.newChoice.label)}</label>
        </div>`
    : '';
  return `<fieldset class="account-choices">
      <legend>Which account?</legend>${choices.join('')}${newChoice}
    </fieldset>`;
}

const OWNER_ERROR_ID = 'field-owner-error';

/** views/contacts/ownerField.ejs: the card's Owner menu. */
export function ownerFieldHtml(field: OwnerField): string {
  const options = field.options
    .map(
      (option) => `
      <option value="${e(option.value)}"${option.selected ? ' selected' : ''}>${e(option.label)}</option>`,
    )
    .join('');
  const capped = field.capped
    ? '<p class="field-note">Only the first active users by name are listed.</p>'
    : '';
  const invalid = field.error ? ` aria-invalid="true" aria-describedby="${OWNER_ERROR_ID}"` : '';
  const error = field.error
    ? `<p class="field-error" id="${OWNER_ERROR_ID}">${e(field.error)}</p>`
    : '';
  return `
<div class="field${field.error ? ' field-invalid' : ''}">
  <label for="field-owner">Owner</label>
  ${capped}
  <select id="field-owner" name="${e(field.name)}"${invalid}>${options}
  </select>
  ${error}
</div>`;
}
