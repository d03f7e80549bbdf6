/**
 * Runs a command's `main`. A failure prints its message alone, which is written for the person
 * at the terminal or reading the Heroku log, and exits 1 so Heroku sees the command failed.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
