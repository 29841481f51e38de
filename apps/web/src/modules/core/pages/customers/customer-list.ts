import { searchKey } from '@roaauto/shared';

/**
 * The customers list and its likely duplicates, as SQL on the device's `clients` table: found by name
 * without diacritics (words in any order), by phone as typed or as bare digits, or by fiscal code, through
 * the table's `_search` text.
 */
export type CustomerListRow = { id: string; tip: 'pf' | 'pj'; nume: string; telefon: string | null; cod_fiscal: string | null; localitate: string | null };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function customerListQuery(typed: string, limit = 200): { sql: string; params: string[] } {
  const words = searchKey(typed).split(' ').filter(Boolean);
  const where = words.length ? `WHERE ${words.map(() => `_search LIKE ? ESCAPE '\\'`).join(' AND ')}` : '';
  return {
    sql: `SELECT id, tip, nume, telefon, cod_fiscal, localitate FROM clients ${where} ORDER BY _search, id LIMIT ${limit}`,
    params: words.map((w) => `%${escapeLike(w)}%`),
  };
}

/** A phone as bare national digits in SQL ("+40 722-123.456" and "0722 123 456" are one number). */
function phoneKey(column: string): string {
  let expr = `COALESCE(${column}, '')`;
  for (const c of [' ', '-', '.', '/', '(', ')']) expr = `REPLACE(${expr}, '${c}', '')`;
  return `(CASE WHEN ${expr} LIKE '+40%' THEN '0' || SUBSTR(${expr}, 4) WHEN ${expr} LIKE '0040%' THEN '0' || SUBSTR(${expr}, 5) ELSE ${expr} END)`;
}

/** A fiscal code without spaces and the RO prefix. */
function fiscalKey(column: string): string {
  const bare = `UPPER(REPLACE(COALESCE(${column}, ''), ' ', ''))`;
  return `(CASE WHEN ${bare} LIKE 'RO%' THEN SUBSTR(${bare}, 3) ELSE ${bare} END)`;
}

/** Two customers that are likely one: the same phone number or the same fiscal code. */
export type DuplicatePair = { a_id: string; a_nume: string; b_id: string; b_nume: string; reason: 'phone' | 'fiscal' };

/**
 * Pairs of likely duplicates, each once (the older customer first), for the whole list or, with `clientId`,
 * for one customer. A phone counts from 6 digits, a fiscal code from 2.
 */
export function duplicatesQuery(clientId: string | null = null, limit = 50): { sql: string; params: string[] } {
  const one = clientId ? 'AND (a.id = ? OR b.id = ?)' : '';
  const sql = `WITH k AS (SELECT id, nume, created_at, ${phoneKey('telefon')} AS pk, ${fiscalKey('cod_fiscal')} AS fk FROM clients)
    SELECT a_id, a_nume, b_id, b_nume, MIN(reason) AS reason FROM (
      SELECT a.id AS a_id, a.nume AS a_nume, b.id AS b_id, b.nume AS b_nume, 'fiscal' AS reason, a.created_at AS ca, b.created_at AS cb
        FROM k a JOIN k b ON b.fk = a.fk AND (a.created_at < b.created_at OR (a.created_at = b.created_at AND a.id < b.id))
        WHERE LENGTH(a.fk) >= 2 ${one}
      UNION ALL
      SELECT a.id, a.nume, b.id, b.nume, 'phone', a.created_at, b.created_at
        FROM k a JOIN k b ON b.pk = a.pk AND (a.created_at < b.created_at OR (a.created_at = b.created_at AND a.id < b.id))
        WHERE LENGTH(a.pk) >= 6 ${one}
    ) GROUP BY a_id, b_id ORDER BY LOWER(a_nume), a_id, b_id LIMIT ${limit}`;
  return { sql, params: clientId ? [clientId, clientId, clientId, clientId] : [] };
}
