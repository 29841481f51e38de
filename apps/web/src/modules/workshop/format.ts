const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** A stored date (YYYY-MM-DD) as people read it, in the app's language (one formatter per language). */
export function formatDate(date: string, locale: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const tag = locale.startsWith('ro') ? 'ro-RO' : 'en-GB';
  let f = dateFormats.get(tag);
  if (!f) {
    f = new Intl.DateTimeFormat(tag);
    dateFormats.set(tag, f);
  }
  return f.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}
