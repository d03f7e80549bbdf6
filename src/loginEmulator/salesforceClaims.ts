import { subjectOf, type SampleSalesforceUser } from './sampleUsers';

/**
 * Which scope releases which claim. Salesforce returns `user_id` and `organization_id` with any
 * OpenID sign-in, so they ride on `openid`; the app needs both to check the org.
 */
export const CLAIMS_BY_SCOPE: Record<string, string[]> = {
  openid: ['sub', 'user_id', 'organization_id'],
  profile: ['name', 'preferred_username', 'zoneinfo', 'locale'],
  email: ['email', 'email_verified'],
  custom_permissions: ['custom_permissions'],
};

export const SCOPES = Object.keys(CLAIMS_BY_SCOPE);

/** Every claim the user has; the provider keeps those the granted scopes release. */
export function claimsOf(user: SampleSalesforceUser): Record<string, unknown> {
  return {
    sub: subjectOf(user),
    user_id: user.userId,
    organization_id: user.organizationId,
    name: user.name,
    preferred_username: user.preferredUsername,
    zoneinfo: user.zoneinfo,
    locale: user.locale,
    email: user.email,
    email_verified: true,
    custom_permissions: { ...user.customPermissions },
  };
}
