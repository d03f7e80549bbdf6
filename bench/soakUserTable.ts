import type { UserCounts } from './auditTrailCheck';

const COLUMNS: readonly (readonly [string, (user: UserCounts) => string])[] = [
  ['user', (user) => `${user.user}${user.canEdit ? '' : ' (read-only)'}`],
  ['clients', (user) => String(user.clients)],
  ['sign-ins', (user) => String(user.signIns)],
  ['saved (303)', (user) => String(user.saved)],
  ['merged', (user) => String(user.merged)],
  ['conflicts (409)', (user) => String(user.conflicts)],
  ['refused (403)', (user) => String(user.forbidden)],
  ['edit entries', (user) => String(user.editEntries)],
  ['refused entries', (user) => String(user.refusedEntries)],
];

/** What each user's clients did, and what the audit trail holds for that user in the run. */
export function usersTable(users: UserCounts[]): string {
  const cells = [
    COLUMNS.map(([name]) => name),
    ...users.map((user) => COLUMNS.map(([, cell]) => cell(user))),
  ];
  const widths = COLUMNS.map((_, column) =>
    Math.max(...cells.map((line) => line[column]?.length ?? 0)),
  );
  return cells
    .map((line) =>
      line
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    )
    .join('\n');
}
