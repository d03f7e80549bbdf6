/**
 * The secrets production insists on (config.ts applies them to the production entry points):
 * nothing missing, nothing anyone could read or guess. Development takes any of them.
 */

export const DEVELOPMENT_PASSWORD = 'contact-card';
export const MAKE_A_SECRET = 'make one with `openssl rand -hex 32`';
const MIN_PRODUCTION_PASSWORD = 16;
// 64 random hex characters (`openssl rand -hex 32`, Heroku's secret generator) hold fewer than
// 8 different ones about once in 10^19; typed patterns (`aaaa…`, `changeme` repeated) do.
const MIN_DISTINCT_SECRET_CHARACTERS = 8;

/** The settings production checks, as the configuration schema reads them. */
export interface ProductionSettings {
  DATABASE_URL?: string | undefined;
  APP_PASSWORD?: string | undefined;
  SESSION_SECRET?: string | undefined;
  CONTACT_CARD_DEMO: boolean;
}

/**
 * Why production must not start with these settings: each missing or guessable secret, with what
 * to set; none when it may. What "guessable" means is in docs/security.md#secrets.
 */
export function productionProblems(
  e: ProductionSettings,
  signIn: { passwordSignIn: boolean; hasSalesforce: boolean },
): string[] {
  const missing = [
    e.DATABASE_URL ? null : 'DATABASE_URL (attach Heroku Postgres)',
    // A demo signs in as local development does: with the development password by default.
    e.APP_PASSWORD || e.CONTACT_CARD_DEMO || signIn.hasSalesforce
      ? null
      : 'APP_PASSWORD (the sign-in password), or SALESFORCE_CLIENT_ID, _SECRET and _ORG_ID',
    e.SESSION_SECRET ? null : `SESSION_SECRET (32+ random characters: ${MAKE_A_SECRET})`,
  ].filter((name) => name !== null);
  const weak = [
    signIn.passwordSignIn && !e.CONTACT_CARD_DEMO ? appPasswordProblem(e.APP_PASSWORD) : null,
    sessionSecretProblem(e.SESSION_SECRET),
  ].filter((problem) => problem !== null);
  return [
    ...(missing.length > 0 ? [`Production needs these settings:\n  ${missing.join('\n  ')}`] : []),
    ...weak,
  ];
}

/** The shared password is the only factor of a shared editor: long, and never the public one. */
function appPasswordProblem(password: string | undefined): string | null {
  if (password === undefined) return null;
  if (password === DEVELOPMENT_PASSWORD) {
    return `APP_PASSWORD is the development password "${DEVELOPMENT_PASSWORD}", which anyone can read in the README: set a password of ${MIN_PRODUCTION_PASSWORD}+ characters of your own (say, four random words, or \`openssl rand -base64 18\`).`;
  }
  if (password.length < MIN_PRODUCTION_PASSWORD) {
    return `APP_PASSWORD must be at least ${MIN_PRODUCTION_PASSWORD} characters in production; it has ${password.length}. Set a longer one (say, four random words, or \`openssl rand -base64 18\`).`;
  }
  return null;
}

/**
 * Whoever knows the secret can sign a session as anyone. Not the .env.example placeholder (nor
 * an edited copy of it), at least MIN_DISTINCT_SECRET_CHARACTERS different characters, and not
 * one shorter piece repeated: what a random value always passes and a typed pattern does not.
 */
function sessionSecretProblem(secret: string | undefined): string | null {
  if (secret === undefined) return null;
  if (secret.toLowerCase().startsWith('replace-with')) {
    return `SESSION_SECRET is the placeholder from .env.example, which anyone can read: ${MAKE_A_SECRET}.`;
  }
  if (new Set(secret).size < MIN_DISTINCT_SECRET_CHARACTERS || repeatsAPiece(secret)) {
    return `SESSION_SECRET does not look random (fewer than ${MIN_DISTINCT_SECRET_CHARACTERS} different characters, or one piece repeated): ${MAKE_A_SECRET}.`;
  }
  return null;
}

/** Whether the text is a shorter piece over and over (`abcabcab`), the last time perhaps cut short. */
function repeatsAPiece(text: string): boolean {
  for (let period = 1; period <= text.length / 2; period += 1) {
    if (text.slice(period) === text.slice(0, text.length - period)) return true;
  }
  return false;
}
