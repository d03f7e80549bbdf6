import type { ContactField } from '../../connect/contactFields';
import { stateBadge, type Badge } from '../../web/badge';
import { isolatedParts } from '../../web/isolated';
import { shownTime, type ShownTime } from '../../web/localTime';
import type { Contact, ContactValues } from '../contact';
import { contactLinks, type ContactLinks } from '../contactLinks';
import { formFields, type FormField } from '../../records/formFields';
import { encodeShown } from '../../records/shownValues';
import type { FieldErrors } from '../../records/validation';
import type { Mapping } from '../../connect/mapping';
import { ACCOUNT_FIELD, canCreate, shownAccount } from '../accountField';
import { blankAccountField, type AccountFormField } from '../accountFieldView';
import { OWNER_FIELD } from '../edit/ownerMerge';
import type { OwnerChoice } from '../owners';
import { ownerField as ownerMenu, type OwnerField } from './ownerField';

export interface CardView {
  title: string;
  contact: Contact;
  links: ContactLinks;
  badge: Badge;
  /** Whether to say that Connect has yet to send this contact to Salesforce. */
  awaitingSync: boolean;
  modifiedAt: ShownTime | null;
  formFields: FormField[];
  errorCount: number;
  /** The values the form shows, encoded, so the save can tell what the user changed. */
  shown: string;
  /** What the card says of the account besides its name: website, phone, billing city. */
  accountDetails: string[];
  /** The edit form's Account field, when contacts can name an account. */
  accountField: AccountFormField | null;
  accountCreatable: boolean;
  /** The edit form's Owner menu, when an editor can reassign the contact. */
  ownerField: OwnerField | null;
}

/** What the card's form shows besides the contact's own fields: its account and owner. */
export interface CardRelations {
  accountLinks: boolean;
  accountCreatable: boolean;
  /** The Account field as submitted, on a card re-shown after a failed save. */
  submittedAccount?: AccountFormField | undefined;
  /** The users to offer as owner; null when the form has no Owner menu. */
  ownerChoices: OwnerChoice[] | null;
  /** The owner chosen and what was wrong with it, on a re-shown card. */
  submittedOwner?: { id: string; error: string | null } | undefined;
}

export function cardRelations(
  mapping: Mapping,
  ownerChoices: OwnerChoice[] | null,
  submitted: Pick<CardRelations, 'submittedAccount' | 'submittedOwner'> = {},
): CardRelations {
  return {
    accountLinks: mapping.accountLinks,
    accountCreatable: canCreate(mapping),
    ownerChoices,
    ...submitted,
  };
}

const NO_RELATIONS: CardRelations = {
  accountLinks: false,
  accountCreatable: false,
  ownerChoices: null,
};

/**
 * The card with its edit form. After a failed save the form shows what the user typed over
 * what it showed before, and still carries those shown values: the next save merges from them.
 * Times are in `timeZone`, the reader's.
 */
export function cardView(
  contact: Contact,
  fields: readonly ContactField[],
  timeZone: string,
  submitted?: { values: ContactValues; errors: FieldErrors; shown: ContactValues | null },
  relations: CardRelations = NO_RELATIONS,
): CardView {
  const shown: ContactValues = {
    ...contact.values,
    ...(relations.accountLinks ? shownAccount(contact) : {}),
    ...(relations.ownerChoices ? { [OWNER_FIELD]: contact.owner?.id ?? '' } : {}),
    ...submitted?.shown,
  };
  const accountField = relations.accountLinks
    ? (relations.submittedAccount ?? blankAccountField(shown[ACCOUNT_FIELD] ?? ''))
    : null;
  const ownerField =
    relations.ownerChoices && ownerMenu(contact, relations.ownerChoices, relations.submittedOwner);
  const values = { ...shown, ...submitted?.values };
  const errors = submitted?.errors ?? {};
  return {
    title: isolatedParts(contact.nameParts),
    contact,
    links: contactLinks(contact),
    badge: stateBadge(contact.syncState),
    // An app-inserted row has no sfid until Connect has sent it, whatever its last state says.
    awaitingSync:
      contact.syncState === 'PENDING' || (!contact.sfid && contact.syncState !== 'FAILED'),
    modifiedAt: contact.modifiedAt ? shownTime(contact.modifiedAt, 'minute', timeZone) : null,
    formFields: formFields(fields, values, errors),
    errorCount:
      Object.keys(errors).length + (accountField?.error ? 1 : 0) + (ownerField?.error ? 1 : 0),
    shown: encodeShown(shown),
    accountDetails: contact.account
      ? [contact.account.website, contact.account.phone, contact.account.billingCity].filter(
          (part) => part !== '',
        )
      : [],
    accountField,
    accountCreatable: relations.accountCreatable,
    ownerField,
  };
}
