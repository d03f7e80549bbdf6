import { SessionCodec, SHARED_USER, type Session } from '../../src/auth/session';

describe('the time zone a session keeps', () => {
  const codec = new SessionCodec({
    sessionSecret: 'a session secret of thirty-two characters or more',
    appPassword: 'password',
    ttlMs: 60_000,
  });
  const user = {
    id: '005000000000001AAA',
    orgId: '00D000000000001EAA',
    username: 'ada.admin@contactcard.example',
    name: 'Ada Admin',
    role: 'admin' as const,
  };
  /** A cookie as this app signs it, holding whatever user shape a test gives it. */
  const cookieFor = (sessionUser: object) =>
    codec.encode({ ...codec.create(null), user: sessionUser } as Session);

  test('when the session holds a known zone, then it is read back as it was', () => {
    const session = codec.decode(cookieFor({ ...user, timeZone: 'Asia/Tokyo' }));

    expect(session?.user?.timeZone).toBe('Asia/Tokyo');
  });

  test('when the cookie was signed before sessions kept a zone, then it stays signed in, in UTC', () => {
    const session = codec.decode(cookieFor(user));

    expect(session?.user).toEqual({ ...user, timeZone: 'UTC' });
  });

  test('when the zone in the cookie is not one Intl knows, then it is read as UTC', () => {
    const session = codec.decode(cookieFor({ ...user, timeZone: 'Mars/Olympus_Mons' }));

    expect(session?.user?.timeZone).toBe('UTC');
  });

  test('when someone signs in with the shared password, then their times are in UTC', () => {
    const session = codec.decode(codec.encode(codec.create(SHARED_USER)));

    expect(session?.user?.timeZone).toBe('UTC');
  });
});
