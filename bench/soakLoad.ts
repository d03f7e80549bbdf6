import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { BenchLogin } from './salesforceLogin';
import { emptyTally, runClient, type SoakTargets, type Tally } from './soakClient';
import { soakUserOf, type SoakUser } from './soakUsers';

// A bound on the count as well as the time: no client loops unchecked.
const MAX_ACTIONS_PER_CLIENT_SECOND = 2_000;

export interface SoakLoad {
  login: Pick<BenchLogin, 'signIn'>;
  clients: number;
  deadline: number;
  signal: AbortSignal;
}

export interface SoakRun {
  tally: Tally;
  /** Who each client signed in as, by client. */
  users: SoakUser[];
}

/**
 * Signs in every client through "Sign in with Salesforce" as one of the soak's users (a session
 * of its own, even where clients share a user), with its own keep-alive connection like a
 * browser's, and runs them all side by side until the deadline.
 */
export async function runSoakLoad(load: SoakLoad, targets: SoakTargets): Promise<SoakRun> {
  const tally = emptyTally();
  const runId = randomBytes(3).toString('hex');
  const users = Array.from({ length: load.clients }, (_, client) => soakUserOf(client));
  const agents = users.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  try {
    const browsers = await Promise.all(
      users.map(async (user, client) => ({
        http: await load.login.signIn(user.key, agents[client]),
        user,
      })),
    );
    const maxActions = Math.ceil(
      ((load.deadline - Date.now()) / 1000) * MAX_ACTIONS_PER_CLIENT_SECOND,
    );
    await Promise.all(
      browsers.map((browser, client) =>
        runClient(browser, targets, tally, {
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
  return { tally, users };
}
