import type { LocalDatabase } from '@/db/local-database';

/**
 * The client portal's link of an order, for the "estimate ready" text: null while the portal cannot
 * make one (the template then leaves the link's line out). The portal's `ensurePortalLink(db, orderId)`
 * goes here.
 */
export function portalLinkFor(_db: LocalDatabase, _orderId: string): Promise<string | null> {
  return Promise.resolve(null);
}
