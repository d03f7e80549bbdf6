/**
 * A deliberately small vCard reader for the tests, written from RFC 6350 rather than shared
 * with the app, so a bug in the app's escaping or folding cannot hide behind the same bug here.
 */
export interface VCardProperty {
  name: string;
  params: string[];
  /** The raw value, still escaped. */
  raw: string;
}

export interface VCard {
  properties: VCardProperty[];
  /** Unescaped text of the only property with this name; throws if there are several. */
  text(name: string): string | undefined;
  /** Unescaped components of a structured value such as N or ADR. */
  components(name: string): string[] | undefined;
  all(name: string): VCardProperty[];
}

/** Physical lines as sent: every one must end in CRLF. */
export function physicalLines(raw: Buffer): Buffer[] {
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = raw.indexOf('\r\n'); i !== -1; i = raw.indexOf('\r\n', start)) {
    lines.push(raw.subarray(start, i));
    start = i + 2;
  }
  if (start !== raw.length) throw new Error('the vCard does not end with CRLF');
  return lines;
}

export function parseVCard(raw: Buffer): VCard {
  const unfolded = raw.toString('utf8').replace(/\r\n[ \t]/g, '');
  const lines = unfolded.split('\r\n').filter((line) => line !== '');
  const properties = lines.map((line) => {
    const colon = line.indexOf(':');
    if (colon < 1) throw new Error(`not a content line: ${line}`);
    const [name = '', ...params] = line.slice(0, colon).split(';');
    return { name: name.toUpperCase(), params, raw: line.slice(colon + 1) };
  });
  const all = (name: string) => properties.filter((p) => p.name === name);
  const only = (name: string) => {
    const found = all(name);
    if (found.length > 1) throw new Error(`${name} appears ${found.length} times`);
    return found[0];
  };
  return {
    properties,
    all,
    text: (name) => {
      const property = only(name);
      return property && unescape(property.raw);
    },
    components: (name) => {
      const property = only(name);
      return property && splitUnescaped(property.raw, ';').map(unescape);
    },
  };
}

function unescape(value: string): string {
  return value.replace(/\\([\\,;nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function splitUnescaped(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charAt(i);
    if (c === '\\') {
      current += c + value.charAt(i + 1);
      i += 1;
    } else if (c === separator) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts;
}
