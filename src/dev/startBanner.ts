/** What `npm start` started, for the few lines a developer reads before opening the app. */
export interface StartFacts {
  url: string;
  /** How "Sign in with Salesforce" works here (the emulator's users by key), or null if off. */
  salesforce: { emulatorUsers: readonly string[] } | { loginUrl: string } | null;
  /** The development password, or null when APP_PASSWORD sets one. */
  developmentPassword: string | null;
  /** The embedded PostgreSQL's connection string, or null when DATABASE_URL is served. */
  embeddedDatabase: string | null;
  /** Whether the Connect emulator runs beside the app, syncing its writes. */
  connectEmulator: boolean;
}

/** The banner, a fact or two a line, each under a label a developer's eye finds. */
export function startBanner(facts: StartFacts): string {
  const rows: [string, string[]][] = [
    ['Contact Card', [facts.url]],
    ['Sign in', signInLines(facts)],
    [
      'Database',
      [
        facts.embeddedDatabase === null
          ? 'DATABASE_URL'
          : `embedded PostgreSQL, ${facts.embeddedDatabase}`,
      ],
    ],
    ['Connect', [connectText(facts)]],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = rows.flatMap(([label, texts]) =>
    texts.map((text, index) => `  ${(index === 0 ? label : '').padEnd(width)}${text}`),
  );
  return `\n${lines.join('\n')}\n\n`;
}

function signInLines({ salesforce, developmentPassword }: StartFacts): string[] {
  const password =
    developmentPassword === null
      ? 'with APP_PASSWORD'
      : `with the password "${developmentPassword}" (set APP_PASSWORD to change it)`;
  if (salesforce === null) return [password];
  const how =
    'emulatorUsers' in salesforce
      ? `with Salesforce: the login emulator's sample users ${salesforce.emulatorUsers.join(', ')}`
      : `with Salesforce at ${salesforce.loginUrl}`;
  return [how, `or ${password}`];
}

function connectText({ embeddedDatabase, connectEmulator }: StartFacts): string {
  if (connectEmulator) return 'the Connect emulator syncs writes after about 2 s';
  // With DATABASE_URL the emulator runs only when asked; without, it failed to start.
  return embeddedDatabase === null
    ? 'no emulator: `npm run emulator` syncs writes in this database'
    : 'the Connect emulator did not start: writes stay pending (see the warning above)';
}
