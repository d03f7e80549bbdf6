import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONTACT_FIELDS } from '../../src/connect/contactFields';
import {
  EXTERNAL_ID_API_NAME,
  FULL_NAME_API_NAME,
  SYSTEM_FIELDS,
} from '../../src/connect/contactTable';
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

/** Every Salesforce field the app reads or writes, by API name. */
const APP_FIELDS = [
  ...SYSTEM_FIELDS,
  FULL_NAME_API_NAME,
  ...CONTACT_FIELDS.map((field) => field.apiName),
  EXTERNAL_ID_API_NAME,
];

/**
 * What is wrong with a mapping file for an app that uses `appFields`, one line per problem;
 * empty when `heroku connect:import` of it gives the app everything it needs.
 */
function mappingProblems(file: MappingFile, appFields: readonly string[]): string[] {
  const problems: string[] = [];
  if (file.version !== 1) problems.push(`version is ${String(file.version)}, not 1`);
  const contacts = (file.mappings ?? []).filter((m) => m.object_name === 'Contact');
  if (contacts.length !== 1) return [...problems, `${contacts.length} Contact mappings, not 1`];
  const config = contacts[0]?.config ?? {};
  if (config.access !== 'read_write') problems.push('Contact is not mapped read_write');
  const mapped = new Set(Object.keys(config.fields ?? {}));
  for (const field of appFields) {
    if (!mapped.has(field)) problems.push(`${field} is used by the app but not mapped`);
  }
  for (const field of mapped) {
    if (!appFields.includes(field)) problems.push(`${field} is mapped but the app never uses it`);
  }
  if (config.upsert_field !== EXTERNAL_ID_API_NAME) {
    problems.push(`upsert_field is ${String(config.upsert_field)}, not ${EXTERNAL_ID_API_NAME}`);
  }
  if (config.indexes?.[EXTERNAL_ID_API_NAME]?.unique !== true) {
    problems.push(`${EXTERNAL_ID_API_NAME} has no unique index`);
  }
  return problems;
}

describe('connect/contact-mapping.json', () => {
  test('when compared with the fields the app reads and writes, then nothing is missing or extra', () => {
    expect(mappingProblems(readMappingFile(), APP_FIELDS)).toEqual([]);
  });

  test('when the app uses a field the file does not map, then the check names it', () => {
    expect(mappingProblems(readMappingFile(), [...APP_FIELDS, 'AssistantName'])).toEqual([
      'AssistantName is used by the app but not mapped',
    ]);
  });

  test('when the file loses the upsert field or its unique index, then the check says so', () => {
    const file = readMappingFile();
    const config = file.mappings?.[0]?.config ?? {};
    config.upsert_field = 'Email';
    config.indexes = { Id: { unique: true } };

    expect(mappingProblems(file, APP_FIELDS)).toEqual([
      `upsert_field is Email, not ${EXTERNAL_ID_API_NAME}`,
      `${EXTERNAL_ID_API_NAME} has no unique index`,
    ]);
  });
});
