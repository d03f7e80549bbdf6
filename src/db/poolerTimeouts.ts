import net from 'node:net';
import type pg from 'pg';

// The protocol's CancelRequest code, 1234 in the high 16 bits and 5678 in the low.
const CANCEL_REQUEST_CODE = 80_877_102;
const CANCEL_CONNECT_TIMEOUT_MS = 5000;

/**
 * The timeouts a direct connection sets once at start-up, for one transaction. PgBouncer refuses
 * them as start-up parameters ("unsupported startup parameter"), or ignores them when told to,
 * and a session-level SET would stay on a server connection that other clients share next. SET
 * LOCAL ends with the transaction, and riding in BEGIN's own message costs no round trip.
 */
export function beginWithTimeouts(statementTimeoutMs: number): string {
  if (statementTimeoutMs <= 0) return 'BEGIN';
  const ms = Math.floor(statementTimeoutMs);
  return `BEGIN; SET LOCAL statement_timeout = ${ms}; SET LOCAL idle_in_transaction_session_timeout = ${ms * 2}`;
}

/**
 * A statement outside a transaction, given the statement timeout without a round trip of its
 * own: SET LOCAL needs a transaction around it, which costs two more, and a session SET would
 * leak. The deadline sends the server a cancel request (PgBouncer forwards it to the server
 * connection that runs the statement), which answers 57014 as a statement timeout does. The
 * connection is then discarded, so a cancel that arrives late never hits a later statement.
 */
export async function queryWithDeadline<Row extends pg.QueryResultRow>(
  client: pg.PoolClient,
  statement: { text: string; params: unknown[]; deadlineMs: number },
  discard: (reason: Error) => void,
): Promise<pg.QueryResult<Row>> {
  const deadline = new AbortController();
  const timer = setTimeout(() => {
    deadline.abort();
    discard(new Error('statement cancelled at its deadline'));
    void sendCancelRequest(client);
  }, statement.deadlineMs);
  try {
    return await client.query<Row>(statement.text, statement.params);
  } catch (error) {
    if (deadline.signal.aborted && (error as { code?: unknown }).code === '57014') {
      (error as Error).message = 'canceling statement due to statement timeout';
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** The key the server (or PgBouncer) handed this connection for cancel requests. */
interface BackendKey {
  host: string;
  port: number;
  processID: number;
  secretKey: number;
}

/**
 * Sends the protocol's CancelRequest on a connection of its own, as libpq's PQcancel does;
 * node-postgres has no public call for it. It needs no TLS and no sign-in: the key is the proof.
 * A failure is not reported: the statement then runs to its end, as it would without a timeout.
 */
function sendCancelRequest(client: pg.PoolClient): Promise<void> {
  const { host, port, processID, secretKey } = client as unknown as BackendKey;
  const packet = Buffer.alloc(16);
  packet.writeInt32BE(16, 0);
  packet.writeInt32BE(CANCEL_REQUEST_CODE, 4);
  packet.writeInt32BE(processID, 8);
  packet.writeInt32BE(secretKey, 12);
  return new Promise((resolve) => {
    const socket = host.startsWith('/')
      ? net.connect(`${host}/.s.PGSQL.${port}`)
      : net.connect(port, host);
    socket.setTimeout(CANCEL_CONNECT_TIMEOUT_MS, () => socket.destroy());
    // Like libpq, the request waits for the other side to close: PgBouncer 1.18 exits with
    // "bad client state" when a cancel request's connection closes before it has passed it on.
    socket.once('connect', () => socket.write(packet));
    socket.once('error', () => undefined);
    socket.once('close', () => {
      resolve();
    });
  });
}
