import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ACCOUNT_FIELDS } from '../../src/connect/accountFields';
import { CONTACT_FIELDS } from '../../src/connect/contactFields';
import {
  EXTERNAL_ID_API_NAME,
  FULL_NAME_API_NAME,
  SYSTEM_FIELDS,
} from '../../src/connect/contactTable';
import {
  ACCOUNT_ID_COLUMN,
  ACCOUNT_OBJECT,
  CONTACT_OBJECT,
  OWNER_ID_COLUMN,
  USER_OBJECT,
  type MappedObject,
} from '../../src/connect/mappedObject';
import { relationshipColumn } from '../../src/connect/relationship';
import { PROJECT_ROOT } from '../../src/paths';

/** The part of `heroku connect:export`'s format that the app depends on. */
interface MappingFile {
  version?: unknown;
  mappings?: {
    object_name?: unknown;
    config?: {
      access?: unknown;
      fields?: Record<string, unknown>;
      indexes?: Record<string, { unique?: unknown }>;
      upsert_field?: unknown;
    };
  }[];
}

const MAPPING_FILE = path.join(PROJECT_ROOT, 'connect', 'contact-mapping.json');
const readMappingFile = () => JSON.parse(readFileSync(MAPPING_FILE, 'utf8')) as MappingFile;

/** The API name of a lookup field the app reads by its column (`accountid` is AccountId). */
const lookupField = (column: string) => {
  const apiName = `${column.slice(0, -2).replace(/^./, (c) => c.toUpperCase())}Id`;
  if (apiName.toLowerCase() !== column) throw new Error(`${column} is not a lookup column`);
  return apiName;
};
const ACCOUNT_ID_FIELD = lookupField(ACCOUNT_ID_COLUMN);
const OWNER_ID_FIELD = lookupField(OWNER_ID_COLUMN);

/**
 * Contact's relationship External ID for Account: the lookup's relationship name (`Account`
 * for AccountId), two underscores and the parent's External ID field. The column this gives,
 * `account__external_account_id__c`, is the one public code against real Connect databases
 * uses (`account__external_id__c` for an `External_Id__c`); that an export spells the field
 * `Account__External_Account_Id__c` is UNVERIFIED: no export with a relationship field was found.
 */
const ACCOUNT_RELATIONSHIP_FIELD = `Account__${String(ACCOUNT_OBJECT.externalIdApiName)}`;

/** Every Salesforce field the app reads or writes, by object and API name. */
const APP_FIELDS: Record<MappedObject['objectName'], readonly string[]> = {
  Contact: [
    ...SYSTEM_FIELDS,
    FULL_NAME_API_NAME,
    ...CONTACT_FIELDS.map((field) => field.apiName),
    ACCOUNT_ID_FIELD,
    OWNER_ID_FIELD,
    ACCOUNT_RELATIONSHIP_FIELD,
    EXTERNAL_ID_API_NAME,
  ],
  Account: [
    ...SYSTEM_FIELDS,
    ...ACCOUNT_FIELDS.map((field) => field.apiName),
    OWNER_ID_FIELD,
    String(ACCOUNT_OBJECT.externalIdApiName),
  ],
  // Connect maps Id, IsDeleted and SystemModstamp on every object; the app shows owners' names.
  User: [...SYSTEM_FIELDS, 'Name', 'Email', 'IsActive'],
};

const OBJECTS = [CONTACT_OBJECT, ACCOUNT_OBJECT, USER_OBJECT];

/**
 * What is wrong with a mapping file for an app that uses `appFields`, one line per problem;
 * empty when `heroku connect:import` of it gives the app everything it needs.
 */
function mappingProblems(
  file: MappingFile,
  appFields: Record<MappedObject['objectName'], readonly string[]>,
): string[] {
  const problems: string[] = [];
  if (file.version !== 1) problems.push(`version is ${String(file.version)}, not 1`);
  for (const object of OBJECTS) {
    problems.push(...objectProblems(file, object, appFields[object.objectName]));
  }
  return problems;
}

function objectProblems(
  file: MappingFile,
  object: MappedObject,
  appFields: readonly string[],
): string[] {
  const name = object.objectName;
  const mappings = (file.mappings ?? []).filter((m) => m.object_name === name);
  if (mappings.length !== 1) return [`${mappings.length} ${name} mappings, not 1`];
  const problems: string[] = [];
  const config = mappings[0]?.config ?? {};
  const access = object.writable ? 'read_write' : 'read_only';
  if (config.access !== access) problems.push(`${name} is not mapped ${access}`);
  const mapped = new Set(Object.keys(config.fields ?? {}));
  for (const field of appFields) {
    if (!mapped.has(field)) problems.push(`${name}.${field} is used by the app but not mapped`);
  }
  for (const field of mapped) {
    if (!appFields.includes(field)) {
      problems.push(`${name}.${field} is mapped but the app never uses it`);
    }
  }
  if (config.indexes?.Id?.unique !== true) problems.push(`${name}.Id has no unique index`);
  const upsert = object.externalIdApiName;
  if (upsert === null) {
    if (config.upsert_field !== undefined) problems.push(`${name} has an upsert_field`);
    return problems;
  }
  if (config.upsert_field !== upsert) {
    problems.push(`${name} upsert_field is ${String(config.upsert_field)}, not ${upsert}`);
  }
  if (config.indexes?.[upsert]?.unique !== true)
    problems.push(`${name}.${upsert} has no unique index`);
  return problems;
}

const configOf = (file: MappingFile, objectName: string) =>
  file.mappings?.find((m) => m.object_name === objectName)?.config ?? {};

describe('connect/contact-mapping.json', () => {
  test('when compared with the fields the app reads and writes, then nothing is missing or extra on Contact, Account or User', () => {
    expect(mappingProblems(readMappingFile(), APP_FIELDS)).toEqual([]);
  });

  test('when the app uses a field the file does not map, then the check names it', () => {
    const fields = {
      ...APP_FIELDS,
      Contact: [...APP_FIELDS.Contact, 'AssistantName'],
      Account: [...APP_FIELDS.Account, 'NumberOfEmployees'],
    };

    expect(mappingProblems(readMappingFile(), fields)).toEqual([
      'Contact.AssistantName is used by the app but not mapped',
      'Account.NumberOfEmployees is used by the app but not mapped',
    ]);
  });

  test('when a mapping loses its upsert field or its unique index, then the check says so', () => {
    const file = readMappingFile();
    const config = configOf(file, 'Account');
    config.upsert_field = 'Name';
    config.indexes = { Id: { unique: true } };

    expect(mappingProblems(file, APP_FIELDS)).toEqual([
      'Account upsert_field is Name, not External_Account_Id__c',
      'Account.External_Account_Id__c has no unique index',
    ]);
  });

  test('when User is mapped read_write or an object is missing, then the check says so', () => {
    const file = readMappingFile();
    configOf(file, 'User').access = 'read_write';
    file.mappings = file.mappings?.filter((m) => m.object_name !== 'Account');

    expect(mappingProblems(file, APP_FIELDS)).toEqual([
      '0 Account mappings, not 1',
      'User is not mapped read_only',
    ]);
  });

  test('when Contact’s relationship field is read as a column, then the app finds it as the relationship External ID to Account', () => {
    const columns = new Set(APP_FIELDS.Contact.map((field) => field.toLowerCase()));

    expect(relationshipColumn(columns, ACCOUNT_OBJECT)).toBe(
      ACCOUNT_RELATIONSHIP_FIELD.toLowerCase(),
    );
  });
});
