import { searchKey } from '../../validation/search';
import { tyreSizeSearchKey } from './tyre-size';

/**
 * The product list's query: what the search box holds, matched word by word against the products'
 * `_search` text (code, name, barcode, brand, tyre size and its key); a text that reads as a tyre size
 * ("2055516", "205/55r16", "205 55 16") also matches by the size's key, so every spelling finds it.
 */
export function productListQuery(text: string, limit = 100): { sql: string; params: string[] } {
  const q = searchKey(text);
  const stock = '(SELECT SUM(CAST(ROUND(CAST(m.cantitate AS REAL) * 1000) AS INTEGER)) FROM stock_movements m WHERE m.product_id = p.id) AS stoc_milli';
  if (!q) return { sql: `SELECT p.*, ${stock} FROM products p ORDER BY p.activ DESC, p.nume LIMIT ${limit}`, params: [] };
  const esc = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
  const words = q.split(' ');
  const byWords = words.map(() => `p._search LIKE ? ESCAPE '\\'`).join(' AND ');
  const params = words.map((w) => `%${esc(w)}%`);
  const size = tyreSizeSearchKey(text);
  const where = size ? `(${byWords}) OR p.anv_cheie LIKE ? ESCAPE '\\'` : byWords;
  if (size) params.push(`${esc(size)}%`);
  return { sql: `SELECT p.*, ${stock} FROM products p WHERE ${where} ORDER BY p.activ DESC, p.nume LIMIT ${limit}`, params };
}

/** A scanner's or a person's exact code or barcode (what Enter in the search box opens). */
export function exactProductQuery(text: string): { sql: string; params: string[] } {
  const v = text.trim();
  return { sql: 'SELECT id FROM products WHERE cod_bare = ? OR cod = ? ORDER BY activ DESC LIMIT 2', params: [v, v] };
}
