const MAX_LENGTH = 2000;
// "//host" and "/\host" would leave the site, as would anything a browser strips or rewrites.
const LOCAL_PATH = /^\/(?![/\\])[^\s\p{Cc}]*$/u;

/**
 * The value when it is a path on this site, else null: the one rule for every address a form
 * or link asks to be sent back to, so none of them can redirect elsewhere.
 */
export function safeLocalPath(value: unknown): string | null {
  return typeof value === 'string' && value.length <= MAX_LENGTH && LOCAL_PATH.test(value)
    ? value
    : null;
}
