import { shownTime, timeZoneOrUtc } from '../../src/web/localTime';

describe('times shown in the reader’s zone', () => {
  const at = new Date('2026-12-07T13:41:05.250Z');

  test('when the zone is UTC, then the time reads as Connect stores it, and says UTC', () => {
    expect(shownTime(at, 'second', 'UTC')).toEqual({
      iso: '2026-12-07T13:41:05.250Z',
      text: '2026-12-07 13:41:05 UTC',
    });
    expect(shownTime(at, 'minute', 'UTC').text).toBe('2026-12-07 13:41 UTC');
  });

  test('when the zone is Tokyo, then the local time and date carry its name and datetime stays the instant', () => {
    const late = new Date('2026-12-07T20:05:00Z');

    expect(shownTime(late, 'minute', 'Asia/Tokyo')).toEqual({
      iso: '2026-12-07T20:05:00.000Z',
      text: '2026-12-08 05:05 Asia/Tokyo',
    });
  });

  test.each([
    ['in winter, an hour ahead of UTC', '2026-01-15T12:00:00Z', '2026-01-15 13:00:00 Europe/Paris'],
    ['in summer, two hours ahead', '2026-07-15T12:00:00Z', '2026-07-15 14:00:00 Europe/Paris'],
    [
      'the last second before the spring change',
      '2026-03-29T00:59:59Z',
      '2026-03-29 01:59:59 Europe/Paris',
    ],
    [
      'the first second after it (02:00 never happens)',
      '2026-03-29T01:00:00Z',
      '2026-03-29 03:00:00 Europe/Paris',
    ],
    ['midnight', '2026-10-24T22:00:00Z', '2026-10-25 00:00:00 Europe/Paris'],
  ])('when Paris is %s, then the time shown follows it', (_when, iso, text) => {
    expect(shownTime(new Date(iso), 'second', 'Europe/Paris').text).toBe(text);
  });

  test('when the autumn change repeats an hour, then both instants read alike but keep their own datetime', () => {
    const first = shownTime(new Date('2026-10-25T00:30:00Z'), 'minute', 'Europe/Paris');
    const second = shownTime(new Date('2026-10-25T01:30:00Z'), 'minute', 'Europe/Paris');

    expect(first.text).toBe('2026-10-25 02:30 Europe/Paris');
    expect(second.text).toBe('2026-10-25 02:30 Europe/Paris');
    expect(first.iso).not.toBe(second.iso);
  });

  test('when a date is before the year 1000, which Intl writes differently, then it is shown in UTC and says so', () => {
    expect(shownTime(new Date('0999-06-01T12:00:00Z'), 'minute', 'Asia/Tokyo').text).toBe(
      '0999-06-01 12:00 UTC',
    );
  });

  test.each(['Asia/Tokyo', 'Europe/Paris', 'America/Argentina/Buenos_Aires', 'Etc/GMT-14', 'UTC'])(
    'when Salesforce sends %s, then it is kept as given',
    (zone) => {
      expect(timeZoneOrUtc(zone)).toBe(zone);
    },
  );

  test('when Salesforce sends a zone Intl renamed, then the name the user chose is kept', () => {
    expect(timeZoneOrUtc('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(shownTime(at, 'minute', 'Asia/Kolkata').text).toBe('2026-12-07 19:11 Asia/Kolkata');
  });

  test.each([
    ['an unknown zone', 'Mars/Olympus_Mons'],
    ['an offset, which is no zone', '+09:00'],
    ['a city without its region', 'Tokyo'],
    ['a region and a city that do not go together', 'Europe/Tokyo'],
    ['an empty string', ''],
    ['no zone at all', undefined],
    ['a number', 9],
    ['a very long name', `Europe/${'x'.repeat(100)}`],
  ])('when the zone is %s, then times are in UTC', (_what, candidate) => {
    expect(timeZoneOrUtc(candidate)).toBe('UTC');
  });
});
