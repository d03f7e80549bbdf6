import { sampleUserByKey, type SampleSalesforceUser } from '../src/loginEmulator/sampleUsers';

export interface SoakUser {
  /** The login emulator's sample user. */
  key: string;
  /** What the app records as its author. */
  userId: string;
  username: string;
  /** Whether the app lets it edit: its edits must then save or conflict, else be refused. */
  canEdit: boolean;
}

/**
 * The sample users of the emulator's org that the soak's clients sign in as, in turn. The app
 * runs with DEFAULT_ROLE=editor, which makes `nobody` (no permission) an editor; `viewer` holds
 * Contact_Card_Viewer, which wins over the default, so its edits must all be refused (403).
 */
const USERS: readonly { key: string; canEdit: boolean }[] = [
  { key: 'admin', canEdit: true },
  { key: 'editor', canEdit: true },
  { key: 'nobody', canEdit: true },
  { key: 'viewer', canEdit: false },
];

/** Who client `client` (0, 1, …) signs in as: several clients share a user, each signed in apart. */
export function soakUserOf(client: number): SoakUser {
  const { key, canEdit } = USERS[client % USERS.length] ?? { key: 'editor', canEdit: true };
  const user: SampleSalesforceUser | undefined = sampleUserByKey(key);
  if (!user) throw new Error(`the login emulator has no sample user "${key}"`);
  return { key, userId: user.userId, username: user.preferredUsername, canEdit };
}
