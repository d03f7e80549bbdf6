import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT } from '../../../src/paths';
import { freePort } from '../../../src/dev/freePort';

export interface FaultPostgres {
  /** A connection string for `database` on this server. */
  urlFor(database: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and its controller and deletes the cluster. */
  close(): Promise<void>;
}

// Generous: initdb on a busy CI machine can take a while.
const COMMAND_TIMEOUT_MS = 90_000;
// Matches src/dev/embeddedPostgres.ts, which runs the cluster.
const CREDENTIALS = 'postgres:contact-card-local';

/**
 * A PostgreSQL of the fault tests' own, on its own port and folder, because they stop it: the
 * shared test server must keep serving the other test files meanwhile.
 */
export async function startFaultPostgres(): Promise<FaultPostgres> {
  const port = await freePort();
  const dataDir = path.join(PROJECT_ROOT, '.data', `fault-postgres-${process.pid}`);
  const controller = spawn(
    process.execPath,
    [
      '-r',
      path.join(__dirname, 'swcRegister.cjs'),
      path.join(__dirname, 'postgresController.ts'),
      dataDir,
      String(port),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const answers = createInterface({ input: controller.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<void>((resolve) => controller.once('exit', () => resolve()));

  const send = async (command: 'start' | 'stop') => {
    controller.stdin.write(`${command}\n`);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${command} took over ${COMMAND_TIMEOUT_MS} ms`)),
        COMMAND_TIMEOUT_MS,
      ).unref(),
    );
    const next = await Promise.race([answers.next(), timeout]);
    const answer = next.done
      ? { ok: false, error: 'controller exited' }
      : (JSON.parse(next.value) as { ok: boolean; error?: string });
    if (!answer.ok) throw new Error(`fault postgres ${command} failed: ${answer.error ?? ''}`);
  };

  const server: FaultPostgres = {
    urlFor: (database) => `postgres://${CREDENTIALS}@127.0.0.1:${String(port)}/${database}`,
    start: () => send('start'),
    stop: () => send('stop'),
    async close() {
      controller.stdin.end();
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  try {
    await server.start();
  } catch (error) {
    await server.close();
    throw error;
  }
  return server;
}
