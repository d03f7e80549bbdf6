import { CONTACT_FIELDS } from '../connect/contactFields';
import { CONTACT_TABLE, EXTERNAL_ID_API_NAME } from '../connect/contactTable';
import { isUsable, type Mapping } from '../connect/mapping';
import { writeBackProblem, type WriteBackProblem } from '../connect/writeBackColumn';

export interface SetupView {
  title: string;
  /** Whether Connect has created a table the app can use. */
  ready: boolean;
  /** `salesforce.contact`, as the steps name it. */
  table: string;
  schema: string;
  tablePresent: boolean;
  missingColumns: readonly string[];
  /** The Heroku app's name, for the commands the steps show. */
  appName: string | null;
  dashboardUrl: string | null;
  connectUrl: string | null;
  suggestedFields: string[];
  /** How people sign in, so /setup can say whether they are told apart; null elsewhere. */
  signIn: (SignInSetup & { callbackUrl: string }) | null;
  /** The AUDIT_SALESFORCE_FIELD column when changes cannot write it, and why; else null. */
  writeBack: { column: string; problem: WriteBackProblem } | null;
}

export interface SignInSetup {
  salesforce: boolean;
}

/** The setup steps shown until Connect has created a usable `contact` table. */
export function setupView(
  mapping: Mapping,
  herokuAppName: string | undefined,
  signIn: (SignInSetup & { callbackUrl: string }) | null = null,
  auditSalesforceField?: string,
): SetupView {
  const app = herokuAppName ? encodeURIComponent(herokuAppName) : null;
  return {
    title: 'Connect Salesforce',
    ready: isUsable(mapping),
    table: `${mapping.schema}.${CONTACT_TABLE}`,
    schema: mapping.schema,
    tablePresent: mapping.tablePresent,
    missingColumns: mapping.missingRequired,
    appName: herokuAppName ?? null,
    dashboardUrl: app ? `https://dashboard.heroku.com/apps/${app}` : null,
    connectUrl: app ? `https://dashboard.heroku.com/apps/${app}/resources` : null,
    suggestedFields: [...CONTACT_FIELDS.map((f) => f.apiName), EXTERNAL_ID_API_NAME],
    signIn,
    writeBack: auditSalesforceField ? writeBackWarning(mapping, auditSalesforceField) : null,
  };
}

function writeBackWarning(mapping: Mapping, column: string): SetupView['writeBack'] {
  const problem = writeBackProblem(mapping, column);
  return problem ? { column, problem } : null;
}
