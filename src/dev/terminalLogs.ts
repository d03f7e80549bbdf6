import pino, { type DestinationStream } from 'pino';

/**
 * Readable log lines for a person at a terminal, or undefined to keep JSON when the output goes
 * to a file or another program (CI, tests that read the log). pino loads pino-pretty by name in
 * a worker thread: nothing imports it, which matters because it is a devDependency and Heroku
 * prunes those before the web process (server.ts, which never calls this) runs.
 */
export function terminalLogDestination(): DestinationStream | undefined {
  if (!process.stdout.isTTY) return undefined;
  return pino.transport({
    target: 'pino-pretty',
    options: {
      translateTime: 'SYS:HH:MM:ss',
      // A request line reads "request completed: GET /contacts 200 in 12 ms".
      ignore: 'pid,hostname,req,res,responseTime',
      messageFormat:
        '{msg}{if req.method}: {req.method} {req.path} {res.statusCode}{end}{if responseTime} in {responseTime} ms{end}',
      // Each line is written as it comes, so the banner, written after a flush, lands below them.
      sync: true,
    },
  });
}
