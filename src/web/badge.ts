/** A coloured label (views/partials/badge.ejs); `tone` picks its colour in the stylesheet. */
export interface Badge {
  tone: string;
  text: string;
}

/** A state shown by its name and coloured by it, or a dash when there is none. */
export function stateBadge(state: string | null): Badge {
  return state ? { tone: state.toLowerCase(), text: state } : { tone: 'none', text: '—' };
}
