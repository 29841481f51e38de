/**
 * The booking page's address: `/b/<slug>`, a company's own slug (lowercase letters, digits and
 * hyphens, 3 to 40 characters, no hyphen at either end or two in a row), unique across companies.
 */
export const bookingSlugPattern = /^(?=.{3,40}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function isBookingSlug(value: string): boolean {
  return bookingSlugPattern.test(value);
}

/** Words a company name carries that say nothing about the shop. */
const legalForms = new Set(['srl', 'sa', 'pfa', 'ii', 'if', 'srl-d', 'srld', 'snc', 'scs']);

/**
 * A slug suggested from a company's name: letters without diacritics, words joined by hyphens, the
 * legal form left out ("Vulcanizare Ștefan SRL" → "vulcanizare-stefan"); "service-auto" when nothing is left.
 */
export function suggestBookingSlug(name: string): string {
  const words = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !legalForms.has(w));
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > 40) break;
    slug = next;
  }
  if (!slug) slug = words[0]?.slice(0, 40) ?? '';
  return slug.length >= 3 ? slug : `service-${slug || 'auto'}`.replace(/-$/, '');
}
