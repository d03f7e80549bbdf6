import type { Logger } from 'pino';
import { configuredDatabase, type DatabaseSettings } from './configuredDatabase';
import type { Database } from './database';
import { followerReads, type Follower } from './followerReads';

export interface FollowerSettings extends DatabaseSettings {
  databaseFollowerUrl: string | undefined;
  followerMaxLagS: number;
}

/**
 * The follower of DATABASE_FOLLOWER_URL, if one is set. Its pool is as large as the leader's:
 * the list, the busiest page, reads there. Connected directly, never through the pooler, which
 * fronts the leader only.
 */
export function configuredFollower(
  config: FollowerSettings,
  leader: Database,
  settings: { logger: Logger; poolMax: number },
): Follower | undefined {
  if (!config.databaseFollowerUrl) return undefined;
  const logger = settings.logger.child({ database: 'follower' });
  const follower = configuredDatabase(config, {
    connectionString: config.databaseFollowerUrl,
    logger,
    poolMax: settings.poolMax,
  });
  return followerReads({ leader, follower, maxLagS: config.followerMaxLagS, logger });
}
