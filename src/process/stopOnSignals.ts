import type { Logger } from 'pino';

/**
 * Runs `stop` once, on SIGTERM or SIGINT, then exits 0 (1 if stopping fails or outlasts the
 * deadline). Later signals are ignored rather than fatal: Heroku signals every process of the
 * dyno, and the cluster primary forwards the signal as well. An uncaught exception stops the
 * process the same way, with exit code 1, because its state can no longer be trusted; the
 * cluster primary then starts a fresh worker. A stray rejected promise is only logged.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, deadlineMs: number) {
  let stopping = false;
  const begin = (reason: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${reason}: finishing in-flight work, then exiting`);
    setTimeout(() => {
      logger.error(`Still busy ${deadlineMs / 1000} s after ${reason}: exiting anyway`);
      process.exit(1);
    }, deadlineMs).unref();
    stop().then(
      () => process.exit(exitCode),
      (error: unknown) => {
        logger.error({ err: error }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => {
    begin('SIGTERM', 0);
  });
  process.on('SIGINT', () => {
    begin('SIGINT', 0);
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'Uncaught exception');
    begin('Uncaught exception', 1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.error({ err: reason }, 'Unhandled promise rejection');
  });
}
