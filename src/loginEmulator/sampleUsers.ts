/** The emulated org: 18-character id with Salesforce's case-checksum suffix, prefix 00D. */
export const EMULATOR_ORG_ID = '00D000000000001EAA';
/** A second org, so tests can show that a user of some other org is turned away. */
export const OTHER_ORG_ID = '00D000000000002EAA';

/** The custom permissions the app reads from the `custom_permissions` claim. */
export type CustomPermissions = Record<
  'Contact_Card_Viewer' | 'Contact_Card_Editor' | 'Contact_Card_Admin',
  boolean
>;

export interface SampleSalesforceUser {
  /** Short name tests and the login page use to pick the user. */
  key: string;
  /** 18-character User id (prefix 005). */
  userId: string;
  organizationId: string;
  name: string;
  preferredUsername: string;
  email: string;
  customPermissions: CustomPermissions;
  /** The user's time zone as Salesforce sends it in `zoneinfo`: an IANA name. */
  zoneinfo: string;
  /** Salesforce's locale in `locale`, with an underscore: en_US, fr_FR. */
  locale: string;
  /** Why this user exists, shown next to its button on the login page. */
  purpose: string;
}

const NO_PERMISSIONS: CustomPermissions = {
  Contact_Card_Viewer: false,
  Contact_Card_Editor: false,
  Contact_Card_Admin: false,
};

/**
 * One user per case the app must tell apart: one per role, one without any permission (the
 * app's DEFAULT_ROLE decides for them) and one from another org. Each lives in a different
 * zone, one of them with daylight saving time on the other side of the year, so two users'
 * pages show the same write at different local times.
 */
export const SAMPLE_SALESFORCE_USERS: readonly SampleSalesforceUser[] = [
  {
    key: 'admin',
    userId: '005000000000001AAA',
    organizationId: EMULATOR_ORG_ID,
    name: 'Ada Admin',
    preferredUsername: 'ada.admin@contactcard.example',
    email: 'ada.admin@contactcard.example',
    zoneinfo: 'Asia/Tokyo',
    locale: 'ja_JP',
    customPermissions: {
      Contact_Card_Viewer: false,
      Contact_Card_Editor: true,
      Contact_Card_Admin: true,
    },
    purpose: 'Contact_Card_Editor and Contact_Card_Admin',
  },
  {
    key: 'editor',
    userId: '005000000000002AAA',
    organizationId: EMULATOR_ORG_ID,
    name: 'Eddie Editor',
    preferredUsername: 'eddie.editor@contactcard.example',
    email: 'eddie.editor@contactcard.example',
    zoneinfo: 'Europe/Paris',
    locale: 'fr_FR',
    customPermissions: {
      Contact_Card_Viewer: false,
      Contact_Card_Editor: true,
      Contact_Card_Admin: false,
    },
    purpose: 'Contact_Card_Editor only',
  },
  {
    key: 'viewer',
    userId: '005000000000003AAA',
    organizationId: EMULATOR_ORG_ID,
    name: 'Vera Viewer',
    preferredUsername: 'vera.viewer@contactcard.example',
    email: 'vera.viewer@contactcard.example',
    zoneinfo: 'America/New_York',
    locale: 'en_US',
    customPermissions: { ...NO_PERMISSIONS, Contact_Card_Viewer: true },
    purpose: 'Contact_Card_Viewer only: read-only, even when DEFAULT_ROLE=none',
  },
  {
    key: 'nobody',
    userId: '005000000000004AAA',
    organizationId: EMULATOR_ORG_ID,
    name: 'Nora Nobody',
    preferredUsername: 'nora.nobody@contactcard.example',
    email: 'nora.nobody@contactcard.example',
    zoneinfo: 'Australia/Sydney',
    locale: 'en_AU',
    customPermissions: NO_PERMISSIONS,
    purpose:
      'no custom permissions: gets DEFAULT_ROLE (viewer unless set), or is turned away with none',
  },
  {
    key: 'other-org',
    userId: '005000000000005AAA',
    organizationId: OTHER_ORG_ID,
    name: 'Otto Other',
    preferredUsername: 'otto.other@elsewhere.example',
    email: 'otto.other@elsewhere.example',
    zoneinfo: 'America/Los_Angeles',
    locale: 'en_US',
    customPermissions: {
      Contact_Card_Viewer: false,
      Contact_Card_Editor: false,
      Contact_Card_Admin: true,
    },
    purpose: 'Contact_Card_Admin, but in another org',
  },
];

/**
 * The `sub` Salesforce issues: the user's identity URL. Fixed on login.salesforce.com rather
 * than the emulator's own address, so a user's subject stays the same whatever port or proxy
 * the emulator runs behind.
 */
export function subjectOf(user: SampleSalesforceUser): string {
  return `https://login.salesforce.com/id/${user.organizationId}/${user.userId}`;
}

export function sampleUserByKey(key: string): SampleSalesforceUser | undefined {
  return SAMPLE_SALESFORCE_USERS.find((user) => user.key === key);
}

export function sampleUserBySubject(sub: string): SampleSalesforceUser | undefined {
  return SAMPLE_SALESFORCE_USERS.find((user) => subjectOf(user) === sub);
}
