import type { ContactField } from '../../connect/contactFields';
import { isolatedParts } from '../../web/isolated';
import type { Contact } from '../contact';
import { contactLinks, type ContactLinks } from '../contactLinks';
import {
  conflictChoices,
  type ConflictChoices,
  type OwnChange,
} from '../../records/conflictChoices';
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
  alsoChanged: OwnChange[] = [],
): ConflictView {
  const choices = conflictChoices(plan, fields);
  return {
    title: `Changed meanwhile: ${isolatedParts(current.nameParts)}`,
    contact: current,
    links: contactLinks(current),
    ...choices,
    ownChanges: [...choices.ownChanges, ...alsoChanged],
    shown: encodeShown(current.values),
  };
}
