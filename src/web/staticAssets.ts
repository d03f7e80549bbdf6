import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

export interface StaticAssets {
  /** Each file's fingerprinted URL by its plain name, e.g. `app.css` → `/assets/app.1a2b3c4d5e.css`. */
  urls: Record<string, string>;
  router: Router;
}

/**
 * Serves a folder under /assets. Each file is also served under a name carrying a digest of its
 * content, cached for a year as immutable: a deploy that changes the file changes its name, so
 * browsers never keep a stale stylesheet and never ask again for a current one. The digests are
 * taken once, at start-up, from the files being served.
 */
export function staticAssets(dir: string, mountPath = '/assets'): StaticAssets {
  const urls: Record<string, string> = {};
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (!statSync(file).isFile()) continue;
    const digest = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 10);
    const extension = path.extname(name);
    const fingerprinted = `${path.basename(name, extension)}.${digest}${extension}`;
    files.set(fingerprinted, file);
    urls[name] = `${mountPath}/${fingerprinted}`;
  }

  const router = Router();
  router.get('/:file', (req, res, next) => {
    const file = files.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge: '1y', immutable: true });
  });
  // Plain names still work (old pages, bookmarks), with a short lifetime since they can change.
  router.use(express.static(dir, { index: false, maxAge: '1h' }));
  return { urls, router };
}
