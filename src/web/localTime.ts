export interface ShownTime {
  /** For `<time datetime>`: the instant, whatever zone the text is in. */
  iso: string;
  text: string;
}

export type Precision = 'minute' | 'second';

/** Where times are shown when nobody's zone is known: Connect's own, and the CSV's. */
export const UTC = 'UTC';

// Letters first, so a UTC offset such as "+09:00", which Intl also takes, is not a zone name.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+/-]{0,63}$/;

// Building a DateTimeFormat costs far more than using one, and a card shows a dozen times. Only
// zones that passed `timeZoneOrUtc` are formatted, so this holds at most the IANA zones.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(zone, format);
  }
  return format;
}

/**
 * `candidate` if Intl knows it as an IANA time zone, else UTC. The name is kept as given (Intl
 * would turn Asia/Kolkata into Asia/Calcutta), since it is what the person chose in Salesforce.
 */
export function timeZoneOrUtc(candidate: unknown): string {
  if (typeof candidate !== 'string' || !ZONE_NAME.test(candidate)) return UTC;
  try {
    formatIn(candidate);
    return candidate;
  } catch {
    return UTC;
  }
}

/**
 * "2026-12-07 22:41 Asia/Tokyo": sortable digits, then the zone's IANA name, which unlike an
 * abbreviation (CST, IST) names one zone only; in UTC this reads as it did before zones.
 */
export function shownTime(date: Date, precision: Precision, zone: string): ShownTime {
  const part: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const { type, value } of formatIn(zone).formatToParts(date)) part[type] = value;
  const minutes = `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
  const local = precision === 'minute' ? minutes : `${minutes}:${part.second}`;
  return { iso: date.toISOString(), text: `${local} ${zone}` };
}
