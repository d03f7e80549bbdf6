import type { Mapping } from '../../src/connect/mapping';
// The baseline answers as CONTACT_VISIBILITY=all does.
import { ALL_RECORDS } from '../../src/connect/ownerScope';
import { accountFormOf } from '../../src/contacts/accountFieldView';
import { cardRelations, cardView } from '../../src/contacts/card/cardView';
import { contactLinks } from '../../src/contacts/contactLinks';
import { editedFields } from '../../src/records/editedFields';
import {
  accountEdit,
  needsAnotherLook,
  readRelationEdits,
} from '../../src/contacts/edit/relationEdits';
import { findContact } from '../../src/contacts/contactRepository';
import { saveEdit } from '../../src/contacts/edit/saveEdit';
import { ownerChoices } from '../../src/contacts/owners';
import { decodeShown } from '../../src/records/shownValues';
import { validateFields } from '../../src/records/validation';
import { hasRole } from '../../src/web/signedInUser';
import { cardHtml } from './cardHtml';
import type { Services } from './services';
import type { Visitor } from './visitor';

/** What a save answers: a redirect with its flash cookie, or a status and page. */
export type SaveAnswer =
  | { status: 303; location: string; flash: string }
  | { status: 422; html: string }
  | { status: 403 | 404 | 409; text: string };

// The bench's forms decode cleanly; the app lists undecodable fields here.
const NO_UNREADABLE_FIELDS: ReadonlySet<string> = new Set();

/**
 * POST /contacts/:key, as saveCard in src/contacts/edit/editHandler.ts: the CSRF token and role
 * checked, the changed fields validated, the Account and Owner fields read by the app's
 * readRelationEdits (nothing to look up when the form sends them as it showed them, as the
 * bench's title edits do), then the app's own saveEdit: the locked read, the merge, the UPDATE
 * and the audit entry in one transaction, the same statements as the app's. Refusals,
 * conflicts and 404s answer in plain words; the bench's edits never meet them.
 */
export async function saveCard(
  services: Services,
  mapping: Mapping,
  visitor: Visitor,
  key: string,
  body: Record<string, string>,
  requestId: string,
): Promise<SaveAnswer> {
  if (!services.codec.isValidCsrfToken(visitor.session, body._csrf)) {
    return { status: 403, text: 'This form has expired or did not come from this app.' };
  }
  if (!hasRole(visitor.user, 'editor')) return { status: 403, text: 'Editors only.' };
  const shown = decodeShown(body.shown);
  const edited = editedFields(body, mapping.fields, shown, NO_UNREADABLE_FIELDS);
  const input = validateFields(body, edited, NO_UNREADABLE_FIELDS);
  const relations = await readRelationEdits(services.db, mapping, body, shown, ALL_RECORDS);
  if (!input.ok || needsAnotherLook(relations)) {
    const contact = await findContact(services.db, mapping, key, ALL_RECORDS);
    if (!contact) return { status: 404, text: 'No contact has this key.' };
    const submitted = { values: input.typed, errors: input.ok ? {} : input.errors, shown };
    const again = cardRelations(mapping, await ownerChoices(services.db, mapping), {
      submittedAccount: relations.account ? accountFormOf(body, relations.account) : undefined,
      submittedOwner: relations.ownerRefused ?? undefined,
    });
    const view = cardView(contact, mapping.fields, visitor.user.timeZone, submitted, again);
    const chrome = { visitor, assets: services.assets };
    return { status: 422, html: cardHtml(view, null, mapping, chrome) };
  }
  const alsoWrite = services.editedBy(mapping, visitor.user.username, services.logger);
  const outcome = await saveEdit(
    services.audit,
    { user: visitor.user, requestId },
    mapping,
    key,
    ALL_RECORDS,
    shown,
    input.values,
    alsoWrite,
    { account: accountEdit(relations, shown), owner: relations.owner },
  );
  const location = contactLinks({ key }).href;
  switch (outcome.kind) {
    case 'not_found':
      return { status: 404, text: 'This contact was deleted.' };
    case 'conflict':
      return { status: 409, text: 'Someone else changed this contact meanwhile.' };
    case 'unchanged':
      return { status: 303, location, flash: 'unchanged' };
    case 'saved': {
      const kept = outcome.keptTheirs.map((field) => field.label);
      // As setFlash in src/web/flash.ts: a code, and the names the message lists.
      const flash =
        kept.length > 0
          ? `merged.${Buffer.from(JSON.stringify(kept.slice(0, 20))).toString('base64url')}`
          : 'saved';
      return { status: 303, location, flash };
    }
  }
}
