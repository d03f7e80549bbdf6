/** One edit a soak client sent: the title its form showed, the title it saved, and the answer. */
export interface EditRecord {
  sfid: string;
  seenTitle: string;
  savedTitle: string;
  /** `unknown` when no usable answer came back: the server may or may not have saved it. */
  outcome: 'acknowledged' | 'refused' | 'unknown';
}

export interface EditAudit {
  acknowledged: number;
  /** Acknowledged edits that neither survive in the row nor were seen by a later saved edit. */
  lost: EditRecord[];
  /** A history the edits cannot explain: a refused edit that landed, or a title nobody saved. */
  broken: string[];
}

/**
 * Every saved title is unique, and an edit lands only on the exact version its form showed, so
 * each contact's committed history is a chain: the final title, the edit that saved it, the
 * title that edit saw, and so on back to the title before the run. Walking it backwards from
 * the final row needs no clock, so the order in which answers happened to arrive cannot fool
 * it. An acknowledged edit off the chain was overwritten by someone who never saw it, or
 * vanished: a lost update.
 */
export function auditEdits(
  before: Map<string, string>,
  after: Map<string, string>,
  edits: EditRecord[],
): EditAudit {
  const audit: EditAudit = { acknowledged: 0, lost: [], broken: [] };
  for (const [sfid, initialTitle] of before) {
    const own = edits.filter((edit) => edit.sfid === sfid);
    const chain = committedChain(sfid, initialTitle, after.get(sfid) ?? '', own, audit.broken);
    for (const edit of own) {
      if (edit.outcome !== 'acknowledged') continue;
      audit.acknowledged += 1;
      if (!chain.has(edit)) audit.lost.push(edit);
    }
  }
  return audit;
}

function committedChain(
  sfid: string,
  initialTitle: string,
  finalTitle: string,
  edits: EditRecord[],
  broken: string[],
): Set<EditRecord> {
  const bySavedTitle = new Map(edits.map((edit) => [edit.savedTitle, edit]));
  const chain = new Set<EditRecord>();
  // Each step adds an edit not yet on the chain, so the walk ends within edits.length steps.
  for (let title = finalTitle; title !== initialTitle;) {
    const edit = bySavedTitle.get(title);
    if (!edit || chain.has(edit)) {
      broken.push(`${sfid}: "${title}" is not a title saved after "${initialTitle}"`);
      break;
    }
    if (edit.outcome === 'refused') broken.push(`${sfid}: "${title}" was saved, yet answered 409`);
    chain.add(edit);
    title = edit.seenTitle;
  }
  return chain;
}
