/** Deaths within this window count towards a restart storm. */
const WINDOW_MS = 60_000;
/** This many deaths in the window are restarted at once; later ones wait, doubling each time. */
const FREE_RESTARTS = 3;
const MAX_DELAY_MS = 30_000;

/**
 * When to replace a dead worker. A crash now and then is replaced at once; a worker that dies
 * on start-up (a bad deploy, a port in use) would otherwise be re-forked in a tight loop that
 * starves the healthy workers of CPU, so repeated deaths back off up to MAX_DELAY_MS.
 */
export function restartPolicy(now: () => number = Date.now) {
  const deaths: number[] = [];
  return {
    /** Records a death and says how long to wait before forking its replacement. */
    delayAfterDeath(): number {
      const at = now();
      deaths.push(at);
      while (deaths.length > 0 && (deaths[0] ?? at) <= at - WINDOW_MS) deaths.shift();
      const excess = deaths.length - FREE_RESTARTS;
      return excess <= 0 ? 0 : Math.min(MAX_DELAY_MS, 1000 * 2 ** (excess - 1));
    },
  };
}
