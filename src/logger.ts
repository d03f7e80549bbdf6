import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * JSON logs for Heroku's log router. What gets logged is chosen by allow-lists (the request
 * serializers and `errorForLog`); redaction is the backstop for anything passed by mistake.
 * `destination` lets tests read what production would write.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { pid: process.pid },
    serializers: { err: errorForLog },
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'password',
        '*.password',
        '_csrf',
        '*._csrf',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const MAX_CAUSES = 3;

/**
 * An error as it may be logged. Postgres quotes the offending values in its message and detail
 * (a duplicate email, an unparsable number), so a database error keeps only its code and where
 * it happened, which is enough to find the cause without copying contact data into the logs.
 */
export function errorForLog(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error)) return { type: typeof error };
  const fields = error as Error & Partial<Record<string, unknown>>;
  const code = typeof fields.code === 'string' ? fields.code : undefined;
  const fromDatabase = 'severity' in fields && 'routine' in fields;
  const cause =
    depth < MAX_CAUSES && error.cause !== undefined
      ? errorForLog(error.cause, depth + 1)
      : undefined;
  if (fromDatabase) {
    const { severity, routine, schema, table, column, constraint } = fields;
    return { type: error.name, code, severity, routine, schema, table, column, constraint, cause };
  }
  return { type: error.name, code, message: error.message, stack: error.stack, cause };
}
