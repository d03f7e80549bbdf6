/**
 * Each worker's share of the dyno's DATABASE_POOL_MAX connections, so adding workers never
 * exceeds what the database plan allows. Two at least: a list page runs two queries at once.
 */
export function poolPerWorker(poolMax: number, workers: number): number {
  return Math.max(2, Math.floor(poolMax / workers));
}
