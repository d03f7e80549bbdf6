import type { Mapping } from '../../connect/mapping';
import { canCreate } from '../accountField';
import { blankAccountField, type AccountFormField } from '../accountFieldView';
import type { ContactValues } from '../contact';
import { formFields, type FormField } from '../../records/formFields';
import type { FieldErrors } from '../../records/validation';
import type { DuplicateWarning } from '../duplicates/duplicateWarning';

export interface NewContactView {
  title: string;
  creatable: boolean;
  formFields: FormField[];
  errorCount: number;
  submissionToken: string;
  formExpired: boolean;
  /** The Account field, when contacts can name an account (Mapping.accountLinks). */
  accountField: AccountFormField | null;
  /** Whether typing a new account's name can create it (see canCreate). */
  accountCreatable: boolean;
  /** The likely duplicates of what was posted, when it was not created for them. */
  duplicates: DuplicateWarning | null;
}

/** The New contact form as shown: blank, or as posted with what was wrong with it. */
export interface NewContactForm {
  /** Names this form's one creation, however often it is posted (see submissionToken.ts). */
  submissionToken: string;
  values?: ContactValues;
  errors?: FieldErrors;
  /** The post carried no token this app could have issued, so the form says to send it again. */
  expired?: boolean;
  account?: AccountFormField;
  duplicates?: DuplicateWarning;
}

export function newContactView(mapping: Mapping, form: NewContactForm): NewContactView {
  const errors = form.errors ?? {};
  const accountField = mapping.accountLinks ? (form.account ?? blankAccountField('')) : null;
  return {
    title: 'New contact',
    creatable: mapping.hasExternalId,
    formFields: formFields(mapping.fields, form.values ?? {}, errors),
    errorCount: Object.keys(errors).length + (accountField?.error ? 1 : 0),
    submissionToken: form.submissionToken,
    formExpired: form.expired ?? false,
    accountField,
    accountCreatable: canCreate(mapping),
    duplicates: form.duplicates ?? null,
  };
}
