import { startBanner, type StartFacts } from '../../src/dev/startBanner';

const EMBEDDED = 'postgres://postgres:contact-card-local@127.0.0.1:54329/contact_card';

const facts = (changes: Partial<StartFacts>): StartFacts => ({
  url: 'http://localhost:5000',
  salesforce: { emulatorUsers: ['admin', 'editor'] },
  developmentPassword: 'contact-card',
  embeddedDatabase: EMBEDDED,
  connectEmulator: true,
  ...changes,
});

describe('the start banner', () => {
  test('when everything runs beside the app, then it says where, how to sign in, the database and the emulator', () => {
    expect(startBanner(facts({}))).toBe(
      [
        '',
        '  Contact Card  http://localhost:5000',
        "  Sign in       with Salesforce: the login emulator's sample users admin, editor",
        '                or with the password "contact-card" (set APP_PASSWORD to change it)',
        `  Database      embedded PostgreSQL, ${EMBEDDED}`,
        '  Connect       the Connect emulator syncs writes after about 2 s',
        '',
        '',
      ].join('\n'),
    );
  });

  test('when a real Salesforce and APP_PASSWORD are set, then it names the login URL and no password', () => {
    const banner = startBanner(
      facts({
        salesforce: { loginUrl: 'https://acme.my.salesforce.com' },
        developmentPassword: null,
      }),
    );

    expect(banner).toContain('  Sign in       with Salesforce at https://acme.my.salesforce.com\n');
    expect(banner).toContain('                or with APP_PASSWORD\n');
  });

  test('when Salesforce is off, then the password is the one way in', () => {
    expect(startBanner(facts({ salesforce: null }))).toContain(
      '  Sign in       with the password "contact-card" (set APP_PASSWORD to change it)\n  Database',
    );
  });

  test('when the embedded emulator failed to start, then it says writes stay pending', () => {
    expect(startBanner(facts({ connectEmulator: false }))).toContain(
      '  Connect       the Connect emulator did not start: writes stay pending (see the warning above)',
    );
  });
});
