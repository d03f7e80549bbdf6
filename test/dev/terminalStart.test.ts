import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from '../../src/dev/freePort';
import type { Build } from '../support/sharedBuild';
import { useBuildAndDatabase, waitFor } from '../support/builtServer';

/** A script of the build run under `script`, which gives it a terminal as a developer's shell does. */
async function startAtTerminal(build: Build, file: string, env: Record<string, string>) {
  const port = await freePort();
  let output = '';
  const child = spawn('script', ['-qfec', `${process.execPath} ${file}`, '/dev/null'], {
    cwd: build.dir,
    env: { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    // As a person sees it: without colours, and with the terminal's \r\n as \n.
    output += stripVTControlCharacters(chunk.toString()).replace(/\r\n/g, '\n');
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  return {
    port,
    output: () => output,
    async kill() {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // ESRCH: it has already gone.
      }
      await exited;
    },
  };
}

describe('starting at a terminal', () => {
  const made = useBuildAndDatabase();

  test('when npm start runs at a terminal, then it shows a banner, readable lines and one line for the indexes', async () => {
    const server = await startAtTerminal(made.build, 'dist/devServer.js', {
      NODE_ENV: 'development',
      DATABASE_URL: made.database.url,
      SAMPLE_CONTACTS: '5',
    });
    try {
      // The index build runs beside the start, so either line may come first.
      await waitFor(
        'the indexes and the listening line',
        () =>
          server.output().includes('Contact indexes ready') &&
          server.output().includes('is listening'),
        60_000,
      );
      // The import worker runs beside it, its lines passed on as readable ones.
      await waitFor('the worker', () => server.output().includes('worker: The worker is taking'));
      const output = server.output();
      expect(output).toMatch(
        /^\[\d\d:\d\d:\d\d\] INFO: worker: The worker is taking import jobs$/m,
      );

      expect(output).toContain(
        [
          `  Contact Card  http://localhost:${server.port}`,
          "  Sign in       with Salesforce: the login emulator's sample users admin, editor, viewer, nobody, other-org",
          '                or with the password "contact-card" (set APP_PASSWORD to change it)',
          '  Database      DATABASE_URL',
          '  Connect       no emulator: `npm run emulator` syncs writes in this database',
        ].join('\n'),
      );
      expect(output).toMatch(
        new RegExp(
          `^\\[\\d\\d:\\d\\d:\\d\\d\\] INFO: Contact Card is listening on http://localhost:${server.port}$`,
          'm',
        ),
      );
      expect(output).toMatch(
        /^\[\d\d:\d\d:\d\d\] INFO: Contact indexes ready: \d+ built in \d+\.\d s\.$/m,
      );
      expect(output).not.toContain('Creating index');
      expect(output).not.toMatch(/^\{/m);
    } finally {
      await server.kill();
    }
  });

  test('when the production web process runs at a terminal, then every line is still JSON', async () => {
    const server = await startAtTerminal(made.build, 'dist/server.js', {
      NODE_ENV: 'production',
      DATABASE_URL: made.database.url,
      APP_PASSWORD: 'a production password for this test',
      SESSION_SECRET: 'terminal-test-secret-that-is-at-least-32-characters',
    });
    try {
      await waitFor('listening', () => server.output().includes('is listening'));
      const lines = server.output().trim().split('\n');

      expect(lines.map((line) => (JSON.parse(line) as { msg: string }).msg)).toContain(
        `Contact Card is listening on http://localhost:${server.port}`,
      );
    } finally {
      await server.kill();
    }
  });
});
