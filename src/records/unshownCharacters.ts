/**
 * Characters a form cannot give back as typed: NUL and the other C0 controls (bar tab and line
 * breaks) and DEL. An HTML parser turns a NUL in a value into U+FFFD and the rest show as
 * nothing, so a refilled form shows each as its Unicode control picture (NUL as ␀) instead,
 * and the field's message names them. Postgres refuses NUL and Salesforce strips the others,
 * so a value holding one is never saved.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSHOWN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

// Their ASCII names, by code: 0 is NUL, 27 is ESC.
const NAMES = (
  'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI ' +
  'DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'
).split(' ');
const DELETE = 0x7f;
// U+2400 CONTROL PICTURES holds one symbol per C0 control, in order, and ␡ for DEL.
const PICTURES_START = 0x2400;
const DELETE_PICTURE = '\u2421';

export interface UnshownCharacter {
  /** Its ASCII name, such as NUL or ESC. */
  name: string;
  /** What the form shows in its place, such as ␀. */
  picture: string;
}

/** The distinct unshowable characters in `text`, in order of first appearance. */
export function unshownCharactersIn(text: string): UnshownCharacter[] {
  const found = new Set(Array.from(text.matchAll(UNSHOWN), ([character]) => character));
  return Array.from(found, (character) => ({
    name: nameOf(character),
    picture: pictureOf(character),
  }));
}

/** `text` with each unshowable character replaced by its control picture. */
export function withVisibleControls(text: string): string {
  return text.replace(UNSHOWN, pictureOf);
}

function pictureOf(character: string): string {
  const code = character.charCodeAt(0);
  return code === DELETE ? DELETE_PICTURE : String.fromCharCode(PICTURES_START + code);
}

function nameOf(character: string): string {
  const code = character.charCodeAt(0);
  return code === DELETE ? 'DEL' : (NAMES[code] ?? 'a control character');
}
