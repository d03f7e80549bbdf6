import fc from 'fast-check';
import type { ContactField } from '../../../src/connect/contactFields';
import { salesforceCount } from './salesforceCount';
import { asSent, encode, type FormValue } from './forms';

/** Strings people and attackers actually send, beyond what random generation finds quickly. */
export const NASTY_SAMPLES = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE salesforce.contact; --",
  "' OR '1'='1",
  "Robert'); DELETE FROM contact_card.revoked_sessions; --",
  '%00',
  '\0',
  '$1',
  '${7*7}',
  '<%= process.exit() %>',
  '{{constructor.constructor("return process")()}}',
  '__proto__',
  'constructor',
  'مرحبا بالعالم',
  'שָׁלוֹם',
  '\u202Eevil\u202C',
  '\u200F\u200E\u061C',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '𝕳𝖊𝖑𝖑𝖔',
  'Z̷̢̛͓a̶̛͎l̸̨̛g̵̢̛o̶̢̧',
  '\uFEFF \u00A0\u2028\u2029',
  '\uFFFF\uFFFE',
  '\uD800',
  'a\r\nSet-Cookie: x=1',
  '../../etc/passwd',
  'NaN',
  '-1',
  '1e308',
  '0x1F',
  'null',
  'undefined',
  '[]',
  '{}',
  'true',
];

/** Percent-escapes that do not decode, or decode to something that is not UTF-8. */
export const MALFORMED_ESCAPES = [
  '%',
  '%Z',
  '%ZZ',
  '%E0%A4%A',
  '%FF%FE',
  '%C0%AF',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%%',
  '%u0041',
  '%00',
];

const METACHARACTERS = Array.from(
  '<>"\'&;-/*\\%_$`{}()[]|^~!#=+?@:,.\0\t\r\n\u0007\u001b\u007f\u0085 ',
);

/** Any text: every Unicode plane (lone surrogates too), markup, SQL, controls, numbers. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: fc.constantFrom(...METACHARACTERS), maxLength: 20 }), weight: 2 },
  { arbitrary: fc.constantFrom(...NASTY_SAMPLES), weight: 2 },
  { arbitrary: fc.oneof(fc.integer(), fc.double()).map(String), weight: 1 },
  { arbitrary: fc.string({ maxLength: 6 }).map((s) => s.repeat(50)), weight: 1 },
);

export const hostileValue: fc.Arbitrary<FormValue> = fc.oneof(
  { arbitrary: hostileText, weight: 6 },
  { arbitrary: fc.array(hostileText, { minLength: 2, maxLength: 3 }), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/** Parameter names of every shape, including ones that poke at object prototypes and parsers. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'hasOwnProperty',
    'toString',
    'firstname[]',
    'firstname[0]',
    'lastname[first]',
    'a.b',
    '',
    '=',
    'id',
    'sfid',
    '_hc_lastop',
    'systemmodstamp',
    'external_contact_id__c',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

/** Path segments of every shape a contact key could arrive in, with near misses of `key`. */
export function anyKeySegment(key: string): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: hostileText.map(encode), weight: 4 },
    { arbitrary: fc.constantFrom(...MALFORMED_ESCAPES), weight: 2 },
    { arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,120}$/), weight: 2 },
    {
      arbitrary: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((n) => `row-${String(n)}`),
      weight: 2,
    },
    {
      arbitrary: fc.string({
        unit: fc.constantFrom(...Array.from('%0123456789ABCDEFabcdefZz-')),
        maxLength: 12,
      }),
      weight: 1,
    },
    {
      arbitrary: fc.constantFrom(
        key,
        key.toLowerCase(),
        `${key}%20`,
        `%20${key}`,
        `${key}%00`,
        '%2e%2e',
        '%2F',
        'a%2Fb',
        'row-',
        'row-01',
        'row-2147483648',
        'new',
        'a'.repeat(5000),
      ),
      weight: 1,
    },
  );
}

/**
 * Valid values for a field, built from any Unicode that Salesforce and Postgres keep: letters
 * of every script, emoji, markup and SQL metacharacters, within the field's length.
 */
export function validValue(field: ContactField): fc.Arbitrary<string> {
  if (field.kind === 'email') return validEmail;
  // Salesforce counts an astral character as two, and NFC expands a few characters.
  const max = Math.min(Math.floor(field.maxLength / 2), 60);
  const minLength = field.required ? 1 : 0;
  const piece = fc.oneof(
    fc.string({
      // Street and description are textareas: line breaks and tabs are part of them.
      unit:
        field.kind === 'longtext'
          ? fc.oneof(printableCodePoint, fc.constantFrom('\n', '\r\n', '\t'))
          : printableCodePoint,
      minLength,
      maxLength: max,
    }),
    fc
      .constantFrom(...NASTY_SAMPLES.filter(isPrintable))
      .map((s) => Array.from(s).slice(0, max).join('')),
  );
  const fits = piece.filter((s) => salesforceCount(s) <= field.maxLength);
  return field.required ? fits.filter((s) => s.trim() !== '') : fits;
}

/** A value the app must refuse for this field, and why. */
export function invalidValue(field: ContactField): fc.Arbitrary<string> {
  const tooLong = fc
    .string({ unit: printableCodePoint, minLength: 1, maxLength: 5 })
    .filter((s) => s.trim() !== '')
    .map((s) => `x${s.repeat(Math.ceil((field.maxLength + 1) / Array.from(s).length))}x`)
    // NFC can compose a repeated piece into fewer characters.
    .filter((s) => salesforceCount(s) > field.maxLength);
  const control = fc
    .tuple(
      fc.string({ maxLength: 5 }),
      fc.constantFrom('\0', '\u0001', '\u0008', '\u001b', '\u007f'),
    )
    .map(([text, bad]) => `a${text}${bad}b`);
  const options = [tooLong, control];
  if (field.kind !== 'longtext') options.push(fc.constantFrom('a\nb', 'a\r\nb', 'a\tb'));
  if (field.kind === 'email')
    options.push(
      fc.constantFrom(
        'not an email',
        'a@b',
        '@example.com',
        'a b@example.com',
        'İzmir@example.com',
      ),
    );
  if (field.required) options.push(fc.constantFrom('', '   ', '\u00A0'));
  return fc.oneof(...options);
}

// No controls, no lone surrogates, no line breaks: what a person can type into a one-line field.
const printableCodePoint = fc
  .integer({ min: 0x20, max: 0x10ffff })
  .filter((cp) => cp !== 0x7f && !(cp >= 0xd800 && cp <= 0xdfff))
  .map((cp) => String.fromCodePoint(cp));

function isPrintable(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- controls are what we leave out
  return asSent(text) === text && !/[\u0000-\u001f\u007f]/.test(text);
}

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const validEmail = fc
  .tuple(
    fc.stringMatching(/^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~-]{1,12}(\.[a-zA-Z0-9_-]{1,8})?$/),
    fc.array(label, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('com', 'org', 'de', 'co.uk', 'москва', 'みんな'),
  )
  .map(([local, labels, tld]) => `${local}@${[...labels, tld].join('.')}`)
  .filter((email) => email.length <= 80);

/** Values for every field, all valid but one: the index of the invalid one, and the values. */
export function oneFieldInvalid(fields: readonly ContactField[]): fc.Arbitrary<[number, string[]]> {
  return fc
    .integer({ min: 0, max: fields.length - 1 })
    .chain((bad) =>
      fc.tuple(
        fc.constant(bad),
        fc.tuple(
          ...fields.map((field, i) => (i === bad ? invalidValue(field) : validValue(field))),
        ),
      ),
    );
}
