import type { LocalDatabase } from '@/db/local-database';
import { useSession } from '@/app/session';

/**
 * The number a new order gets on this device (nr_comanda), see docs/workshop.md "Order numbers":
 * - without an account this browser is the company's only device: the next number after its highest;
 * - with an account the order is saved without one (null) and the server gives it the company's next
 *   number when it arrives, a moment later online, at the next sync offline. Numbers then follow one
 *   another without gaps whichever device made the orders; until then the order says "nr. la sincronizare".
 */
export async function nextOrderNumber(db: LocalDatabase): Promise<number | null> {
  if (useSession().account?.tenant) return null;
  const [row] = await db.query<{ n: number }>(`SELECT COALESCE(MAX(nr_comanda), 0) + 1 AS n FROM orders`);
  return row?.n ?? 1;
}
