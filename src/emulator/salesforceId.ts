import { randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

/**
 * A new record id shaped like Salesforce's: the object's key prefix (`003` Contact, `001`
 * Account), 12 characters that are unique per row (its id in base 36, then random characters)
 * and Salesforce's 3-character case-checksum suffix, so code that validates 18-character ids
 * accepts it.
 */
export function newSfid(keyPrefix: string, recordId: number): string {
  let random = '';
  for (let i = 0; i < 5; i += 1) random += ALPHANUMERIC.charAt(randomInt(ALPHANUMERIC.length));
  const id15 = keyPrefix + recordId.toString(36).toUpperCase().padStart(7, '0') + random;
  return id15 + caseChecksum(id15);
}

/** Each 5-character block gives one letter: bit i is set when character i is upper case. */
export function caseChecksum(id15: string): string {
  let suffix = '';
  for (let block = 0; block < 3; block += 1) {
    let bits = 0;
    for (let i = 0; i < 5; i += 1) {
      const char = id15.charAt(block * 5 + i);
      if (char >= 'A' && char <= 'Z') bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET.charAt(bits);
  }
  return suffix;
}
