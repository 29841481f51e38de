import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile, open as openFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertBlobKey, assertTenantId, BlobTooLarge, type BlobInfo, type BlobStorage, type PutOptions } from './storage';

/**
 * The disk store: `<root>/<tenantId>/<key>` holds the bytes and `<key>~meta` their description (content
 * type, size, SHA-256). A write goes to a temporary file in the same folder, is flushed to disk and
 * renamed over the old one (a rename is atomic within a file system), bytes first and description
 * second: a reader sees the previous file or the new one, and a crash leaves at most a `~tmp-` file.
 * `~` cannot appear in a key, so no key names a description or a temporary file.
 */
export function diskStorage(root: string): BlobStorage {
  const base = path.resolve(root);

  const fileOf = (tenantId: string, key: string): string => {
    assertTenantId(tenantId);
    assertBlobKey(key);
    const file = path.resolve(base, tenantId, ...key.split('/'));
    // The key's pattern already forbids leaving the company's folder; this holds it anyway.
    if (!file.startsWith(path.join(base, tenantId) + path.sep)) throw new Error('Invalid storage key');
    return file;
  };
  const tempOf = (file: string) => `${file}~tmp-${randomBytes(8).toString('hex')}`;

  async function writeAtomically(file: string, write: (temp: string) => Promise<void>): Promise<void> {
    const temp = tempOf(file);
    try {
      await write(temp);
      const handle = await openFile(temp, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, file);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async function describe(file: string): Promise<BlobInfo | null> {
    try {
      const meta = JSON.parse(await readFile(`${file}~meta`, 'utf8')) as BlobInfo;
      return meta;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  return {
    provider: 'disk',

    async put(tenantId, key, data, options: PutOptions) {
      const file = fileOf(tenantId, key);
      await mkdir(path.dirname(file), { recursive: true });
      const hash = createHash('sha256');
      let size = 0;
      const limit = options.maxBytes ?? Number.POSITIVE_INFINITY;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, done: TransformCallback) {
          size += chunk.length;
          if (size > limit) {
            done(new BlobTooLarge(limit));
            return;
          }
          hash.update(chunk);
          done(null, chunk);
        },
      });
      const source = data instanceof Readable ? data : Readable.from([Buffer.from(data)]);
      await writeAtomically(file, (temp) => pipeline(source, counter, createWriteStream(temp, { flags: 'wx' })));
      const info: BlobInfo = { key, contentType: options.contentType, size, etag: hash.digest('hex'), storedAt: new Date().toISOString() };
      const meta = `${file}~meta`;
      await writeAtomically(meta, (temp) => writeFile(temp, JSON.stringify(info), { flag: 'wx' }));
      return info;
    },

    async stat(tenantId, key) {
      return describe(fileOf(tenantId, key));
    },

    async read(tenantId, key) {
      const file = fileOf(tenantId, key);
      const info = await describe(file);
      if (!info) return null;
      try {
        return { info, data: await readFile(file) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },

    async open(tenantId, key) {
      const file = fileOf(tenantId, key);
      const info = await describe(file);
      if (!info) return null;
      try {
        await stat(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
      return { info, stream: createReadStream(file) };
    },

    async delete(tenantId, key) {
      const file = fileOf(tenantId, key);
      const had = (await describe(file)) !== null;
      // The description goes first: without it the file is not there for readers.
      await rm(`${file}~meta`, { force: true });
      await rm(file, { force: true });
      return had;
    },
  };
}
