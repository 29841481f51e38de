import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type * as ClientS3 from '@aws-sdk/client-s3';
import type { _Object, S3Client } from '@aws-sdk/client-s3';
import type { Upload as UploadType } from '@aws-sdk/lib-storage';
import { backupDate, type BackupTarget } from './target';

const manifestFile = 'manifest.json';

/** BACKUP_S3_*: an S3-compatible object store (AWS S3, MinIO, Backblaze B2, Cloudflare R2, Hetzner, Scaleway). */
export type S3Settings = {
  bucket: string;
  /** Folder-like prefix of every object (`backups/roaauto`); empty: the bucket's root. */
  prefix: string;
  /** The store's address (`https://s3.eu-central-003.backblazeb2.com`); unset: AWS S3 of the region. */
  endpoint?: string | undefined;
  region: string;
  /** Bucket in the path (`endpoint/bucket/key`) rather than in the host name: MinIO and most self-hosted stores. */
  forcePathStyle: boolean;
  /** Both or neither; neither: the SDK's own chain (AWS_* variables, an instance role). */
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
};

export type S3TargetOptions = S3Settings & {
  /** A local folder where fetched backups are downloaded (the backups' work folder, BACKUP_DIR). */
  workDir: string;
  /** Files above this size go up in parts of this size (S3's minimum part is 5 MiB). */
  partSize?: number | undefined;
  /** Keys per DeleteObjects request (S3 allows at most 1000). */
  deleteBatch?: number | undefined;
};

const defaultPartSize = 16 * 1024 * 1024;

/** Every regular file under `root`, relative paths with `/`. */
async function filesUnder(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await fs.readdir(path.join(root, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  await walk('');
  return out.sort();
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure is thrown once all have settled. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const errors: unknown[] = [];
  const worker = async () => {
    while (next < items.length && errors.length === 0) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (err) {
        errors.push(err);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (errors.length) throw errors[0];
}

const isNotFound = (err: unknown) =>
  (err as { name?: string }).name === 'NotFound' || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Backups in an S3-compatible bucket: every file of the finished backup folder as the object
 * `<prefix>/<name>/<relative path>`, the manifest last, once every other object is checked in the bucket
 * with its size; a backup is listed only when its manifest is there, so one whose upload was cut short
 * never is. Big files go up in parts streamed from disk (never whole in memory).
 */
export function s3Target(options: S3TargetOptions): BackupTarget {
  const { bucket } = options;
  const cleanPrefix = options.prefix.replace(/^\/+|\/+$/g, '');
  const root = cleanPrefix ? `${cleanPrefix}/` : '';
  const partSize = options.partSize ?? defaultPartSize;
  const deleteBatch = Math.min(options.deleteBatch ?? 1000, 1000);
  // The SDK is loaded on first use: a server without a bucket does not pay for it at start.
  type Sdk = { s3: typeof ClientS3; Upload: typeof UploadType; client: S3Client };
  let loaded: Promise<Sdk> | undefined;
  const sdk = (): Promise<Sdk> => (loaded ??= (async () => {
    const s3 = await import('@aws-sdk/client-s3');
    const { Upload } = await import('@aws-sdk/lib-storage');
    return { s3, Upload, client: newClient(s3.S3Client) };
  })());
  const newClient = (Client: typeof S3Client) => new Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    // Checksums only where S3 requires them: several S3-compatible stores refuse the newer trailing checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const checkName = (name: string) => {
    if (!backupDate(name)) throw new Error(`Not a backup name: ${name}`);
  };

  /** Every object under `prefix`, page after page. */
  async function listAll(prefix: string): Promise<_Object[]> {
    const { s3, client } = await sdk();
    const out: _Object[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new s3.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
      out.push(...(page.Contents ?? []));
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return out;
  }

  async function uploadFile(file: string, key: string): Promise<void> {
    const { Upload, client } = await sdk();
    const upload = new Upload({
      client,
      params: { Bucket: bucket, Key: key, Body: createReadStream(file) },
      partSize,
      queueSize: 2,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async function deleteKeys(keys: string[]): Promise<void> {
    const { s3, client } = await sdk();
    for (let i = 0; i < keys.length; i += deleteBatch) {
      const batch = keys.slice(i, i + deleteBatch);
      const result = await client.send(
        new s3.DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }),
      );
      const failed = result.Errors ?? [];
      if (failed.length) {
        throw new Error(`S3 refused to delete ${failed.length} objects: ${failed.slice(0, 3).map((e) => `${e.Key ?? '?'} (${e.Code ?? e.Message ?? '?'})`).join(', ')}`);
      }
    }
  }

  return {
    description: `s3://${bucket}/${root}${options.endpoint ? ` at ${options.endpoint}` : ''}`,
    async put(localDir, name) {
      checkName(name);
      const base = `${root}${name}/`;
      const files = await filesUnder(localDir);
      if (!files.includes(manifestFile)) throw new Error(`${localDir} has no ${manifestFile}`);
      const body = files.filter((f) => f !== manifestFile);
      // Objects left by an earlier attempt at the same name would be taken for this backup's.
      const stale = await listAll(base);
      if (stale.some((o) => o.Key === `${base}${manifestFile}`)) throw new Error(`A backup named ${name} exists already in the bucket`);
      if (stale.length) await deleteKeys(stale.flatMap((o) => (o.Key ? [o.Key] : [])));
      await eachLimited(body, 4, (rel) => uploadFile(path.join(localDir, ...rel.split('/')), `${base}${rel}`));
      // Whole: every file is in the bucket with its size before the manifest makes the backup visible.
      const sizes = new Map((await listAll(base)).map((o) => [o.Key, o.Size]));
      for (const rel of body) {
        const { size } = await fs.stat(path.join(localDir, ...rel.split('/')));
        const stored = sizes.get(`${base}${rel}`);
        if (stored !== size) throw new Error(`${base}${rel}: ${stored ?? 'missing'} bytes in the bucket, ${size} on disk`);
      }
      await uploadFile(path.join(localDir, manifestFile), `${base}${manifestFile}`);
    },
    async list() {
      const { s3, client } = await sdk();
      const names = new Set<string>();
      let token: string | undefined;
      do {
        const page = await client.send(
          new s3.ListObjectsV2Command({ Bucket: bucket, Prefix: root, Delimiter: '/', ContinuationToken: token }),
        );
        for (const p of page.CommonPrefixes ?? []) {
          const name = p.Prefix?.slice(root.length).replace(/\/$/, '');
          if (name && backupDate(name)) names.add(name);
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
      const listed: string[] = [];
      for (const name of names) {
        try {
          await client.send(new s3.HeadObjectCommand({ Bucket: bucket, Key: `${root}${name}/${manifestFile}` }));
          listed.push(name);
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      return listed;
    },
    async remove(name) {
      checkName(name);
      const base = `${root}${name}/`;
      const keys = (await listAll(base)).flatMap((o) => (o.Key ? [o.Key] : []));
      // The manifest first: a removal cut short leaves a backup no longer listed, never a listed one half gone.
      const manifestKey = `${base}${manifestFile}`;
      if (keys.includes(manifestKey)) await deleteKeys([manifestKey]);
      await deleteKeys(keys.filter((k) => k !== manifestKey));
    },
    async fetch(name) {
      checkName(name);
      const base = `${root}${name}/`;
      const { s3, client } = await sdk();
      const objects = await listAll(base);
      if (!objects.some((o) => o.Key === `${base}${manifestFile}`)) throw new Error(`No backup ${name} in s3://${bucket}/${root}`);
      const dir = path.resolve(options.workDir, `.fetched-${name}-${randomBytes(4).toString('hex')}`);
      await fs.mkdir(dir, { recursive: true });
      try {
        // Keys ending in `/` are folder markers some consoles create, not files of the backup.
        const files = objects.filter((o) => o.Key && !o.Key.endsWith('/'));
        await eachLimited(files, 4, async (object) => {
          const rel = (object.Key ?? '').slice(base.length);
          const dest = path.resolve(dir, ...rel.split('/'));
          if (!rel || !dest.startsWith(dir + path.sep)) throw new Error(`${object.Key ?? ''}: a key outside the backup`);
          await fs.mkdir(path.dirname(dest), { recursive: true });
          const got = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: object.Key }));
          if (!got.Body) throw new Error(`${object.Key ?? ''}: no body`);
          await pipeline(got.Body as Readable, createWriteStream(dest));
        });
      } catch (err) {
        await fs.rm(dir, { recursive: true, force: true });
        throw err;
      }
      return dir;
    },
    async readManifest(name) {
      checkName(name);
      const { s3, client } = await sdk();
      try {
        const got = await client.send(new s3.GetObjectCommand({ Bucket: bucket, Key: `${root}${name}/${manifestFile}` }));
        return got.Body ? await got.Body.transformToString('utf8') : null;
      } catch (err) {
        if (isNotFound(err) || (err as { name?: string }).name === 'NoSuchKey') return null;
        throw err;
      }
    },
    async release(dir) {
      // Only a folder this target downloaded.
      if (path.basename(dir).startsWith('.fetched-') && path.dirname(path.resolve(dir)) === path.resolve(options.workDir)) {
        await fs.rm(dir, { recursive: true, force: true });
      }
    },
  };
}
