import { EMULATOR_ORG_ID, SAMPLE_SALESFORCE_USERS } from '../loginEmulator/sampleUsers';

/**
 * Word lists for deterministic sample accounts. A name is a brand and a line of business
 * ("Northwind Traders"), then, past the first 12,000 accounts, a legal form: 300 × 40 × 16
 * distinct names, enough for the 143,000 accounts of a million contacts. Every 101st account
 * reuses an early name on purpose, since real orgs have a few companies of the same name.
 */
const BRAND_STARTS = [
  'North',
  'Blue',
  'Silver',
  'Iron',
  'Red',
  'Golden',
  'Bright',
  'Clear',
  'Cedar',
  'Oak',
  'Pine',
  'Stone',
  'River',
  'Sun',
  'Star',
  'Lake',
  'Harbor',
  'Summit',
  'Maple',
  'Green',
  'East',
  'West',
  'High',
  'Fair',
];
const BRAND_ENDS = [
  'wind',
  'field',
  'bridge',
  'gate',
  'stone',
  'ridge',
  'point',
  'wood',
  'view',
  'crest',
  'haven',
  'brook',
];
const CLASSIC_BRANDS = [
  'Acme',
  'Globex',
  'Initech',
  'Contoso',
  'Fabrikam',
  'Umbrella',
  'Hooli',
  'Vandelay',
  'Wonka',
  'Tyrell',
  'Soylent',
  'Cyberdyne',
];

/** 300 brands: the classics first, then every start with every ending ("Northwind"). */
export const ACCOUNT_BRANDS: readonly string[] = [
  ...CLASSIC_BRANDS,
  ...BRAND_STARTS.flatMap((start) => BRAND_ENDS.map((end) => start + end)),
];

/** Lines of business, each with the Salesforce Industry picklist value it belongs to. */
export const ACCOUNT_BUSINESSES: readonly [business: string, industry: string][] = [
  ['Traders', 'Retail'],
  ['Logistics', 'Transportation'],
  ['Industries', 'Manufacturing'],
  ['Holdings', 'Finance'],
  ['Labs', 'Biotechnology'],
  ['Systems', 'Technology'],
  ['Foods', 'Food & Beverage'],
  ['Consulting', 'Consulting'],
  ['Energy', 'Energy'],
  ['Media', 'Media'],
  ['Health', 'Healthcare'],
  ['Partners', 'Finance'],
  ['Robotics', 'Machinery'],
  ['Textiles', 'Apparel'],
  ['Analytics', 'Technology'],
  ['Outfitters', 'Retail'],
  ['Pharma', 'Biotechnology'],
  ['Capital', 'Banking'],
  ['Software', 'Technology'],
  ['Motors', 'Manufacturing'],
  ['Shipping', 'Shipping'],
  ['Telecom', 'Telecommunications'],
  ['Insurance', 'Insurance'],
  ['Hotels', 'Hospitality'],
  ['Builders', 'Construction'],
  ['Chemicals', 'Chemicals'],
  ['Farms', 'Agriculture'],
  ['Electronics', 'Electronics'],
  ['Engineering', 'Engineering'],
  ['Studios', 'Entertainment'],
  ['Academy', 'Education'],
  ['Utilities', 'Utilities'],
  ['Recycling', 'Environmental'],
  ['Outdoor', 'Recreation'],
  ['Bank', 'Banking'],
  ['Airlines', 'Transportation'],
  ['Networks', 'Communications'],
  ['Foundation', 'Not For Profit'],
  ['Bakeries', 'Food & Beverage'],
  ['Instruments', 'Electronics'],
];

/** Legal forms; the first is none, so small seeds get plain names. */
export const LEGAL_FORMS = [
  '',
  'Inc.',
  'LLC',
  'Ltd',
  'GmbH',
  'AG',
  'S.A.',
  'B.V.',
  'K.K.',
  'Pty Ltd',
  'plc',
  'Group',
  'Co.',
  'S.r.l.',
  'Oy',
  'AB',
];

/** Salesforce's standard Account Type picklist. */
export const ACCOUNT_TYPES = [
  'Prospect',
  'Customer - Direct',
  'Customer - Channel',
  'Channel Partner / Reseller',
  'Installation Partner',
  'Technology Partner',
  'Other',
];

export interface SampleUserRow {
  sfid: string;
  name: string;
  email: string;
  isactive: boolean;
}

/**
 * The emulated org's users, as Connect would sync User: the people who can sign in with the
 * login emulator, active, and one who left, whose records Salesforce refuses to save.
 */
export const SAMPLE_USER_ROWS: readonly SampleUserRow[] = [
  ...SAMPLE_SALESFORCE_USERS.filter((user) => user.organizationId === EMULATOR_ORG_ID).map(
    (user) => ({ sfid: user.userId, name: user.name, email: user.email, isactive: true }),
  ),
  {
    sfid: '005000000000099AAA',
    name: 'Ian Inactive',
    email: 'ian.inactive@contactcard.example',
    isactive: false,
  },
];

/** Sample records are owned by the active users in turn. */
export const SAMPLE_OWNER_IDS = SAMPLE_USER_ROWS.filter((user) => user.isactive).map(
  (user) => user.sfid,
);
