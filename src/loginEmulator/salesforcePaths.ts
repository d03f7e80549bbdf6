/** Where Salesforce serves each endpoint, relative to its login host (the issuer). */
export const SALESFORCE_PATHS = {
  discovery: '/.well-known/openid-configuration',
  authorization: '/services/oauth2/authorize',
  token: '/services/oauth2/token',
  userinfo: '/services/oauth2/userinfo',
  revocation: '/services/oauth2/revoke',
  jwks: '/id/keys',
} as const;

/** The emulator's own login page; Salesforce's is elsewhere, but nothing outside links to it. */
export const INTERACTION_PATH = '/interaction';
