import type { Role } from '../web/signedInUser';

/**
 * Custom permissions a Salesforce admin grants with a permission set. The strongest one held
 * wins. Contact_Card_Viewer matters only with DEFAULT_ROLE=none: it is how read-only access is
 * granted when people without a permission are kept out.
 */
export const ROLE_PERMISSIONS: readonly { permission: string; role: Role }[] = [
  { permission: 'Contact_Card_Admin', role: 'admin' },
  { permission: 'Contact_Card_Editor', role: 'editor' },
  { permission: 'Contact_Card_Viewer', role: 'viewer' },
];

/** The user's role, or null when they hold no permission and the default is to refuse. */
export function roleFromPermissions(
  customPermissions: Readonly<Record<string, unknown>>,
  defaultRole: Role | 'none',
): Role | null {
  const held = ROLE_PERMISSIONS.find(({ permission }) => customPermissions[permission] === true);
  if (held) return held.role;
  return defaultRole === 'none' ? null : defaultRole;
}
