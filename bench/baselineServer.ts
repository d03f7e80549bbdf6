import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import http from 'node:http';

/**
 * The bench's yardstick: `node baselineServer.js PORT BODY_FILE WORKERS` serves the bytes of
 * BODY_FILE (a copy of the list page) on loopback with no framework, no database and no
 * templating, in as many processes as the app has workers.
 */
const [port = '0', bodyFile = '', workers = '1'] = process.argv.slice(2);

if (cluster.isPrimary && Number(workers) > 1) {
  for (let i = 0; i < Number(workers); i += 1) cluster.fork();
} else {
  const body = readFileSync(bodyFile);
  const headers = { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length };
  http
    .createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    })
    .listen(Number(port), '127.0.0.1', () => {
      console.log(`listening on ${port}`);
    });
}
