import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { csrfTokenIn, httpUser } from '../support/httpUser';
import { runRelease } from '../support/runRelease';
import { APP_PASSWORD, listening, startServer, useBuildAndDatabase } from '../support/builtServer';

// Each test starts a real server process, which a busy CI machine makes slow.
jest.setTimeout(90_000);

const PLACEHOLDER_SECRET =
  /^SESSION_SECRET=(.*)$/m.exec(
    readFileSync(path.join(__dirname, '../../.env.example'), 'utf8'),
  )?.[1] ?? '';

/** A plain-http GET straight to the dyno, without Heroku's X-Forwarded-Proto. */
function plainGet(url: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, location: res.headers.location });
      })
      .on('error', reject);
  });
}

describe('node dist/server.js applies production rules whatever NODE_ENV says', () => {
  const made = useBuildAndDatabase();

  test('when NODE_ENV is unset, then behind Heroku’s router the development password is refused and every cookie is a Secure __Host- cookie', async () => {
    const server = await startServer(made.build, {
      NODE_ENV: undefined,
      DATABASE_URL: made.database.url,
    });
    try {
      await listening(server, 1);
      const user = httpUser(server.url);

      const page = await user.get('/signin');
      const form = (password: string) => ({
        _csrf: csrfTokenIn(page.text),
        password,
        next: '/contacts',
      });
      const development = await user.post('/signin', form('contact-card'));
      const own = await user.post('/signin', form(APP_PASSWORD));
      const signedIn = await user.get('/contacts');
      const plain = await plainGet(`${server.url}/signin`);

      expect(development.status).toBe(401);
      expect(own.status).toBe(303);
      expect(signedIn.status).toBe(200);
      const cookies = [page, development, own].flatMap(
        (reply) => reply.headers['set-cookie'] ?? [],
      );
      expect(cookies.length).toBeGreaterThan(0);
      for (const cookie of cookies) {
        expect(cookie).toMatch(/^__Host-/);
        expect(cookie).toMatch(/; Secure/);
      }
      expect(plain.status).toBe(301);
      expect(plain.location).toMatch(/^https:\/\//);
      expect(server.output()).toContain('NODE_ENV is unset, but this is a production command');
    } finally {
      await server.kill();
    }
  });

  test.each([
    ['no APP_PASSWORD', { APP_PASSWORD: undefined }, 'APP_PASSWORD (the sign-in password)'],
    [
      'the development password',
      { APP_PASSWORD: 'contact-card' },
      'APP_PASSWORD is the development password "contact-card"',
    ],
    [
      'a one-character APP_PASSWORD',
      { APP_PASSWORD: 'x' },
      'APP_PASSWORD must be at least 16 characters in production; it has 1.',
    ],
    [
      'a one-character SESSION_SECRET',
      { SESSION_SECRET: 'x' },
      'SESSION_SECRET must be at least 32 characters: make one with `openssl rand -hex 32`',
    ],
    [
      'the .env.example SESSION_SECRET',
      { SESSION_SECRET: PLACEHOLDER_SECRET },
      'SESSION_SECRET is the placeholder from .env.example',
    ],
  ])(
    'when NODE_ENV is unset and it has %s, then it refuses to start, exits 1 and says what to set',
    async (_what, settings, message) => {
      const server = await startServer(made.build, {
        NODE_ENV: undefined,
        DATABASE_URL: made.database.url,
        ...settings,
      });

      const exit = await server.exited;

      expect(exit.code).toBe(1);
      expect(server.output()).toContain(message);
      expect(server.output()).not.toContain('is listening');
    },
  );

  test('when the release command runs with NODE_ENV=development and a one-character secret, then the release fails and says what to set', async () => {
    const release = runRelease(made.build, made.database.url, {
      NODE_ENV: 'development',
      SESSION_SECRET: 'x',
    });

    await expect(release).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('SESSION_SECRET must be at least 32 characters') as unknown,
    });
  });
});
