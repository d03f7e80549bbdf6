import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { ConfigError, loadConfig, loadProductionConfig } from '../../src/config';

const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://u:p@db.example.com:5432/d1',
  APP_PASSWORD: 'a long shared password',
  // What `openssl rand -hex 32` and Heroku's secret generator make.
  SESSION_SECRET: randomBytes(32).toString('hex'),
};

function problemsWith(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted the configuration');
}

describe('loading configuration', () => {
  test('when production has DATABASE_URL, APP_PASSWORD and SESSION_SECRET, then it loads with them', () => {
    const config = loadConfig(PRODUCTION);

    expect(config).toMatchObject({
      isProduction: true,
      databaseUrl: PRODUCTION.DATABASE_URL,
      appPassword: PRODUCTION.APP_PASSWORD,
      usesDevelopmentPassword: false,
      sessionSecret: PRODUCTION.SESSION_SECRET,
    });
  });

  test('when production lacks all three, then one clear error names each with what to do', () => {
    const message = problemsWith({ NODE_ENV: 'production' });

    expect(message).toContain('Production needs these settings');
    expect(message).toContain('DATABASE_URL (attach Heroku Postgres)');
    expect(message).toContain('APP_PASSWORD (the sign-in password)');
    expect(message).toContain(
      'SESSION_SECRET (32+ random characters: make one with `openssl rand -hex 32`)',
    );
  });

  test.each(['DATABASE_URL', 'APP_PASSWORD', 'SESSION_SECRET'] as const)(
    'when production lacks only %s, then the error names just that one',
    (name) => {
      const rest = Object.fromEntries(Object.entries(PRODUCTION).filter(([key]) => key !== name));

      const message = problemsWith(rest);

      expect(message).toContain(name);
      for (const other of ['DATABASE_URL', 'APP_PASSWORD', 'SESSION_SECRET'].filter(
        (n) => n !== name,
      )) {
        expect(message).not.toContain(other);
      }
    },
  );

  test('when a production demo has no APP_PASSWORD, then it signs in with the development password', () => {
    const rest = Object.fromEntries(
      Object.entries(PRODUCTION).filter(([key]) => key !== 'APP_PASSWORD'),
    );

    const config = loadConfig({ ...rest, CONTACT_CARD_DEMO: 'true' });

    expect(config).toMatchObject({
      isProduction: true,
      demo: true,
      appPassword: 'contact-card',
      usesDevelopmentPassword: true,
    });
    expect(problemsWith(rest)).toContain('APP_PASSWORD');
  });

  test.each([
    ['true', true],
    ['1', true],
    ['false', false],
    ['', false],
  ])('when CONTACT_CARD_DEMO is "%s", then demo mode is %s', (value, demo) => {
    expect(loadConfig({ CONTACT_CARD_DEMO: value }).demo).toBe(demo);
  });

  test('when CONTACT_CARD_DEMO is not a yes or no, then the error names it', () => {
    expect(problemsWith({ CONTACT_CARD_DEMO: 'maybe' })).toContain('CONTACT_CARD_DEMO');
  });

  test.each(['abc', '1.5', '0', '65'])(
    'when WEB_CONCURRENCY is %s, then the error says what it must be',
    (value) => {
      expect(problemsWith({ WEB_CONCURRENCY: value })).toContain(
        'WEB_CONCURRENCY must be a whole number from 1 to 64',
      );
    },
  );

  test('when WEB_CONCURRENCY is unset or blank, then one web process runs', () => {
    expect(loadConfig({}).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '' }).webConcurrency).toBe(1);
    expect(loadConfig({ WEB_CONCURRENCY: '3' }).webConcurrency).toBe(3);
  });

  test('when a production setting is blank, as `NAME=` in .env, then it counts as missing', () => {
    expect(problemsWith({ ...PRODUCTION, APP_PASSWORD: '' })).toContain('APP_PASSWORD');
  });

  test('when SESSION_SECRET is shorter than 32 characters, then the error says so', () => {
    expect(problemsWith({ ...PRODUCTION, SESSION_SECRET: 'short' })).toContain(
      'SESSION_SECRET must be at least 32 characters: make one with `openssl rand -hex 32`',
    );
  });

  test('when several values are malformed, then every problem is listed at once', () => {
    const message = problemsWith({
      PORT: 'eighty',
      DATABASE_URL: 'not a url',
      CONNECT_SCHEMA: 'Sales Force',
      PGSSLMODE: 'sometimes',
    });

    expect(message).toContain('Invalid configuration');
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('CONNECT_SCHEMA must be a plain lower-case identifier');
    expect(message).toContain('PGSSLMODE');
  });

  test('when nothing is set in development, then it runs with the documented development password and a random secret', () => {
    const first = loadConfig({});
    const second = loadConfig({});

    expect(first).toMatchObject({
      env: 'development',
      isProduction: false,
      port: 3000,
      databaseUrl: undefined,
      appPassword: 'contact-card',
      usesDevelopmentPassword: true,
      connectSchema: 'salesforce',
    });
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.sessionSecret).not.toBe(first.sessionSecret);
  });

  test('when PGSSLMODE and PORT are set, then they are passed on typed', () => {
    const config = loadConfig({ PGSSLMODE: 'no-verify', PORT: '5006' });

    expect(config.pgSslMode).toBe('no-verify');
    expect(config.port).toBe(5006);
  });

  describe('Sign in with Salesforce', () => {
    const SALESFORCE = {
      SALESFORCE_CLIENT_ID: '3MVG9example',
      SALESFORCE_CLIENT_SECRET: 'consumer secret',
      SALESFORCE_ORG_ID: '00D5g000004Xyz1EAC',
      APP_URL: 'https://contacts.example.com',
    };

    test('when the client id, secret and org id are set, then production signs in with Salesforce only', () => {
      const config = loadConfig({ ...PRODUCTION, APP_PASSWORD: '', ...SALESFORCE });

      expect(config.salesforce).toEqual({
        clientId: SALESFORCE.SALESFORCE_CLIENT_ID,
        clientSecret: SALESFORCE.SALESFORCE_CLIENT_SECRET,
        orgId: SALESFORCE.SALESFORCE_ORG_ID,
        loginUrl: 'https://login.salesforce.com',
        appUrl: 'https://contacts.example.com',
      });
      expect(config.passwordSignIn).toBe(false);
      expect(config.defaultRole).toBe('none');
    });

    test('when Salesforce is not set up, then production keeps the shared password and development has both', () => {
      expect(loadConfig(PRODUCTION)).toMatchObject({ salesforce: null, passwordSignIn: true });
      expect(loadConfig({ ...SALESFORCE })).toMatchObject({ passwordSignIn: true });
    });

    test('when only some of the three are set, then the error names the missing ones', () => {
      const message = problemsWith({ ...PRODUCTION, SALESFORCE_CLIENT_ID: 'key' });

      expect(message).toContain('SALESFORCE_CLIENT_SECRET');
      expect(message).toContain('SALESFORCE_ORG_ID');
      expect(message).not.toContain('SALESFORCE_CLIENT_ID (');
    });

    test('when the org id or login URL is malformed, then each is named', () => {
      const message = problemsWith({
        ...PRODUCTION,
        ...SALESFORCE,
        SALESFORCE_ORG_ID: '005000000000001',
        SALESFORCE_LOGIN_URL: 'http://login.example.com',
      });

      expect(message).toContain('SALESFORCE_ORG_ID must be an org id');
      expect(message).toContain('SALESFORCE_LOGIN_URL must be an https URL');
    });

    test('when production has Salesforce but no address of its own, then it refuses to start and says what to set', () => {
      const message = problemsWith({ ...PRODUCTION, ...SALESFORCE, APP_URL: '' });

      expect(message).toContain("Sign in with Salesforce needs the app's own address");
      expect(message).toContain('APP_URL');
      expect(message).toContain('heroku labs:enable runtime-dyno-metadata');
    });

    test('when Heroku’s dyno metadata names the app’s domain, then the callback is built on it over https', () => {
      const config = loadConfig({
        ...PRODUCTION,
        ...SALESFORCE,
        APP_URL: '',
        HEROKU_APP_NAME: 'contacts',
        HEROKU_APP_DEFAULT_DOMAIN_NAME: 'contacts-1a2b3c4d5e6f.herokuapp.com',
      });

      expect(config.salesforce?.appUrl).toBe('https://contacts-1a2b3c4d5e6f.herokuapp.com');
    });

    test('when APP_URL is set, then it wins over dyno metadata and only its origin is kept', () => {
      const config = loadConfig({
        ...PRODUCTION,
        ...SALESFORCE,
        APP_URL: 'https://contacts.example.com/some/path',
        HEROKU_APP_DEFAULT_DOMAIN_NAME: 'contacts-1a2b3c4d5e6f.herokuapp.com',
      });

      expect(config.appUrl).toBe('https://contacts.example.com');
    });

    test('when APP_URL is plain http away from this machine, then it is refused', () => {
      expect(problemsWith({ ...PRODUCTION, APP_URL: 'http://contacts.example.com' })).toContain(
        'APP_URL must be the https address',
      );
    });

    test('when development has no APP_URL, then its address is localhost at PORT, and unknown at PORT 0', () => {
      expect(loadConfig({ PORT: '5006' }).appUrl).toBe('http://localhost:5006');
      expect(loadConfig({ PORT: '0' }).appUrl).toBeUndefined();
      expect(problemsWith({ PORT: '0', ...SALESFORCE, APP_URL: '' })).toContain(
        "Sign in with Salesforce needs the app's own address",
      );
    });

    test('when DEFAULT_ROLE is none or something unknown, then none is kept and the unknown refused', () => {
      expect(loadConfig({ DEFAULT_ROLE: 'none' }).defaultRole).toBe('none');
      expect(problemsWith({ DEFAULT_ROLE: 'owner' })).toContain('DEFAULT_ROLE');
    });
  });
});

describe('production rules', () => {
  test.each([
    ['unset', {}],
    ['development', { NODE_ENV: 'development' }],
    ['test', { NODE_ENV: 'test' }],
    ['staging', { NODE_ENV: 'staging' }],
  ])(
    'when a production command loads its settings with NODE_ENV %s, then production rules apply and it says what NODE_ENV was',
    (said, nodeEnv) => {
      const rest = Object.fromEntries(
        Object.entries(PRODUCTION).filter(([key]) => key !== 'NODE_ENV'),
      );

      const config = loadProductionConfig({ ...rest, ...nodeEnv });

      expect(config).toMatchObject({
        env: 'production',
        isProduction: true,
        overriddenNodeEnv: said,
        defaultRole: 'none',
      });
      expect(problemsWith({ NODE_ENV: 'staging' })).toContain('NODE_ENV');
    },
  );

  test('when a production command runs with NODE_ENV=production, then nothing was overridden', () => {
    expect(loadProductionConfig(PRODUCTION).overriddenNodeEnv).toBeNull();
    expect(loadConfig(PRODUCTION).overriddenNodeEnv).toBeNull();
  });

  test('when a production command has no settings at all, then it refuses to start and names them, never falling back to the development password', () => {
    let message = '';
    try {
      loadProductionConfig({});
    } catch (error) {
      message = (error as Error).message;
    }

    expect(message).toContain('Production needs these settings');
    expect(message).toContain('APP_PASSWORD');
    expect(message).toContain('SESSION_SECRET');
  });
});

describe('production secrets', () => {
  test('when APP_PASSWORD is the development password in production, then it refuses to start and says to choose another', () => {
    const message = problemsWith({ ...PRODUCTION, APP_PASSWORD: 'contact-card' });

    expect(message).toContain('APP_PASSWORD is the development password "contact-card"');
    expect(message).toContain('16+ characters');
  });

  test.each(['x', 'fifteen chars!!'])(
    'when APP_PASSWORD is "%s" in production, then it refuses to start and says how long it must be',
    (password) => {
      expect(problemsWith({ ...PRODUCTION, APP_PASSWORD: password })).toContain(
        `APP_PASSWORD must be at least 16 characters in production; it has ${password.length}.`,
      );
    },
  );

  test('when APP_PASSWORD has 16 characters, then production accepts it', () => {
    expect(loadConfig({ ...PRODUCTION, APP_PASSWORD: 'sixteen chars!!!' }).appPassword).toBe(
      'sixteen chars!!!',
    );
  });

  test('when a production demo sets a short password or none, then it keeps it: its banner gives it', () => {
    expect(
      loadConfig({ ...PRODUCTION, CONTACT_CARD_DEMO: 'true', APP_PASSWORD: 'demo' }),
    ).toMatchObject({ demo: true, appPassword: 'demo' });
  });

  test('when Salesforce sign-in turns the password off in production, then the password is not checked and no development password is announced', () => {
    const config = loadConfig({
      ...PRODUCTION,
      APP_PASSWORD: '',
      SALESFORCE_CLIENT_ID: '3MVG9example',
      SALESFORCE_CLIENT_SECRET: 'consumer secret',
      SALESFORCE_ORG_ID: '00D5g000004Xyz1EAC',
      APP_URL: 'https://contacts.example.com',
    });

    expect(config).toMatchObject({ passwordSignIn: false, usesDevelopmentPassword: false });
  });

  test('when SESSION_SECRET is the .env.example placeholder in production, then it refuses to start and says how to make one', () => {
    const example = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8');
    const placeholder = /^SESSION_SECRET=(.*)$/m.exec(example)?.[1] ?? '';
    expect(placeholder.length).toBeGreaterThanOrEqual(32);

    const message = problemsWith({ ...PRODUCTION, SESSION_SECRET: placeholder });

    expect(message).toContain('SESSION_SECRET is the placeholder from .env.example');
    expect(message).toContain('openssl rand -hex 32');
    // Development reads .env.example as it is.
    expect(loadConfig({ SESSION_SECRET: placeholder }).sessionSecret).toBe(placeholder);
  });

  test.each([
    ['one character repeated', 's'.repeat(32)],
    ['a word repeated', 'changemechangemechangemechangeme'],
    ['a longer piece repeated, the last time cut short', 'abcdefghij'.repeat(4).slice(0, 37)],
    ['few different characters', `${'a'.repeat(20)}${'b'.repeat(20)}1234`],
  ])('when SESSION_SECRET is %s, then production refuses it as not random', (_what, secret) => {
    expect(problemsWith({ ...PRODUCTION, SESSION_SECRET: secret })).toContain(
      'SESSION_SECRET does not look random',
    );
  });

  test('when SESSION_SECRET is random, hex or base64, 32 characters or more, then production accepts it', () => {
    const lengths = fc.integer({ min: 16, max: 64 });
    fc.assert(
      fc.property(
        lengths,
        fc.constantFrom<'hex' | 'base64'>('hex', 'base64'),
        (bytes, encoding) => {
          // 16 bytes make 32 hex characters, 24 bytes 32 base64 ones.
          const secret = randomBytes(encoding === 'hex' ? bytes : bytes + 8).toString(encoding);
          return loadConfig({ ...PRODUCTION, SESSION_SECRET: secret }).sessionSecret === secret;
        },
      ),
      { numRuns: 200 },
    );
  });

  test('when several secrets are weak, then every problem is listed at once', () => {
    const message = problemsWith({
      ...PRODUCTION,
      APP_PASSWORD: 'short',
      SESSION_SECRET: 'a'.repeat(40),
    });

    expect(message).toContain('APP_PASSWORD must be at least 16 characters');
    expect(message).toContain('SESSION_SECRET does not look random');
  });
});

describe('roles and sessions', () => {
  test('when DEFAULT_ROLE is unset, then production refuses a user without a permission and development makes them a viewer', () => {
    expect(loadConfig(PRODUCTION).defaultRole).toBe('none');
    expect(loadConfig({}).defaultRole).toBe('viewer');
    expect(loadConfig({ NODE_ENV: 'test' }).defaultRole).toBe('viewer');
    expect(loadConfig({ ...PRODUCTION, DEFAULT_ROLE: 'viewer' }).defaultRole).toBe('viewer');
  });

  test('when SESSION_TTL_HOURS is 24 or less, then it is kept; above 24 the error says the limit', () => {
    expect(loadConfig({ SESSION_TTL_HOURS: '24' }).sessionTtlMs).toBe(24 * 3_600_000);
    expect(loadConfig({}).sessionTtlMs).toBe(12 * 3_600_000);
    expect(problemsWith({ SESSION_TTL_HOURS: '25' })).toContain(
      'SESSION_TTL_HOURS must be at most 24',
    );
  });
});
