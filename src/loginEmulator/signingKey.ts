import { generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';

/** A private RSA key as a JWK, as the provider's `jwks` and a test's re-signing both need. */
export interface SigningJwk extends JsonWebKey {
  kty: 'RSA';
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

export interface SigningJwks {
  keys: SigningJwk[];
}

/** Salesforce signs ID tokens with RS256; a fresh key per start keeps no secret in the repo. */
export function generateSigningJwk(): SigningJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...privateKey.export({ format: 'jwk' }),
    kty: 'RSA',
    kid: randomUUID(),
    alg: 'RS256',
    use: 'sig',
  };
}
