import type { ContactField } from '../../connect/contactFields';
import { isolatedParts } from '../../web/isolated';
import type { Contact } from '../contact';
import { contactLinks, type ContactLinks } from '../contactLinks';
import { conflictChoices, type ConflictChoices } from '../../records/conflictChoices';
import type { MergePlan } from '../../records/merge';
import { encodeShown } from '../../records/shownValues';

export interface ConflictView extends ConflictChoices {
  title: string;
  contact: Contact;
  links: ContactLinks;
  /** The values the page compares against: the next save merges from these. */
  shown: string;
}

/** The fields both sides changed, each with its own choice; nothing else is offered. */
export function conflictView(
  current: Contact,
  plan: MergePlan,
  fields: readonly ContactField[],
): ConflictView {
  return {
    title: `Changed meanwhile: ${isolatedParts(current.nameParts)}`,
    contact: current,
    links: contactLinks(current),
    ...conflictChoices(plan, fields),
    shown: encodeShown(current.values),
  };
}
