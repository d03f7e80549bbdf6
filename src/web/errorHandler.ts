import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { DatabaseUnavailableError, HttpError, NotFoundError } from './httpErrors';

export const notFound: RequestHandler = () => {
  throw new NotFoundError();
};

/** The one place errors become pages: typed errors map to their status, anything else to 500. */
export function errorHandler(logger: Logger, onMappingChanged: () => void): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const page = toHttpError(error, onMappingChanged);
    if (page.status >= 500) logger.error({ err: error, requestId: req.id }, page.title);
    const retryAfter = retryAfterSeconds(page);
    if (retryAfter !== undefined) res.set('Retry-After', String(retryAfter));
    res.status(page.status);
    const asText = () => res.type('text').send(`${page.title}: ${page.message}`);
    res.format({
      html: () => {
        res.render(
          'error',
          { title: page.title, message: page.message },
          (renderError: Error | null, html: string) => {
            if (!renderError) return res.send(html);
            // Otherwise Express would answer with its own page, which shows a stack trace.
            logger.error({ err: renderError, requestId: req.id }, 'error page failed to render');
            asText();
          },
        );
      },
      json: () => res.json({ error: page.title, message: page.message }),
      default: asText,
    });
  };
}

/** A database outage is usually brief; a rate limit says how long it lasts. */
function retryAfterSeconds(page: HttpError): number | undefined {
  const stated = (page as HttpError & { retryAfterSeconds?: unknown }).retryAfterSeconds;
  if (typeof stated === 'number') return stated;
  return page.status === 503 ? 5 : undefined;
}

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
]);

function toHttpError(error: unknown, onMappingChanged: () => void): HttpError {
  if (error instanceof HttpError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  // "not queryable": a pooled connection the server dropped while idle, handed out before the
  // pool noticed; the pool discards it, so a retry gets a fresh one.
  const unreachable =
    (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) ||
    /timeout exceeded|Connection terminated|not queryable/i.test(message);
  if (unreachable) {
    return new DatabaseUnavailableError(
      'The database is not answering right now. Please try again in a moment.',
      error,
    );
  }
  if (code === '42P01' || code === '42703') {
    // Connect's mapping changed under us (a column or the table went away): re-read it.
    onMappingChanged();
    return new DatabaseUnavailableError(
      'The Salesforce mapping just changed. Reload the page.',
      error,
    );
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new HttpError(
      status,
      CLIENT_ERROR_TITLES[status] ?? 'Bad request',
      clientErrorMessage(error),
    );
  }
  return new HttpError(
    500,
    'Something went wrong',
    'The app hit an unexpected error. It has been logged.',
  );
}

// Said as what happened, as the page's heading.
const CLIENT_ERROR_TITLES: Record<number, string> = {
  413: 'Too large',
  415: 'Unsupported encoding',
};

// body-parser and the router describe client mistakes with a `type`; say it in plain words.
function clientErrorMessage(error: unknown): string {
  switch ((error as { type?: unknown }).type) {
    case 'entity.too.large':
      return 'The form was too large to accept. Shorten the text and try again.';
    case 'parameters.too.many':
      return 'The form had too many fields.';
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return 'The form was sent in an encoding this app does not accept.';
    default:
      return 'The request could not be understood.';
  }
}
