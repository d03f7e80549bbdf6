import { z } from 'zod';

/**
 * How many web processes to run: Heroku sets WEB_CONCURRENCY from the dyno's memory. One means
 * no cluster at all, so `npm start` stays a single process.
 */
export function workerCount(env: NodeJS.ProcessEnv): number {
  const parsed = z.coerce
    .number()
    .int()
    .min(1)
    .max(64)
    .safeParse(env.WEB_CONCURRENCY || '1');
  if (!parsed.success) throw new Error('WEB_CONCURRENCY must be a whole number from 1 to 64');
  return parsed.data;
}

/**
 * Each worker's share of the dyno's DATABASE_POOL_MAX connections, so adding workers never
 * exceeds what the database plan allows. Two at least: a list page runs two queries at once.
 */
export function poolPerWorker(poolMax: number, workers: number): number {
  return Math.max(2, Math.floor(poolMax / workers));
}
