import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config';
import type { createLogger } from '../logger';
import { interactionRoutes } from './interactions';
import { createProvider, type EmulatedClient } from './provider';
import { generateSigningJwk, type SigningJwks } from './signingKey';

export interface LoginEmulatorOptions {
  /** 0 (the default) takes any free port. The emulator listens on 127.0.0.1 only. */
  port?: number;
  /** Defaults to http://127.0.0.1:<port>; a test names its proxy here to stand in front. */
  issuer?: string;
  clients: EmulatedClient[];
  /** Private RS256 signing keys; one is generated per start when left out. */
  jwks?: SigningJwks;
  env: Config['env'];
  /** Where the provider's own failures (its 500s) are reported. */
  logger?: Pick<ReturnType<typeof createLogger>, 'error'>;
}

export interface LoginEmulator {
  issuer: string;
  /** Where the emulator itself listens, which differs from `issuer` behind a proxy. */
  url: string;
  close(): Promise<void>;
}

export const PRODUCTION_REFUSAL =
  'The Salesforce login emulator is for local development and tests only';

/**
 * A Salesforce-shaped OpenID provider on loopback, whose login page lists sample users instead
 * of asking for a password. Anyone who reaches it can sign in as anyone, hence the refusal to
 * start in production.
 */
export async function startLoginEmulator(options: LoginEmulatorOptions): Promise<LoginEmulator> {
  if (options.env === 'production') throw new Error(PRODUCTION_REFUSAL);

  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;

  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive sockets from clients and browsers would otherwise hold close() open.
      server.closeAllConnections();
    });

  try {
    const provider = await createProvider({
      issuer,
      clients: options.clients,
      jwks: options.jwks ?? { keys: [generateSigningJwk()] },
    });
    provider.on('server_error', (_ctx, error) => {
      options.logger?.error({ err: error }, 'Salesforce login emulator failed a request');
    });
    const app = express();
    app.disable('x-powered-by');
    app.use(interactionRoutes(provider));
    app.use(provider.callback());
    server.on('request', app);
  } catch (error) {
    await close();
    throw error;
  }

  return { issuer, url, close };
}
