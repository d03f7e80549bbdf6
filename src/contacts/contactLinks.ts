import { cardPath } from '../connect/contactKey';
import type { Contact } from './contact';

/** Where a contact's pages are, from its key. */
export interface ContactLinks {
  href: string;
  deleteHref: string;
  vcardHref: string;
}

export function contactLinks(contact: Pick<Contact, 'key'>): ContactLinks {
  const href = cardPath(contact.key);
  return { href, deleteHref: `${href}/delete`, vcardHref: `${href}/vcard` };
}
