/** The fields soak clients edit: two, so that a stale form often merges instead of conflicting. */
export const EDITED_FIELDS = ['title', 'department'] as const;
export type EditedField = (typeof EDITED_FIELDS)[number];
export type EditedValues = Record<EditedField, string>;

/** One edit a soak client sent: the value its form showed, the value it saved, and the answer. */
export interface EditRecord {
  /** The sample user the client signed in as. */
  user: string;
  /** The X-Request-ID the answer carried: the audit trail records each entry's. */
  requestId: string | null;
  sfid: string;
  field: EditedField;
  seen: string;
  saved: string;
  /**
   * `refused`: a conflict (409); `forbidden`: the user may not edit (403); `unknown` when no
   * usable answer came back: the server may or may not have saved it.
   */
  outcome: 'acknowledged' | 'refused' | 'forbidden' | 'unknown';
  /** Acknowledged with the note that someone else's change to another field was kept. */
  merged: boolean;
}

export interface EditAudit {
  acknowledged: number;
  /** Acknowledged edits that neither survive in the row nor were seen by a later saved edit. */
  lost: EditRecord[];
  /** A history the edits cannot explain: a refused edit that landed, or a value nobody saved. */
  broken: string[];
}

/**
 * Every saved value is unique, and an edit lands only if its field still holds the value its
 * form showed (other fields merge), so each field of each contact has a committed history that
 * is a chain: the final value, the edit that saved it, the value that edit saw, and so on back
 * to the value before the run. Walking it backwards from the final row needs no clock, so the
 * order in which answers happened to arrive cannot fool it. An acknowledged edit off the chain
 * was overwritten by someone who never saw it, or vanished: a lost update.
 */
export function auditEdits(
  before: Map<string, EditedValues>,
  after: Map<string, EditedValues>,
  edits: EditRecord[],
): EditAudit {
  const audit: EditAudit = { acknowledged: 0, lost: [], broken: [] };
  for (const [sfid, initial] of before) {
    for (const field of EDITED_FIELDS) {
      const own = edits.filter((edit) => edit.sfid === sfid && edit.field === field);
      const final = after.get(sfid)?.[field] ?? '';
      const chain = committedChain(`${sfid} ${field}`, initial[field], final, own, audit.broken);
      for (const edit of own) {
        if (edit.outcome !== 'acknowledged') continue;
        audit.acknowledged += 1;
        if (!chain.has(edit)) audit.lost.push(edit);
      }
    }
  }
  return audit;
}

function committedChain(
  name: string,
  initial: string,
  final: string,
  edits: EditRecord[],
  broken: string[],
): Set<EditRecord> {
  const bySaved = new Map(edits.map((edit) => [edit.saved, edit]));
  const chain = new Set<EditRecord>();
  // Each step adds an edit not yet on the chain, so the walk ends within edits.length steps.
  for (let value = final; value !== initial;) {
    const edit = bySaved.get(value);
    if (!edit || chain.has(edit)) {
      broken.push(`${name}: "${value}" is not a value saved after "${initial}"`);
      break;
    }
    if (edit.outcome === 'refused' || edit.outcome === 'forbidden') {
      const status = edit.outcome === 'refused' ? 409 : 403;
      broken.push(`${name}: "${value}" was saved, yet answered ${status}`);
    }
    chain.add(edit);
    value = edit.seen;
  }
  return chain;
}
