import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { signIn } from '../test/support/httpUser';
import { emptyTally, runClient, type SoakTargets, type Tally } from './soakClient';

// A bound on the count as well as the time: no client loops unchecked.
const MAX_ACTIONS_PER_CLIENT_SECOND = 2_000;

export interface SoakLoad {
  url: string;
  password: string;
  clients: number;
  deadline: number;
  signal: AbortSignal;
}

/**
 * Signs in every client as a user of its own, with its own keep-alive connection like a
 * browser's, and runs them all side by side until the deadline.
 */
export async function runSoakLoad(load: SoakLoad, targets: SoakTargets): Promise<Tally> {
  const tally = emptyTally();
  const runId = randomBytes(3).toString('hex');
  const maxActions = Math.ceil(
    ((load.deadline - Date.now()) / 1000) * MAX_ACTIONS_PER_CLIENT_SECOND,
  );
  const agents = Array.from(
    { length: load.clients },
    () => new http.Agent({ keepAlive: true, maxSockets: 1 }),
  );
  try {
    const users = await Promise.all(agents.map((agent) => signIn(load.url, load.password, agent)));
    await Promise.all(
      users.map((user, client) =>
        runClient(user, targets, tally, {
          valuePrefix: `soak ${runId} c${client}`,
          deadline: load.deadline,
          maxActions,
          signal: load.signal,
        }),
      ),
    );
  } finally {
    for (const agent of agents) agent.destroy();
  }
  return tally;
}
