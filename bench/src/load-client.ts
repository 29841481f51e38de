import { gunzipSync } from 'node:zlib';
import { Pool } from 'undici';

/** The HTTP client and the sample rows of the load benches (load.bench.ts, cluster.bench.ts). */
export const surnames = ['Popescu', 'Ionescu', 'Ștefănescu', 'Țurcanu', 'Dumitrescu', 'Constantinescu', 'Mărginean'];
export const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
export const plate = (i: number) => `CT ${String(i % 100).padStart(2, '0')} ${String.fromCharCode(65 + (i % 26), 65 + ((i >> 3) % 26), 65 + ((i >> 6) % 26))}`;
export const vehicle = (i: number, clientId: string | null) => ({
  client_id: clientId, client_nume: `${pick(surnames)} ${i}`, client_telefon: `07${String(i).padStart(8, '0')}`, nr_inmatriculare: plate(i),
  an_fabricatie: 1998 + (i % 27), serie_sasiu: null,
});
export const client = (i: number) => ({ tip: i % 4 ? 'pf' : 'pj', nume: `${pick(surnames)} ${i}${i % 4 ? '' : ' SRL'}`, telefon: `07${String(i).padStart(8, '0')}`, adresa: `Str. Mare nr. ${i}, Constanța` });
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function readBody(res: { headers: Record<string, string | string[] | undefined>; body: { arrayBuffer(): Promise<ArrayBuffer> } }): Promise<string> {
  const raw = Buffer.from(await res.body.arrayBuffer());
  return res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
}

/** cursor and hasMore are written after the changes: reading the tail spares parsing a whole page. */
export function pageEnd(text: string): { cursor: number; hasMore: boolean } {
  const tail = text.slice(-300);
  const cursor = /"cursor":(\d+)/.exec(tail);
  const hasMore = /"hasMore":(true|false)/.exec(tail);
  if (!cursor || !hasMore) return JSON.parse(text) as { cursor: number; hasMore: boolean };
  return { cursor: Number(cursor[1]), hasMore: hasMore[1] === 'true' };
}

export class Http {
  readonly pool: Pool;
  constructor(url: string, connections: number) {
    this.pool = new Pool(url, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  async call(method: 'GET' | 'POST', pathAndQuery: string, token: string | null, body?: unknown, gzip = false): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (gzip) headers['accept-encoding'] = 'gzip';
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.pool.request({ method, path: pathAndQuery, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.statusCode, text: await readBody(res) };
  }

  async json<T>(method: 'GET' | 'POST', pathAndQuery: string, token: string | null, body?: unknown): Promise<T> {
    const res = await this.call(method, pathAndQuery, token, body);
    if (res.status >= 300) throw new Error(`${method} ${pathAndQuery}: ${res.status} ${res.text.slice(0, 300)}`);
    return JSON.parse(res.text) as T;
  }
}
