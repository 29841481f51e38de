import { isBookingSlug } from '@roaauto/shared';

/** The shop's booking page address as the server keeps it (`GET`/`PUT /api/appointments/booking-page`). */
export type BookingPageInfo = { slug: string | null; suggestion: string; path: string | null };

/** A calendar feed in use (its address is never listed, only shown when made). */
export type FeedInfo = { id: string; mecanicId: string | null; createdAt: string };

/** A feed just made or given a new address: the only moment its address is known. */
export type FeedCreated = FeedInfo & { url: string };

/**
 * What the person typed, as a slug: trimmed, lowercase, letters without diacritics, spaces and
 * underscores as hyphens, runs of hyphens as one, none at either end. "Vulcanizare Ștefan " →
 * "vulcanizare-stefan". Anything else stays, so the check below can name it.
 */
export function normalizeSlug(input: string): string {
  return input
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s_]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Why a slug cannot be sent, or null when it can: empty, too short, too long, or other characters. */
export function slugProblem(slug: string): 'empty' | 'short' | 'long' | 'chars' | null {
  if (!slug) return 'empty';
  if (slug.length < 3) return 'short';
  if (slug.length > 40) return 'long';
  return isBookingSlug(slug) ? null : 'chars';
}

/** The booking page's full address on this server. */
export function bookingUrl(origin: string, slug: string): string {
  return `${origin.replace(/\/+$/, '')}/b/${slug}`;
}

/** The feed in use for the shop (`mecanicId` null) or for one mechanic. */
export function feedFor(feeds: readonly FeedInfo[], mecanicId: string | null): FeedInfo | null {
  return feeds.find((f) => f.mecanicId === mecanicId) ?? null;
}
