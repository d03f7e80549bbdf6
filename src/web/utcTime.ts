export interface ShownTime {
  /** For `<time datetime>`. */
  iso: string;
  text: string;
}

/** Connect stores times in UTC, so pages show them in UTC and say so. */
export function utcTime(date: Date, precision: 'minute' | 'second'): ShownTime {
  const iso = date.toISOString();
  const length = precision === 'minute' ? 16 : 19;
  return { iso, text: `${iso.replace('T', ' ').slice(0, length)} UTC` };
}
