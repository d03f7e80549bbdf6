import { createInterface } from 'node:readline';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../../src/dev/embeddedPostgres';

/**
 * Runs outside jest and owns one embedded PostgreSQL, so a test can stop and start the server
 * its app talks to. Reads `start` / `stop` lines on stdin and answers each with one JSON line;
 * when stdin closes (the test finished or died) it stops the server and exits.
 */
const [dataDir = '', port = ''] = process.argv.slice(2);
let server: EmbeddedServer | undefined;

const commands: Record<string, () => Promise<void>> = {
  async start() {
    server ??= await startEmbeddedPostgres({
      dataDir,
      port: Number(port),
      log: () => undefined,
      disposable: true,
    });
  },
  async stop() {
    await server?.stop();
    server = undefined;
  },
};

const reply = (answer: object) => {
  process.stdout.write(`${JSON.stringify(answer)}\n`);
};

let queue = Promise.resolve();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  queue = queue.then(async () => {
    const command = commands[line.trim()];
    if (!command) return reply({ ok: false, error: `unknown command ${line}` });
    try {
      await command();
      reply({ ok: true });
    } catch (error) {
      reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  });
});
lines.on('close', () => {
  void queue.then(commands.stop).finally(() => process.exit(0));
});
