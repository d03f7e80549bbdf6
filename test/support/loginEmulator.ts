import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, decodeProtectedHeader, importJWK, SignJWT, type JWTPayload } from 'jose';
import { SALESFORCE_PATHS } from '../../src/loginEmulator/salesforcePaths';
import { generateSigningJwk, type SigningJwk } from '../../src/loginEmulator/signingKey';
import {
  startLoginEmulator,
  type LoginEmulator,
  type LoginEmulatorOptions,
} from '../../src/loginEmulator/startLoginEmulator';

/** The one client every test emulator knows. */
export const TEST_CLIENT_ID = 'contact-card-test';
export const TEST_CLIENT_SECRET = 'contact-card-test-secret';

export type TestLoginEmulatorOptions = Pick<LoginEmulatorOptions, 'port' | 'issuer' | 'jwks'>;

/** A login emulator with the test client registered for `redirectUris`. */
export function startTestLoginEmulator(
  redirectUris: string[],
  options: TestLoginEmulatorOptions = {},
): Promise<LoginEmulator> {
  return startLoginEmulator({
    ...options,
    env: 'test',
    clients: [{ clientId: TEST_CLIENT_ID, clientSecret: TEST_CLIENT_SECRET, redirectUris }],
  });
}

const MAX_HOPS = 10;

/**
 * Signs in at the emulator as a browser would: follows its redirects, keeping its cookies,
 * picks `userKey` on the login page and stops at the redirect back to the client. Returns that
 * callback URL (with `code` and `state`) without requesting it, for the test to hand to the app
 * under test. Pass the same `cookies` to two calls to sign in twice from one browser.
 */
export async function chooseSampleUser(
  authorizationUrl: string,
  userKey: string,
  cookies = new Map<string, string>(),
): Promise<string> {
  const redirectUri = new URL(authorizationUrl).searchParams.get('redirect_uri');
  if (!redirectUri) throw new Error(`No redirect_uri in the authorization URL ${authorizationUrl}`);
  const callback = new URL(redirectUri);
  let url = new URL(authorizationUrl);
  let form: URLSearchParams | undefined;

  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    const response = await fetch(url, {
      method: form ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: form,
    });
    keepCookies(cookies, response.headers.getSetCookie());
    form = undefined;
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, url);
      if (next.origin === callback.origin && next.pathname === callback.pathname) return next.href;
      url = next;
      continue;
    }
    const page = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (response.status !== 200 || !action) {
      throw new Error(`The login emulator answered ${response.status} at ${url.href}: ${page}`);
    }
    if (!page.includes(`name="user" value="${userKey}"`)) {
      throw new Error(`The login page offers no sample user "${userKey}"`);
    }
    url = new URL(action.replaceAll('&amp;', '&'), url);
    form = new URLSearchParams({ user: userKey });
  }
  throw new Error(`No redirect to ${redirectUri} after ${MAX_HOPS} requests`);
}

/** Enough of a cookie jar for one host: paths are ignored, cleared cookies are dropped. */
function keepCookies(cookies: Map<string, string>, setCookies: string[]): void {
  for (const line of setCookies) {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const expires = attributes.find((a) => /^expires=/i.test(a))?.slice('expires='.length);
    const cleared =
      value === '' ||
      attributes.some((a) => /^max-age=(0|-)/i.test(a)) ||
      (expires !== undefined && Date.parse(expires) <= Date.now());
    if (cleared) cookies.delete(name);
    else cookies.set(name, value);
  }
}

/** What to do to one ID token: its new claims, and whose key signs them. */
export interface IdTokenTampering {
  claims: JWTPayload;
  /** `provider`: the emulator's real key; `other`: a key the provider never published. */
  signWith: 'provider' | 'other';
}

/** Given the real token's claims, returns the tampering to apply, or null to pass it through. */
export type Tamper = (idTokenClaims: JWTPayload) => IdTokenTampering | null;

export interface TamperingProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback proxy in front of the emulator that passes everything through unchanged (Host
 * header included, so the emulator's URLs name the proxy), except the ID token in a successful
 * token response, which `tamper` may change and have re-signed. `target` may be a function when
 * the emulator starts after the proxy, because its issuer must be the proxy's URL.
 */
export async function startTamperingProxy(
  target: string | (() => string),
  tamper: Tamper,
  providerKey: SigningJwk,
): Promise<TamperingProxy> {
  const otherKey = generateSigningJwk();
  const resign = async (idToken: string, tampering: IdTokenTampering): Promise<string> => {
    const header = decodeProtectedHeader(idToken);
    const key = await importJWK(tampering.signWith === 'provider' ? providerKey : otherKey);
    // The real key id either way: a forger would claim the provider's key.
    return new SignJWT(tampering.claims).setProtectedHeader({ ...header, alg: 'RS256' }).sign(key);
  };

  const server = http.createServer((req, res) => {
    const base = typeof target === 'string' ? target : target();
    const path = req.url ?? '/';
    const upstream = http.request(
      new URL(path, base),
      { method: req.method, headers: req.headers, agent: false },
      (reply) => {
        const status = reply.statusCode ?? 502;
        if (new URL(path, base).pathname !== SALESFORCE_PATHS.token || status !== 200) {
          res.writeHead(status, reply.headers);
          reply.pipe(res);
          return;
        }
        void tamperedTokenResponse(reply, tamper, resign).then(
          (text) => {
            const headers = { ...reply.headers, 'content-length': Buffer.byteLength(text) };
            delete headers['transfer-encoding'];
            res.writeHead(status, headers).end(text);
          },
          (error: unknown) => {
            res.writeHead(502).end(`The tampering proxy failed: ${String(error)}`);
          },
        );
      },
    );
    upstream.on('error', (error) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(`The tampering proxy could not reach the emulator: ${error.message}`);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function tamperedTokenResponse(
  reply: http.IncomingMessage,
  tamper: Tamper,
  resign: (idToken: string, tampering: IdTokenTampering) => Promise<string>,
): Promise<string> {
  let text = '';
  reply.setEncoding('utf8');
  for await (const chunk of reply) text += chunk as string;
  const body = JSON.parse(text) as Record<string, unknown>;
  if (typeof body.id_token !== 'string') return text;
  const tampering = tamper(decodeJwt(body.id_token));
  if (!tampering) return text;
  return JSON.stringify({ ...body, id_token: await resign(body.id_token, tampering) });
}

export interface TamperableLoginEmulator {
  /** The proxy's URL: discover from here, so every request and token passes the proxy. */
  issuer: string;
  /** Applies to every later token response; null passes tokens through untouched. */
  setTamper(tamper: Tamper | null): void;
  close(): Promise<void>;
}

/** The test emulator behind a tampering proxy, with a signing key the proxy also holds. */
export async function startTamperableLoginEmulator(
  redirectUris: string[],
): Promise<TamperableLoginEmulator> {
  const key = generateSigningJwk();
  let current: Tamper | null = null;
  let emulatorUrl = '';
  const proxy = await startTamperingProxy(
    () => emulatorUrl,
    (claims) => current?.(claims) ?? null,
    key,
  );
  let emulator: LoginEmulator;
  try {
    emulator = await startTestLoginEmulator(redirectUris, {
      issuer: proxy.url,
      jwks: { keys: [key] },
    });
  } catch (error) {
    await proxy.close();
    throw error;
  }
  emulatorUrl = emulator.url;
  return {
    issuer: proxy.url,
    setTamper: (tamper) => {
      current = tamper;
    },
    close: async () => {
      await proxy.close();
      await emulator.close();
    },
  };
}
