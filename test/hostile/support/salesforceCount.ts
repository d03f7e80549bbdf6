/**
 * Salesforce's length of a text value, written here apart from src/ so the tests check the app
 * against it: UTF-16 code units (an emoji counts two), of the text as the app stores it (NFC).
 */
export function salesforceCount(text: string): number {
  return text.normalize('NFC').length;
}
