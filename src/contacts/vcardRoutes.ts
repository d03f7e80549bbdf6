import { Router } from 'express';
import type { Database } from '../db/database';
import { NotFoundError } from '../web/httpErrors';
import { isUsable, type MappingSource } from './mapping';
import { findContact } from './repository';
import { toVCard } from './vcard';

export interface VCardRouteDeps {
  db: Database;
  mappings: MappingSource;
}

/** `/contacts/:key/vcard`: the card as a file for an address book. Runs after sign-in. */
export function vcardRoutes({ db, mappings }: VCardRouteDeps): Router {
  const router = Router();
  router.get('/:key/vcard', async (req, res, next) => {
    const mapping = await mappings.current();
    // The contact routes mounted next explain the missing mapping with the welcome page.
    if (!isUsable(mapping)) return next('router');
    const contact = await findContact(db, mapping, req.params.key);
    if (!contact) throw new NotFoundError('No contact has this key. It may have been deleted.');
    res
      .type('text/vcard; charset=utf-8')
      .set('Content-Disposition', vcardDisposition(contact.displayName))
      .set('Cache-Control', 'private, no-store')
      .send(toVCard(contact));
  });
  return router;
}

/**
 * RFC 6266: a plain-ASCII `filename` for old clients and the exact name in RFC 5987's
 * `filename*`. Names are user data, so quotes, slashes and control characters go.
 */
function vcardDisposition(displayName: string): string {
  const name = displayName.replace(/[\p{Cc}\s"/\\]+/gu, ' ').trim();
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9 ._-]+/g, '_')
    .replace(/^[._ ]+|[._ ]+$/g, '');
  const stem = /[A-Za-z0-9]/.test(ascii) ? ascii : 'contact';
  const encoded = encodeURIComponent(`${name || 'contact'}.vcf`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${stem}.vcf"; filename*=UTF-8''${encoded}`;
}
