import pino, { type Logger } from 'pino';

/** JSON logs for Heroku's log router. Redaction backs up the request serializers' allow-list. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { pid: process.pid },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'password', '*.password', '_csrf'],
      censor: '[redacted]',
    },
  });
}
