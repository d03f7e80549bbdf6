import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../projectRoot';

/**
 * The fingerprinted URLs the app's pages link (see src/web/staticAssets.ts, which builds an
 * Express router and so is not imported here): the first ten hex digits of each file's
 * SHA-256, taken once at start-up. The folder is found from the project root: src/paths.ts
 * places it beside the compiled src/, which the bench's build does not copy it to.
 */
export function assetUrls(): { css: string; icon: string } {
  const publicDir = path.join(projectRoot(), 'public');
  const url = (name: string) => {
    const digest = createHash('sha256')
      .update(readFileSync(path.join(publicDir, name)))
      .digest('hex')
      .slice(0, 10);
    const extension = path.extname(name);
    return `/assets/${path.basename(name, extension)}.${digest}${extension}`;
  };
  return { css: url('app.css'), icon: url('favicon.svg') };
}
