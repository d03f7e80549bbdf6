import express, { type RequestHandler } from 'express';
import { parse } from 'qs';
import { HttpError } from './httpErrors';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** Form fields whose value could not be read; each is '' in req.body. */
      unreadableFields: ReadonlySet<string>;
    }
  }
}

/** The field error for a value sent as a malformed escape or as bytes that are not UTF-8. */
export const UNREADABLE_TEXT =
  'This text contains characters that could not be read; type it again.';

const FORM_TYPE = 'application/x-www-form-urlencoded';
const PARAMETER_LIMIT = 100;
/**
 * A form may send more: the contact list's bulk form sends a page of checked rows (up to 100)
 * beside its own fields.
 */
const FORM_PARAMETER_LIMIT = 200;

export interface DecodedFields {
  /** Each name's text, or its texts in order when the name is repeated. */
  fields: Record<string, string | string[]>;
  /** The names whose value could not be decoded. */
  unreadable: Set<string>;
}

/** Shaped like body-parser's own error, so the error handler words it as it always has. */
class TooManyParameters extends Error {
  readonly status = 413;
  readonly type = 'parameters.too.many';
  constructor() {
    super('too many parameters');
  }
}

/**
 * Holds the place of a value that did not decode until qs has paired it with its name; qs
 * hands back whatever the decoder returns untouched.
 */
const UNREADABLE = Symbol('unreadable');
type DecodedText = string | typeof UNREADABLE;

/**
 * Reads urlencoded text as body-parser does for `extended: false` (flat names, repeated names
 * as lists), but decodes strictly: a name that does not decode throws a URIError, and a value
 * that does not decode becomes '' and is listed in `unreadable`. Throws a 413-shaped error past
 * `limit` parameters (100 unless told).
 */
export function decodeUrlencoded(text: string, limit = PARAMETER_LIMIT): DecodedFields {
  // Counted up front as body-parser does: qs would silently drop the rest.
  if (text.split('&', limit + 1).length > limit) throw new TooManyParameters();
  // Depth 0 keeps names flat, so each value is one text or, for a repeated name, a list.
  const fields = parse(text, {
    depth: 0,
    parameterLimit: limit,
    arrayLimit: limit,
    // As body-parser: a field may be called `constructor`; qs still drops `__proto__`.
    allowPrototypes: true,
    decoder: (encoded, _default, _charset, part): DecodedText => {
      if (part === 'key') return decodeStrictly(encoded);
      try {
        return decodeStrictly(encoded);
      } catch {
        return UNREADABLE;
      }
    },
  }) as Record<string, DecodedText | DecodedText[]>;

  const unreadable = new Set<string>();
  for (const [name, value] of Object.entries(fields)) {
    if (![value].flat().includes(UNREADABLE)) continue;
    unreadable.add(name);
    fields[name] = Array.isArray(value) ? value.map(readableOrEmpty) : '';
  }
  return { fields: fields as Record<string, string | string[]>, unreadable };
}

/**
 * `+` is a space in urlencoded text; the rest is the platform's decoder, which by its spec
 * throws a URIError on a malformed escape or on bytes that are not UTF-8 (overlong forms,
 * surrogates, truncated sequences) rather than keeping the raw text as qs's own decoder does.
 */
function decodeStrictly(encoded: string): string {
  return decodeURIComponent(encoded.replaceAll('+', ' '));
}

function readableOrEmpty(text: DecodedText): string {
  return text === UNREADABLE ? '' : text;
}

const NOTHING_UNREADABLE: ReadonlySet<string> = new Set();

/**
 * Parses urlencoded forms into req.body. An unreadable value reaches the handler as '' with its
 * name in res.locals.unreadableFields, so the form can say which field to type again; an
 * unreadable name leaves nothing to point at and refuses the form. Other bodies stay unread
 * (req.body undefined), which requireCsrfToken refuses.
 */
export const formBody: RequestHandler[] = [
  // body-parser reads the body: its size limit, charset and compression errors stay as they are.
  express.text({ type: FORM_TYPE, limit: '512kb' }),
  (req, res, next) => {
    res.locals.unreadableFields = NOTHING_UNREADABLE;
    if (typeof req.body !== 'string') return next();
    let form: DecodedFields;
    try {
      form = decodeUrlencoded(req.body, FORM_PARAMETER_LIMIT);
    } catch (error) {
      if (!(error instanceof URIError)) throw error;
      throw new HttpError(400, 'Bad request', 'The form has a field name that could not be read.');
    }
    req.body = form.fields;
    res.locals.unreadableFields = form.unreadable;
    next();
  },
];

/**
 * Express's query parser, decoding as strictly as forms. An address has no field to show an
 * error beside, so anything unreadable refuses the request.
 */
export function parseQueryStrictly(query: string | null): Record<string, string | string[]> {
  let decoded: DecodedFields;
  try {
    decoded = decodeUrlencoded(query ?? '');
  } catch (error) {
    if (error instanceof URIError) throw unreadableAddress();
    if (error instanceof TooManyParameters) {
      throw new HttpError(400, 'Bad request', 'This address has too many parameters.');
    }
    throw error;
  }
  if (decoded.unreadable.size > 0) throw unreadableAddress();
  return decoded.fields;
}

function unreadableAddress(): HttpError {
  return new HttpError(
    400,
    'Bad request',
    'This address contains characters that could not be read. Check the link, or search again.',
  );
}

/**
 * Express 5 parses req.query anew on every read. Parsing it once here refuses an unreadable
 * address before any handler runs, and every later read gets this result.
 */
export const readQueryOnce: RequestHandler = (req, _res, next) => {
  Object.defineProperty(req, 'query', { value: req.query, enumerable: true, configurable: true });
  next();
};
