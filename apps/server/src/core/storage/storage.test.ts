import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '@roaauto/shared';
import { BlobTooLarge, diskStorage, type BlobStorage } from '.';

/** Every file under `dir`, relative, sorted. */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(path.relative(dir, path.join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

const text = async (s: BlobStorage, tenant: string, key: string) => (await s.read(tenant, key))?.data.toString('utf8') ?? null;

describe('disk storage', () => {
  let root: string;
  let storage: BlobStorage;
  const a = newId();
  const b = newId();
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'roaauto-storage-'));
    storage = diskStorage(root);
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('stores, describes, reads, streams and deletes a file in its company\'s folder', async () => {
    const info = await storage.put(a, 'photos/one.jpg', Buffer.from('bytes of a photo'), { contentType: 'image/jpeg' });
    expect(info).toMatchObject({ key: 'photos/one.jpg', contentType: 'image/jpeg', size: 16 });
    expect(info.etag).toMatch(/^[0-9a-f]{64}$/);
    expect(await storage.stat(a, 'photos/one.jpg')).toEqual(info);
    expect(await text(storage, a, 'photos/one.jpg')).toBe('bytes of a photo');
    const opened = await storage.open(a, 'photos/one.jpg');
    const chunks: Buffer[] = [];
    for await (const c of opened?.stream ?? []) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('bytes of a photo');
    expect(await filesUnder(root)).toEqual([path.join(a, 'photos', 'one.jpg'), path.join(a, 'photos', 'one.jpg~meta')]);
    // Another company's space does not have it.
    expect(await storage.stat(b, 'photos/one.jpg')).toBeNull();
    expect(await storage.read(b, 'photos/one.jpg')).toBeNull();
    expect(await storage.delete(a, 'photos/one.jpg')).toBe(true);
    expect(await storage.delete(a, 'photos/one.jpg')).toBe(false);
    expect(await storage.stat(a, 'photos/one.jpg')).toBeNull();
    expect(await storage.open(a, 'photos/one.jpg')).toBeNull();
  });

  it('refuses keys and company ids that could leave the company\'s folder', async () => {
    const bad = ['../x', 'photos/../../x', '/etc/passwd', 'a\\b', '', 'photos/', '.hidden', 'x~meta', 'A.jpg', 'a/b/c/d/e', 'a//b', 'ș.jpg', 'a\0b'];
    for (const key of bad) {
      await expect(storage.put(a, key, Buffer.from('x'), { contentType: 'text/plain' }), key).rejects.toThrow(/Invalid storage key/);
      await expect(storage.stat(a, key), key).rejects.toThrow(/Invalid storage key/);
    }
    for (const tenant of ['..', '../x', 'not-a-uuid', `${a}/..`]) {
      await expect(storage.put(tenant, 'x.jpg', Buffer.from('x'), { contentType: 'text/plain' }), tenant).rejects.toThrow(/Invalid company id/);
    }
    expect(await filesUnder(root)).toEqual([]);
  });

  it('replaces a file whole: a write that fails or runs over the limit leaves the previous file and no temporary one', async () => {
    await storage.put(a, 'p.jpg', Buffer.from('first'), { contentType: 'image/jpeg' });
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half of the second'));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(storage.put(a, 'p.jpg', failing, { contentType: 'image/jpeg' })).rejects.toThrow('connection lost');
    expect(await text(storage, a, 'p.jpg')).toBe('first');
    await expect(storage.put(a, 'p.jpg', Buffer.alloc(11), { contentType: 'image/jpeg', maxBytes: 10 })).rejects.toBeInstanceOf(BlobTooLarge);
    await expect(storage.put(a, 'new.jpg', Readable.from([Buffer.alloc(6), Buffer.alloc(6)]), { contentType: 'image/jpeg', maxBytes: 10 })).rejects.toBeInstanceOf(BlobTooLarge);
    expect(await text(storage, a, 'p.jpg')).toBe('first');
    expect(await storage.stat(a, 'new.jpg')).toBeNull();
    expect(await filesUnder(root)).toEqual([path.join(a, 'p.jpg'), path.join(a, 'p.jpg~meta')]);

    const second = await storage.put(a, 'p.jpg', Buffer.from('second'), { contentType: 'image/webp', maxBytes: 10 });
    expect(await text(storage, a, 'p.jpg')).toBe('second');
    expect(await storage.stat(a, 'p.jpg')).toEqual(second);
    expect(second.contentType).toBe('image/webp');
  });

  it('gives the same file the same etag and a different one another', async () => {
    const one = await storage.put(a, 'x.jpg', Buffer.from('same'), { contentType: 'image/jpeg' });
    const again = await storage.put(a, 'x.jpg', Buffer.from('same'), { contentType: 'image/jpeg' });
    const other = await storage.put(a, 'x.jpg', Buffer.from('other'), { contentType: 'image/jpeg' });
    expect(again.etag).toBe(one.etag);
    expect(other.etag).not.toBe(one.etag);
  });
});
