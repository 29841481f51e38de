import type { LocalDatabase } from '@/db/local-database';
import { ensurePortalLink } from '@/modules/client_portal/links';

/**
 * The client portal's link of an order, for the "estimate ready" text: this device's working link or a
 * new one. Null for someone who may not make links (the template then leaves the link's line out).
 */
export async function portalLinkFor(db: LocalDatabase, orderId: string, mayMakeLinks: boolean): Promise<string | null> {
  if (!mayMakeLinks) return null;
  return (await ensurePortalLink(db, orderId)).url;
}
