import type { ConnectionOptions } from 'node:tls';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '']);

/**
 * Chooses TLS the way Heroku needs it. Heroku Postgres requires SSL but presents a certificate
 * node-postgres cannot verify, so remote hosts get encryption without verification; a local
 * server gets none. PGSSLMODE (or `sslmode` in the URL) overrides both, with libpq's meanings:
 * pg 8 would otherwise read `require` as verify-full and fail against Heroku.
 */
export function sslFor(
  connectionString: string,
  pgSslMode: string | undefined,
): false | ConnectionOptions {
  const url = new URL(connectionString);
  const hostDefault = defaultModeFor(databaseHost(connectionString));
  const mode = pgSslMode ?? url.searchParams.get('sslmode') ?? hostDefault;
  switch (mode) {
    case 'disable':
      return false;
    case 'verify-ca':
    case 'verify-full':
      return { rejectUnauthorized: true };
    // libpq falls back between TLS and plain for these; pg cannot, so the host decides.
    case 'allow':
    case 'prefer':
      return hostDefault === 'disable' ? false : { rejectUnauthorized: false };
    default:
      return { rejectUnauthorized: false };
  }
}

/**
 * The host pg will connect to: `?host=` wins over the URL's host, as in pg, and a socket
 * directory may be written percent-encoded (`postgres://%2Fvar%2Frun%2Fpostgresql/db`).
 */
export function databaseHost(connectionString: string): string {
  const url = new URL(connectionString);
  const host = url.searchParams.get('host') ?? url.hostname;
  try {
    return decodeURIComponent(host);
  } catch {
    return host;
  }
}

/** The URL without `sslmode`, so pg does not apply its own reading of it on top of ours. */
export function withoutSslMode(connectionString: string): string {
  const url = new URL(connectionString);
  url.searchParams.delete('sslmode');
  return url.toString();
}

export function isLocalHost(hostname: string): boolean {
  return LOCAL_HOSTS.has(hostname) || hostname.startsWith('127.') || hostname.startsWith('/');
}

function defaultModeFor(hostname: string): string {
  return isLocalHost(hostname) ? 'disable' : 'no-verify';
}
