/** A moment as people read it in their language: "6 dec. 2026, 14:05". */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(locale.startsWith('ro') ? 'ro-RO' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
