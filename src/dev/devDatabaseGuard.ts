import type { Config } from '../config';
import type { Database } from '../db/database';
import { databaseHost, isLocalHost } from '../db/ssl';
import { connectTables, schemaOwner, type SchemaOwner } from './schemaOwnership';

export class RefusedDatabaseError extends Error {}

export interface GuardOptions {
  connectionString: string;
  schema: string;
  isProduction: boolean;
  allowRemote: boolean;
}

/**
 * What the guard checks for a database the app is configured to use. A demo (a review app) is
 * production on a remote Heroku Postgres by design, so only the Connect checks stay.
 */
export function guardOptionsFor(
  config: Pick<Config, 'connectSchema' | 'isProduction' | 'devDatabaseAllowRemote' | 'demo'>,
  connectionString: string,
): GuardOptions {
  return {
    connectionString,
    schema: config.connectSchema,
    isProduction: config.isProduction && !config.demo,
    allowRemote: config.devDatabaseAllowRemote || config.demo,
  };
}

/**
 * Development tooling (schema, seed, Connect emulator) writes freely to the schema, so it runs
 * only where that cannot hurt: never in production (a demo aside), never in a database where
 * Heroku Connect is present or on a schema it manages, and on a remote server only when
 * DEV_DATABASE_ALLOW_REMOTE (or a demo) says so.
 */
export async function assertDevelopmentDatabase(
  db: Database,
  options: GuardOptions,
): Promise<SchemaOwner> {
  if (options.isProduction) {
    throw new RefusedDatabaseError('NODE_ENV is production, where Heroku Connect owns the schema.');
  }
  const host = databaseHost(options.connectionString);
  if (!isLocalHost(host) && !options.allowRemote) {
    throw new RefusedDatabaseError(
      `${host} is not a local database. Set DEV_DATABASE_ALLOW_REMOTE=1 if it really is a scratch database.`,
    );
  }
  const [connect] = await connectTables(db);
  if (connect) {
    throw new RefusedDatabaseError(
      `Heroku Connect is present in this database (${connect}): development data and the Connect emulator stay out of it.`,
    );
  }
  const owner = await schemaOwner(db, options.schema);
  if (owner === 'foreign') {
    throw new RefusedDatabaseError(
      `Schema "${options.schema}" exists and was not created by Contact Card: it belongs to Heroku Connect or another tool.`,
    );
  }
  return owner;
}
