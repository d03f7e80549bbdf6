import { ACCOUNT_OBJECT, CONTACT_OBJECT } from '../../src/connect/mappedObject';
import {
  inactiveOwner,
  parentNotFound,
  salesforceRejection,
} from '../../src/emulator/failureRules';

describe('the emulator’s Salesforce rejections', () => {
  test('when an account name contains DUPLICATE, then it is DUPLICATES_DETECTED, while a contact is judged by its last name', () => {
    expect(salesforceRejection({ name: 'DUPLICATE Acme' }, ACCOUNT_OBJECT)).toBe(
      'DUPLICATES_DETECTED: Use one of these records?',
    );
    expect(salesforceRejection({ name: 'DUPLICATE Acme', lastname: 'Lee' }, CONTACT_OBJECT)).toBe(
      null,
    );
  });

  test('when an account field is longer than Salesforce takes, then it is STRING_TOO_LONG with the field’s label and limit', () => {
    const city = 'x'.repeat(41);

    expect(salesforceRejection({ name: 'Acme', billingcity: city }, ACCOUNT_OBJECT)).toBe(
      `STRING_TOO_LONG: Billing city: data value too large: ${city} (max length=40)`,
    );
    expect(salesforceRejection({ name: 'Acme', billingcity: 'Berlin' }, ACCOUNT_OBJECT)).toBe(null);
  });

  test('when an account has an email-looking value at invalid.example, then that contact rule does not apply to it', () => {
    expect(salesforceRejection({ name: 'Acme', email: 'a@invalid.example' }, ACCOUNT_OBJECT)).toBe(
      null,
    );
  });

  test('when the owner is inactive or the parent is missing, then the messages read as Salesforce’s', () => {
    expect(inactiveOwner('005000000000099AAA', ACCOUNT_OBJECT)).toBe(
      'INACTIVE_OWNER_OR_USER: operation performed with inactive user [005000000000099AAA] as owner of account',
    );
    expect(parentNotFound('ext-1', ACCOUNT_OBJECT)).toBe(
      'INVALID_FIELD: Foreign key external ID: ext-1 not found for field External_Account_Id__c in entity Account',
    );
  });
});
