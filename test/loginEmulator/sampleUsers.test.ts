import { caseChecksum } from '../../src/emulator/salesforceId';
import {
  EMULATOR_ORG_ID,
  OTHER_ORG_ID,
  SAMPLE_SALESFORCE_USERS,
} from '../../src/loginEmulator/sampleUsers';

const validId = (prefix: string) =>
  expect.stringMatching(new RegExp(`^${prefix}[A-Za-z0-9]{15}$`)) as unknown;

describe('the login emulator’s sample users', () => {
  test('when the ids are read, then each is an 18-character Salesforce id with its checksum', () => {
    const ids = [EMULATOR_ORG_ID, OTHER_ORG_ID, ...SAMPLE_SALESFORCE_USERS.map((u) => u.userId)];

    for (const id of ids) expect(id.slice(15)).toBe(caseChecksum(id.slice(0, 15)));
    expect([EMULATOR_ORG_ID, OTHER_ORG_ID]).toEqual([validId('00D'), validId('00D')]);
    for (const user of SAMPLE_SALESFORCE_USERS) expect(user.userId).toEqual(validId('005'));
  });

  test('when the users are listed, then keys, ids and usernames are each unique', () => {
    for (const field of ['key', 'userId', 'preferredUsername', 'name'] as const) {
      const values = SAMPLE_SALESFORCE_USERS.map((user) => user[field]);
      expect(new Set(values).size).toBe(values.length);
    }
  });

  test('when the users are listed, then only other-org is outside the emulator’s org', () => {
    const outside = SAMPLE_SALESFORCE_USERS.filter((u) => u.organizationId !== EMULATOR_ORG_ID);

    expect(outside.map((user) => [user.key, user.organizationId])).toEqual([
      ['other-org', OTHER_ORG_ID],
    ]);
  });
});
