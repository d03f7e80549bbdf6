import { sslFor, withoutSslMode } from '../../src/db/ssl';

const HEROKU = 'postgres://u:p@ec2-54-1-2-3.compute-1.amazonaws.com:5432/d8abc';
const NO_VERIFY = { rejectUnauthorized: false };
const VERIFY = { rejectUnauthorized: true };

describe('choosing TLS for a database URL', () => {
  test.each([
    ['localhost', 'postgres://postgres@localhost:5432/app'],
    ['127.0.0.1', 'postgres://postgres@127.0.0.1:5432/app'],
    ['another loopback address', 'postgres://postgres@127.0.0.2/app'],
    ['IPv6 loopback', 'postgres://postgres@[::1]:5432/app'],
    ['a socket directory', 'postgres://postgres@%2Fvar%2Frun%2Fpostgresql/app'],
  ])('when the host is %s, then no TLS is used', (_case, url) => {
    expect(sslFor(url, undefined)).toBe(false);
  });

  test('when ?host= names a remote server, then it decides, as it does for pg', () => {
    expect(sslFor('postgres://u@localhost/app?host=db.example.com', undefined)).toEqual(NO_VERIFY);
    expect(sslFor('postgres://u@db.example.com/app?host=/var/run/postgresql', undefined)).toBe(
      false,
    );
  });

  test('when the host is remote (Heroku Postgres), then TLS is used without certificate verification', () => {
    expect(sslFor(HEROKU, undefined)).toEqual(NO_VERIFY);
  });

  test('when PGSSLMODE is disable, then a remote host gets no TLS', () => {
    expect(sslFor(HEROKU, 'disable')).toBe(false);
  });

  test.each(['verify-full', 'verify-ca'])(
    'when PGSSLMODE is %s, then the certificate is verified',
    (mode) => {
      expect(sslFor(HEROKU, mode)).toEqual(VERIFY);
      expect(sslFor('postgres://postgres@localhost/app', mode)).toEqual(VERIFY);
    },
  );

  test.each(['require', 'no-verify'])(
    'when PGSSLMODE is %s, then even localhost gets TLS, without verification (libpq’s meaning, not pg’s verify-full)',
    (mode) => {
      expect(sslFor('postgres://postgres@localhost/app', mode)).toEqual(NO_VERIFY);
      expect(sslFor(HEROKU, mode)).toEqual(NO_VERIFY);
    },
  );

  test.each(['prefer', 'allow'])(
    'when PGSSLMODE is %s, then the host decides, since pg cannot fall back between TLS and plain',
    (mode) => {
      expect(sslFor('postgres://postgres@localhost/app', mode)).toBe(false);
      expect(sslFor(HEROKU, mode)).toEqual(NO_VERIFY);
    },
  );

  test('when the URL says sslmode=require, then TLS is used without verification', () => {
    expect(sslFor(`${HEROKU}?sslmode=require`, undefined)).toEqual(NO_VERIFY);
    expect(sslFor('postgres://postgres@localhost/app?sslmode=require', undefined)).toEqual(
      NO_VERIFY,
    );
  });

  test('when the URL says sslmode=disable or verify-full, then that is honoured', () => {
    expect(sslFor(`${HEROKU}?sslmode=disable`, undefined)).toBe(false);
    expect(sslFor(`${HEROKU}?sslmode=verify-full`, undefined)).toEqual(VERIFY);
  });

  test('when both PGSSLMODE and the URL set a mode, then PGSSLMODE wins', () => {
    expect(sslFor(`${HEROKU}?sslmode=verify-full`, 'disable')).toBe(false);
    expect(sslFor('postgres://postgres@localhost/app?sslmode=disable', 'require')).toEqual(
      NO_VERIFY,
    );
  });

  test('when the URL is handed to pg, then sslmode is removed and everything else kept', () => {
    const cleaned = new URL(withoutSslMode(`${HEROKU}?sslmode=require&application_name=cc`));

    expect(cleaned.searchParams.has('sslmode')).toBe(false);
    expect(cleaned.searchParams.get('application_name')).toBe('cc');
    expect(cleaned.hostname).toBe('ec2-54-1-2-3.compute-1.amazonaws.com');
    expect(cleaned.password).toBe('p');
  });
});
