// The batch page's counts, kept current while Heroku Connect sends the batch's rows
// (views/sync/batch.ejs). Once nothing is waiting or being sent, the page reloads once, so the
// failed rows appear. Without this script the page shows the counts it was served with.
'use strict';

(function followBatch() {
  const region = document.getElementById('batch-progress');
  const url = region?.dataset.progress;
  if (!region || !url || region.dataset.done === 'true') return;
  const INTERVAL_MS = 2000;

  async function poll() {
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' } });
      if (!response.ok) return schedule();
      const progress = await response.json();
      for (const cell of region.querySelectorAll('[data-count]')) {
        const value = progress[cell.dataset.count];
        if (typeof value === 'number' && cell.textContent !== String(value)) {
          cell.textContent = String(value);
        }
      }
      if (progress.done === true) return window.location.reload();
    } catch {
      // Offline for a moment, or the server restarting: the next poll tries again.
    }
    return schedule();
  }

  function schedule() {
    window.setTimeout(poll, INTERVAL_MS);
  }

  schedule();
})();
