import 'dotenv/config';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { assertDevelopmentDatabase } from '../dev/devDatabaseGuard';
import { createLogger } from '../logger';
import { commandFailure, openDevelopmentDatabase } from './commandDatabase';
import { changeFromSalesforce, type SalesforceValues } from './salesforceChange';

/**
 * `npm run salesforce:change -- --sfid 003… --set title=CTO [--set phone=…]`: changes a
 * contact as if someone had edited it in Salesforce. `--set field=` clears the field.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sfid: { type: 'string' }, set: { type: 'string', multiple: true } },
  });
  if (!values.sfid || !values.set?.length) {
    throw new Error('Usage: npm run salesforce:change -- --sfid 003… --set title=CTO');
  }
  const changes = parseAssignments(values.set);
  const config = loadConfig();
  const opened = await openDevelopmentDatabase(config, createLogger('warn'));
  try {
    const owner = await assertDevelopmentDatabase(opened.db, opened.guard);
    if (owner === 'absent')
      throw new Error('There is no development schema yet: run npm start once.');
    const found = await changeFromSalesforce(opened.db, config.connectSchema, values.sfid, changes);
    if (!found) throw new Error(`No contact has sfid ${values.sfid}.`);
    console.log(
      `Changed ${Object.keys(changes).join(', ')} of ${values.sfid} as Salesforce would; the row is now SYNCED.`,
    );
  } finally {
    await opened.close();
  }
}

function parseAssignments(assignments: string[]): SalesforceValues {
  const changes: SalesforceValues = {};
  for (const assignment of assignments) {
    const equals = assignment.indexOf('=');
    if (equals < 1) throw new Error(`--set needs field=value, got "${assignment}".`);
    const value = assignment.slice(equals + 1);
    changes[assignment.slice(0, equals).trim().toLowerCase()] = value === '' ? null : value;
  }
  return changes;
}

main().catch((error: unknown) => {
  console.error(commandFailure(error));
  process.exit(1);
});
