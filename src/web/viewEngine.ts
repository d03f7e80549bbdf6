import ejs from 'ejs';
import type express from 'express';
import { VIEWS_DIR } from '../paths';

/**
 * Renders views/ with EJS, includes written from the views root ('/partials/head'). EJS resolves
 * those against `root` directly; a relative include costs an existsSync on every render, which
 * was a tenth of a page's CPU time under load. `cache` keeps compiled templates (production).
 */
export function useEjsViews(app: express.Express, cache: boolean): void {
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.engine('ejs', (file: string, data: object, callback: (error: Error | null) => void) => {
    ejs.renderFile(file, data, { root: VIEWS_DIR, cache }, callback);
  });
}
