import type { IncomingHttpHeaders } from 'node:http';
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';

const deflateRawAsync = promisify(deflateRaw);

/** Whether the request takes gzip: named (or `*`) in Accept-Encoding without `q=0`. */
export function acceptsGzip(headers: IncomingHttpHeaders): boolean {
  if (headers['x-no-compression'] !== undefined) return false;
  const header = headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim());
    const weight = params.find((p) => p.startsWith('q='));
    q.set(name, weight ? Number(weight.slice(2)) : 1);
  }
  const w = q.get('gzip') ?? q.get('x-gzip') ?? q.get('*');
  return w !== undefined && w > 0;
}

/** gzip's fixed header (RFC 1952): magic, deflate, no flags, no time, no extra flags, unknown OS. */
const gzipHeader = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);

/**
 * The part of a pull page that is the same for every device of a company: its changes, cursor and
 * hasMore, compressed as raw deflate that ends on a byte boundary (a sync flush, no final block). What
 * differs per request (the device's last mutation, the entitlements version) is appended as one final
 * stored block, so a page compressed once answers many devices.
 */
export type DeflatedPrefix = { deflated: Buffer; crc: number; length: number };

/** Compresses a prefix on libuv's threads (level 1: most of gzip's gain on this JSON for little CPU). */
export async function deflatePrefix(text: Buffer): Promise<DeflatedPrefix> {
  const deflated = await deflateRawAsync(text, { level: 1, finishFlush: constants.Z_SYNC_FLUSH });
  return { deflated, crc: crc32(text), length: text.length };
}

/** The gzip answer: the prefix's deflate, then `tail` as the final stored block, then the checksum. */
export function gzipWithTail(prefix: DeflatedPrefix, tail: Buffer): Buffer {
  if (tail.length > 0xffff) throw new Error('a stored block holds at most 65,535 bytes');
  const stored = Buffer.alloc(5);
  stored[0] = 1; // BFINAL, BTYPE 00 (stored)
  stored.writeUInt16LE(tail.length, 1);
  stored.writeUInt16LE(~tail.length & 0xffff, 3);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(tail, prefix.crc), 0);
  trailer.writeUInt32LE((prefix.length + tail.length) % 2 ** 32, 4);
  return Buffer.concat([gzipHeader, prefix.deflated, stored, tail, trailer]);
}

/** A page's prefix as kept: as it is when small (sent uncompressed), else compressed. */
export type CachedPrefix = { kind: 'text'; text: Buffer } | { kind: 'deflated'; prefix: DeflatedPrefix };

const bytesOf = (c: CachedPrefix) => (c.kind === 'text' ? c.text.length : c.prefix.deflated.length);

/**
 * Page prefixes by what determines them (company, cursor, page size, the tables the caller may read,
 * its role), kept for `ttlMs` and within `maxBytes` (the oldest go first). A page served from here is
 * the company's data as it was when the page was read, at most `ttlMs` ago: what a slow answer would
 * be. Only pages with more after them are kept, so a device always finishes on a freshly read page,
 * and a row that changed since comes in a later page, with its new version.
 */
export class PageCache {
  private readonly entries = new Map<string, { value: CachedPrefix; at: number }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(key: string): CachedPrefix | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.now() - e.at <= this.ttlMs) return e.value;
    this.drop(key);
    return undefined;
  }

  set(key: string, value: CachedPrefix): void {
    if (bytesOf(value) > this.maxBytes) return;
    this.drop(key);
    this.entries.set(key, { value, at: this.now() });
    this.bytes += bytesOf(value);
    for (const oldest of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(oldest);
    }
  }

  /** Bytes held. */
  get size(): number {
    return this.bytes;
  }

  private drop(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.entries.delete(key);
    this.bytes -= bytesOf(e.value);
  }
}
