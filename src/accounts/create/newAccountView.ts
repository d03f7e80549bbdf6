import { formFields, type FormField } from '../../records/formFields';
import type { FieldValues } from '../../records/shownValues';
import type { FieldErrors } from '../../records/validation';
import type { AccountMapping } from '../accountTable';

export interface NewAccountView {
  title: string;
  creatable: boolean;
  formFields: FormField[];
  errorCount: number;
  submissionToken: string;
  formExpired: boolean;
}

/** The New account form as shown: blank, or as posted with what was wrong with it. */
export interface NewAccountForm {
  /** Names this form's one creation, however often it is posted (see records/submissions.ts). */
  submissionToken: string;
  values?: FieldValues;
  errors?: FieldErrors;
  /** The post carried no token this app could have issued, so the form says to send it again. */
  expired?: boolean;
}

export function newAccountView(mapping: AccountMapping, form: NewAccountForm): NewAccountView {
  const errors = form.errors ?? {};
  return {
    title: 'New account',
    creatable: mapping.account.hasExternalId,
    formFields: formFields(mapping.account.fields, form.values ?? {}, errors),
    errorCount: Object.keys(errors).length,
    submissionToken: form.submissionToken,
    formExpired: form.expired ?? false,
  };
}
