import type { LocalDatabase } from '@/db/local-database';
import { apiFetch } from '@/app/api';
import { useSession } from '@/app/session';

/**
 * Order numbers (nr_comanda), unique per company even when two devices work offline at once:
 * - without an account there is one device: the next number after the highest one here;
 * - with an account the server hands each device blocks of numbers (`POST /api/workshop/order-numbers`)
 *   while it is online, and the device numbers from its blocks; when they run out offline the order
 *   gets no number (null) and the server gives it one at the next sync. The server also renumbers a
 *   pushed order whose number is taken, so a number is never shown twice after sync.
 */
const blockSize = 50;
const refillBelow = 15;

export async function nextOrderNumber(db: LocalDatabase): Promise<number | null> {
  if (!useSession().account?.tenant) {
    const [row] = await db.query<{ n: number }>(`SELECT COALESCE(MAX(nr_comanda), 0) + 1 AS n FROM orders`);
    return row?.n ?? 1;
  }
  // One statement: two tabs asking at once never get the same number.
  const [row] = await db.query<{ n: number }>(
    `UPDATE _number_blocks SET next = next + 1
     WHERE rowid = (SELECT rowid FROM _number_blocks WHERE kind = 'order' AND next <= last ORDER BY first LIMIT 1)
     RETURNING next - 1 AS n`,
  );
  return row?.n ?? null;
}

/** Numbers this device still holds. */
async function remaining(db: LocalDatabase): Promise<number> {
  const [row] = await db.query<{ n: number | null }>(`SELECT SUM(last - next + 1) AS n FROM _number_blocks WHERE kind = 'order' AND next <= last`);
  return row?.n ?? 0;
}

let refilling: Promise<void> | null = null;

/** Tops up this device's numbers while online (called by the leader tab after each sync). */
export function keepOrderNumbersStocked(db: LocalDatabase): Promise<void> {
  refilling ??= (async () => {
    try {
      const session = useSession();
      if (!session.account?.tenant || (await remaining(db)) >= refillBelow) return;
      const block = await apiFetch<{ first: number; last: number }>('/api/workshop/order-numbers', {
        method: 'POST', json: { count: blockSize }, token: await session.accessToken(),
      });
      await db.query(`INSERT INTO _number_blocks (kind, first, last, next) VALUES ('order', ?, ?, ?)`, [block.first, block.last, block.first]);
      await db.query(`DELETE FROM _number_blocks WHERE kind = 'order' AND next > last`);
    } finally {
      refilling = null;
    }
  })();
  return refilling;
}
