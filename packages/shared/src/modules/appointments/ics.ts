/**
 * iCalendar (RFC 5545) for appointments: the `.ics` file a customer adds to their calendar and the
 * feed a shop subscribes to from Google Calendar or Outlook. Times are written in UTC, so no time-zone
 * block is needed; text is escaped and lines folded at 75 octets as the RFC requires.
 */

export type IcsEvent = {
  /** Stable across updates, so a calendar replaces the event instead of adding another. */
  uid: string;
  /** ISO timestamps. */
  start: string;
  end: string;
  summary: string;
  description?: string | null;
  location?: string | null;
  /** When it last changed (ISO): calendars keep the newest copy. */
  updated: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
  /** The customer's page to move or cancel the booking. */
  url?: string | null;
};

/** Text as a property value: backslash, semicolon, comma and new lines escaped. */
export function icsText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** An ISO timestamp as an iCalendar UTC date-time (20261102T060000Z). */
export function icsTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Octets of a text in UTF-8. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of Array.from(text)) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** A content line folded to at most 75 octets per line, never inside a UTF-8 character. */
export function foldLine(line: string): string {
  if (utf8Length(line) <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of Array.from(line)) {
    const bytes = utf8Length(ch);
    // Continuation lines start with a space, which counts toward their 75.
    if (size + bytes > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A calendar of events: one event for a booking's file, many for a feed. */
export function icsCalendar(events: readonly IcsEvent[], options: { name?: string; method?: 'PUBLISH' } = {}): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//ROA AUTO//Programari//RO', 'CALSCALE:GREGORIAN', `METHOD:${options.method ?? 'PUBLISH'}`];
  if (options.name) lines.push(`X-WR-CALNAME:${icsText(options.name)}`);
  for (const e of events) {
    lines.push(
      'BEGIN:VEVENT', `UID:${icsText(e.uid)}`, `DTSTAMP:${icsTime(e.updated)}`, `LAST-MODIFIED:${icsTime(e.updated)}`,
      `DTSTART:${icsTime(e.start)}`, `DTEND:${icsTime(e.end)}`, `SUMMARY:${icsText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION:${icsText(e.description)}`);
    if (e.location) lines.push(`LOCATION:${icsText(e.location)}`);
    if (e.url) lines.push(`URL:${e.url}`);
    lines.push(`STATUS:${e.status ?? 'CONFIRMED'}`, 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
