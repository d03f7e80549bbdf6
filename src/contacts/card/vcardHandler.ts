import type { RequestHandler } from 'express';
import type { Database } from '../../db/database';
import { requireContact } from '../contactRepository';
import { toVCard } from './vcard';

/** `/contacts/:key/vcard`: the card as a file for an address book. */
export function downloadVCard(db: Database): RequestHandler<{ key: string }> {
  return async (req, res) => {
    const { mapping, ownerScope } = res.locals;
    const contact = await requireContact(db, mapping, req.params.key, ownerScope);
    res
      .type('text/vcard; charset=utf-8')
      .set('Content-Disposition', vcardDisposition(contact.displayName))
      .send(toVCard(contact));
  };
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
