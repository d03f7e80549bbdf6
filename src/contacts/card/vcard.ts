import type { Contact } from '../contact';

/**
 * A contact as a vCard 4.0 (RFC 6350). Only mapped fields appear: an unmapped column is simply
 * absent from `contact.values`, and an empty value is left out rather than sent blank.
 */
export function toVCard(contact: Contact): string {
  const value = (column: string) => contact.values[column] ?? '';
  const address = [
    'mailingstreet',
    'mailingcity',
    'mailingstate',
    'mailingpostalcode',
    'mailingcountry',
  ].map(value);
  const properties: [name: string, content: string | null][] = [
    ['FN', text(contact.displayName)],
    ['N', structured([value('lastname'), value('firstname'), '', '', ''])],
    ['EMAIL;TYPE=work', optionalText(value('email'))],
    ['TEL;TYPE=work,voice', optionalText(value('phone'))],
    ['TEL;TYPE=cell', optionalText(value('mobilephone'))],
    ['TITLE', optionalText(value('title'))],
    // Contact carries no account name here, so the department is ORG's unit component.
    ['ORG', value('department') ? structured(['', value('department')]) : null],
    // ADR's first two components (PO box, extended address) are deprecated by RFC 6350.
    ['ADR;TYPE=work', address.some(Boolean) ? structured(['', '', ...address]) : null],
    ['NOTE', optionalText(value('description'))],
    ['UID', uidOf(contact)],
  ];
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    ...properties.flatMap(([name, content]) => (content === null ? [] : `${name}:${content}`)),
    'END:VCARD',
  ];
  return lines.map((line) => `${fold(line)}\r\n`).join('');
}

/**
 * The sfid names the Salesforce record everywhere, so address books can match re-downloads.
 * Before the first sync only the app's External ID (a dashless UUID) exists.
 */
function uidOf(contact: Contact): string | null {
  if (contact.sfid) return `urn:salesforce:contact:${contact.sfid}`;
  const hex = contact.externalId?.toLowerCase() ?? '';
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  const parts = [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20)];
  return `urn:uuid:${parts.join('-')}-${hex.slice(20)}`;
}

/** RFC 6350 §3.4: escape backslash, comma and newline; semicolons too, which it allows. */
function text(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[\\,;\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

function optionalText(value: string): string | null {
  return value ? text(value) : null;
}

function structured(components: string[]): string {
  return components.map(text).join(';');
}

const MAX_LINE_OCTETS = 75;

/** RFC 6350 §3.2: lines of at most 75 octets, folded between whole UTF-8 characters. */
function fold(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = Buffer.byteLength(character);
    if (octets + size > MAX_LINE_OCTETS) {
      pieces.push(current);
      // The continuation's leading space counts towards its 75 octets.
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n');
}
