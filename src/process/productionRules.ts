import type { Logger } from 'pino';
import type { Config } from '../config';

/** Says once, at start, that NODE_ENV was set aside, so nobody reads it as the rules in force. */
export function warnOfOverriddenNodeEnv(config: Config, logger: Logger): void {
  if (config.overriddenNodeEnv === null) return;
  logger.warn(
    `NODE_ENV is ${config.overriddenNodeEnv}, but this is a production command: production rules apply all the same (docs/security.md#production-rules). Set NODE_ENV=production to say so; for development, run npm start.`,
  );
}
