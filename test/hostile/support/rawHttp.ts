import type { Express } from 'express';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Sends exactly these headers and bytes, for requests a test client would rewrite (a gzip body
 * with a made-up Content-Length, say). Listens on loopback for this one request.
 */
export async function rawRequest(
  app: Express,
  options: { method: string; path: string; headers: Record<string, string>; body: Buffer },
): Promise<{ status: number; text: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: options.method,
          path: options.path,
          headers: options.headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
          });
        },
      );
      req.on('error', reject);
      req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
      req.end(options.body);
    });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
