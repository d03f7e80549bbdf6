import cluster from 'node:cluster';
import http from 'node:http';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { handle } from './handle';
import { sameWorkServices } from './services';

/**
 * The bench's second yardstick: a bare node:http server that does each page's work as the app
 * does it (the same SQL through pg, on the app's own pool settings and data layer) and writes
 * the same HTML with template literals, without Express, its middleware or EJS. It reads the
 * app's configuration from the same environment (PORT, WEB_CONCURRENCY, DATABASE_URL, …) and
 * runs as many processes as the app has workers.
 */
const config = loadConfig();
const logger = createLogger(config.logLevel);

if (cluster.isPrimary && config.webConcurrency > 1) {
  for (let i = 0; i < config.webConcurrency; i += 1) cluster.fork();
} else {
  const services = sameWorkServices(config, logger);
  http
    .createServer((req, res) => {
      handle(req, res, services).catch((error: unknown) => {
        logger.error({ err: error }, 'same-work request failed');
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('Internal error');
      });
    })
    .listen(config.port, '127.0.0.1', () => {
      console.log(`same-work server listening on ${config.port}`);
    });
}
