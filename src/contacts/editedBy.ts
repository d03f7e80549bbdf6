import type { Logger } from 'pino';
import type { Mapping } from '../connect/mapping';
import { writeBackProblem, type WriteBackProblem } from '../connect/writeBackColumn';
import type { ContactValues } from './contact';

/**
 * What a change writes besides the form's fields: the editor's username in the column
 * AUDIT_SALESFORCE_FIELD names, so Salesforce's own field history shows who made the change.
 */
export type EditedBy = (
  mapping: Mapping,
  username: string,
  log: Pick<Logger, 'warn'>,
) => ContactValues;

/**
 * A column that cannot take the username is left out instead of failing every save: /setup
 * explains why, and the log says so once per process rather than on every save.
 */
export function editedBy(configured: string | undefined): EditedBy {
  let warned = false;
  return (mapping, username, log) => {
    if (configured === undefined) return {};
    const problem = writeBackProblem(mapping, configured);
    if (problem === null) return { [configured]: username };
    if (!warned) {
      warned = true;
      log.warn(`AUDIT_SALESFORCE_FIELD=${configured} is ignored: ${WHY[problem]} (see /setup)`);
    }
    return {};
  };
}

const WHY: Record<WriteBackProblem, string> = {
  not_mapped: 'the Connect mapping of Contact has no such column',
  taken: 'the app or Salesforce fills that column itself',
};
