import { z } from 'zod';

/**
 * One code point that is neither NUL nor half of a surrogate pair. PostgreSQL refuses NUL in text
 * (SQLite keeps it, so the engines would disagree); a lone surrogate has no UTF-8 form, and both
 * drivers would quietly store U+FFFD instead of what was sent. With the `u` flag a well-formed pair
 * is one code point and passes.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly the character refused
const storableRe = /^[^\u0000\uD800-\uDFFF]*$/u;

const message = 'text without NUL characters or broken Unicode';

/** Whether both server engines store this string exactly as given. */
export function isStorableText(value: string): boolean {
  return storableRe.test(value);
}

/**
 * A string both server engines store exactly as given, optionally at most `max` long: for request
 * schemas whose text ends up in the database (names, addresses, series), like the synced columns.
 */
export function storableText(max?: number): z.ZodString {
  const s = z.string().regex(storableRe, message);
  return max === undefined ? s : s.max(max);
}
