import { describe, expect, it } from 'vitest';
import { foldLine, icsCalendar, icsText, icsTime, utf8Length } from './ics';

describe('iCalendar', () => {
  it('escape text and write UTC times', () => {
    expect(icsText('Schimb anvelope; iarnă, 4 roți\nB-123-ABC \\')).toBe('Schimb anvelope\\; iarnă\\, 4 roți\\nB-123-ABC \\\\');
    expect(icsTime('2026-11-02T06:20:00.000Z')).toBe('20261102T062000Z');
  });

  it('fold long lines at 75 octets without splitting a Romanian letter', () => {
    const line = `DESCRIPTION:${'ăîșțâ'.repeat(30)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(utf8Length(part)).toBeLessThanOrEqual(75);
    // a: 1 octet, ă: 2, €: 3, an emoji: 4.
    expect(utf8Length('aă€😀')).toBe(10);
    expect(folded.split('\r\n').map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('SUMMARY:scurt')).toBe('SUMMARY:scurt');
  });

  it('make a calendar with CRLF lines, one event per appointment', () => {
    const text = icsCalendar([{ uid: 'a1@roaauto', start: '2026-11-02T06:00:00Z', end: '2026-11-02T07:00:00Z', summary: 'Schimb anvelope', updated: '2026-11-01T10:00:00Z', url: 'https://x.ro/b/s/a' }], { name: 'Service' });
    expect(text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(text).toContain('\r\nDTSTART:20261102T060000Z\r\nDTEND:20261102T070000Z\r\n');
    expect(text).toContain('\r\nX-WR-CALNAME:Service\r\n');
    expect(text.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });
});
