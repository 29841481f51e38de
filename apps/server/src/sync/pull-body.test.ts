import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PageCache, acceptsGzip, deflatePrefix, gzipWithTail, type CachedPrefix } from './pull-body';

describe('pull page compression', () => {
  it('makes one gzip member of a compressed prefix and each request’s own tail', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `{"table":"vehicles","rowId":"${i}","data":{"client_nume":"Ștefan Țurcanu ${i}"}}`);
    const prefix = Buffer.from(`{"changes":[${rows.join(',')}],"cursor":7,"hasMore":true,`);
    const deflated = await deflatePrefix(prefix);
    expect(deflated.deflated.length).toBeLessThan(prefix.length / 4);
    for (const tail of ['"lastMutationId":0,"entitlementsVersion":1}', '"lastMutationId":4242,"entitlementsVersion":17}', '']) {
      const body = gunzipSync(gzipWithTail(deflated, Buffer.from(tail)));
      expect(body.equals(Buffer.concat([prefix, Buffer.from(tail)]))).toBe(true);
    }
  });

  it('holds for data that does not compress and for an empty prefix', async () => {
    for (const prefix of [randomBytes(300_000), Buffer.alloc(0)]) {
      const tail = randomBytes(1000);
      expect(gunzipSync(gzipWithTail(await deflatePrefix(prefix), tail)).equals(Buffer.concat([prefix, tail]))).toBe(true);
    }
  });
});

describe('Accept-Encoding', () => {
  it('takes gzip when named or covered by *, never at q=0', () => {
    const takes = (v: string | undefined, extra: Record<string, string> = {}) => acceptsGzip({ ...(v === undefined ? {} : { 'accept-encoding': v }), ...extra });
    expect(takes('gzip, deflate, br')).toBe(true);
    expect(takes('br;q=1.0, GZIP;q=0.5')).toBe(true);
    expect(takes('*')).toBe(true);
    expect(takes('gzip;q=0, *')).toBe(false);
    expect(takes('deflate, br')).toBe(false);
    expect(takes(undefined)).toBe(false);
    expect(takes('gzip', { 'x-no-compression': '1' })).toBe(false);
  });
});

describe('page cache', () => {
  const text = (n: number): CachedPrefix => ({ kind: 'text', text: Buffer.alloc(n) });

  it('forgets a page once it is older than its time to live', () => {
    let now = 0;
    const cache = new PageCache(1000, 5000, () => now);
    cache.set('a', text(10));
    now = 5000;
    expect(cache.get('a')).toBeDefined();
    now = 5001;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('stays within its memory, dropping the oldest pages first', () => {
    const cache = new PageCache(100, 60_000, () => 0);
    cache.set('a', text(40));
    cache.set('b', text(40));
    cache.set('c', text(40));
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
    expect(cache.size).toBe(80);
    cache.set('huge', text(101));
    expect(cache.get('huge')).toBeUndefined();
    cache.set('b', text(10));
    expect(cache.size).toBe(50);
  });
});
