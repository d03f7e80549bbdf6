import { readFileSync } from 'node:fs';
import path from 'node:path';
import ejs from 'ejs';
import type express from 'express';
import { VIEWS_DIR } from '../paths';
import { inlinePartials } from './inlinePartials';

type Page = (data: object) => string;

/**
 * Renders views/ with EJS, each page compiled once with its partials written in (see
 * inlinePartials), from names relative to the views root ('/partials/head'). With `cache`
 * (production) a page is compiled on first use and kept; otherwise on every render, so an
 * edited template shows on the next reload.
 */
export function useEjsViews(app: express.Express, cache: boolean): void {
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  const pages = new Map<string, Page>();
  app.engine(
    'ejs',
    (file: string, data: object, callback: (error: unknown, html?: string) => void) => {
      try {
        let page = pages.get(file);
        if (!page) {
          page = compilePage(file, cache);
          if (cache) pages.set(file, page);
        }
        callback(null, page(data));
      } catch (error) {
        callback(error);
      }
    },
  );
}

function compilePage(file: string, production: boolean): Page {
  const text = inlinePartials(readFileSync(file, 'utf8'), (name) =>
    readFileSync(path.join(VIEWS_DIR, `${name}.ejs`), 'utf8'),
  );
  // EJS 7 has the option; @types/ejs (written for EJS 3) does not know it yet.
  const options: Omit<ejs.Options, 'async' | 'client'> & { unsafePrototypeLocals: boolean } = {
    filename: file,
    // Express builds a fresh object of locals for every render; nothing else holds it.
    unsafePrototypeLocals: true,
    // Line tracking costs a statement per template line; development keeps it for its errors.
    compileDebug: !production,
  };
  return ejs.compile(text, options);
}
