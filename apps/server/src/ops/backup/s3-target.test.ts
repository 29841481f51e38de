import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import SQLite from 'better-sqlite3';
import getPort from 'get-port';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { diskStorage } from '../../core/storage';
import { createTestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login } from '../../test/sessions';
import { applyRetention, createBackup, manifestFile } from './backup';
import { restoreBackup } from './restore';
import { s3Target } from './s3-target';
import { backupName } from './target';

const serverRoot = fileURLToPath(new URL('../../..', import.meta.url));
const accessKeyId = 'AKIDFAKES3TEST';
const bucket = 'roa-backups';

type Logged = { method: string; key: string; query: URLSearchParams; authorization: string };

const xmlEscape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const xmlUnescape = (s: string) =>
  s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&apos;', "'").replaceAll('&amp;', '&');
const etagOf = (body: Buffer) => `"${createHash('md5').update(body).digest('hex')}"`;
const xml = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${inner}`;
const ns = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"';

/**
 * A fake S3 for one bucket, path-style, answering in S3's documented shapes for the calls the SDK makes:
 * PutObject, the multipart calls, ListObjectsV2 (pages of two entries), GetObject, HeadObject, DeleteObjects.
 * Requests without a SigV4 Authorization header of the expected key are refused (the signature is not checked).
 */
async function fakeS3() {
  const objects = new Map<string, Buffer>();
  const uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  const log: Logged[] = [];
  const failPut = { pattern: null as RegExp | null };
  const pageSize = 2;

  const send = (res: http.ServerResponse, status: number, body = '', headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/xml', ...headers });
    res.end(body);
  };
  const error = (res: http.ServerResponse, status: number, code: string, method: string) => {
    if (method === 'HEAD') return send(res, status);
    return send(res, status, xml(`<Error><Code>${code}</Code><Message>${code}</Message><RequestId>1</RequestId></Error>`));
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const [, bucketName = '', ...rest] = url.pathname.split('/');
      const key = decodeURIComponent(rest.join('/'));
      const q = url.searchParams;
      const authorization = req.headers.authorization ?? '';
      log.push({ method, key, query: q, authorization });
      if (process.env.FAKE_S3_DEBUG) console.log(Date.now() % 100000, method, key, url.search, req.headers.expect ?? '', body.length);
      if (!authorization.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`) || !/Signature=[0-9a-f]{64}/.test(authorization)) {
        return error(res, 403, 'AccessDenied', method);
      }
      if (bucketName !== bucket) return error(res, 404, 'NoSuchBucket', method);

      if (method === 'PUT' && q.has('uploadId')) {
        const upload = uploads.get(q.get('uploadId') ?? '');
        if (!upload) return error(res, 404, 'NoSuchUpload', method);
        upload.parts.set(Number(q.get('partNumber')), body);
        return send(res, 200, '', { etag: etagOf(body) });
      }
      if (method === 'PUT') {
        if (failPut.pattern?.test(key)) return error(res, 500, 'InternalError', method);
        objects.set(key, body);
        return send(res, 200, '', { etag: etagOf(body) });
      }
      if (method === 'POST' && q.has('uploads')) {
        const id = randomUUID();
        uploads.set(id, { key, parts: new Map() });
        return send(res, 200, xml(`<InitiateMultipartUploadResult ${ns}><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`));
      }
      if (method === 'POST' && q.has('uploadId')) {
        const id = q.get('uploadId') ?? '';
        const upload = uploads.get(id);
        if (!upload) return error(res, 404, 'NoSuchUpload', method);
        const numbers = [...body.toString('utf8').matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((m) => Number(m[1]));
        const parts = numbers.map((n) => upload.parts.get(n));
        if (!numbers.length || parts.some((p) => !p)) return error(res, 400, 'InvalidPart', method);
        objects.set(upload.key, Buffer.concat(parts as Buffer[]));
        uploads.delete(id);
        return send(res, 200, xml(`<CompleteMultipartUploadResult ${ns}><Location>http://fake/${bucket}/${xmlEscape(key)}</Location><Bucket>${bucket}</Bucket><Key>${xmlEscape(key)}</Key><ETag>"${numbers.length}-parts"</ETag></CompleteMultipartUploadResult>`));
      }
      if (method === 'DELETE' && q.has('uploadId')) {
        uploads.delete(q.get('uploadId') ?? '');
        return send(res, 204);
      }
      if (method === 'POST' && q.has('delete')) {
        const keys = [...body.toString('utf8').matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((m) => xmlUnescape(m[1] ?? ''));
        for (const k of keys) objects.delete(k);
        const quiet = /<Quiet>true<\/Quiet>/.test(body.toString('utf8'));
        const deleted = quiet ? '' : keys.map((k) => `<Deleted><Key>${xmlEscape(k)}</Key></Deleted>`).join('');
        return send(res, 200, xml(`<DeleteResult ${ns}>${deleted}</DeleteResult>`));
      }
      if (method === 'GET' && !key && q.get('list-type') === '2') {
        const prefix = q.get('prefix') ?? '';
        const delimiter = q.get('delimiter') ?? '';
        const entries: { key?: string; common?: string }[] = [];
        const seen = new Set<string>();
        for (const k of [...objects.keys()].filter((k) => k.startsWith(prefix)).sort()) {
          const cut = delimiter ? k.indexOf(delimiter, prefix.length) : -1;
          if (cut === -1) entries.push({ key: k });
          else {
            const common = k.slice(0, cut + delimiter.length);
            if (!seen.has(common)) entries.push({ common });
            seen.add(common);
          }
        }
        const start = Number(q.get('continuation-token') ?? '0');
        const page = entries.slice(start, start + pageSize);
        const truncated = start + pageSize < entries.length;
        const contents = page
          .filter((e) => e.key !== undefined)
          .map((e) => {
            const k = e.key as string;
            const size = objects.get(k)?.length ?? 0;
            return `<Contents><Key>${xmlEscape(k)}</Key><LastModified>2026-12-07T03:00:00.000Z</LastModified><ETag>&quot;x&quot;</ETag><Size>${size}</Size><StorageClass>STANDARD</StorageClass></Contents>`;
          })
          .join('');
        const commons = page
          .filter((e) => e.common !== undefined)
          .map((e) => `<CommonPrefixes><Prefix>${xmlEscape(e.common as string)}</Prefix></CommonPrefixes>`)
          .join('');
        return send(
          res,
          200,
          xml(
            `<ListBucketResult ${ns}><Name>${bucket}</Name><Prefix>${xmlEscape(prefix)}</Prefix>${delimiter ? `<Delimiter>${xmlEscape(delimiter)}</Delimiter>` : ''}<KeyCount>${page.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>${contents}${commons}${truncated ? `<NextContinuationToken>${start + pageSize}</NextContinuationToken>` : ''}</ListBucketResult>`,
          ),
        );
      }
      if (method === 'GET' || method === 'HEAD') {
        const object = objects.get(key);
        if (!object) return error(res, 404, method === 'HEAD' ? 'NotFound' : 'NoSuchKey', method);
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(object.length), etag: etagOf(object), 'last-modified': new Date(0).toUTCString() });
        return res.end(method === 'HEAD' ? undefined : object);
      }
      return error(res, 400, 'NotImplemented', method);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    objects,
    uploads,
    log,
    failPut,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Fake = Awaited<ReturnType<typeof fakeS3>>;

/** Every file under a folder with its bytes, for byte-for-byte comparison. */
function readTree(dir: string): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, rel);
    if (fs.statSync(file).isFile()) out[rel.split(path.sep).join('/')] = fs.readFileSync(file);
  }
  return out;
}

/** A finished backup folder as the target receives it: a database file, stored files, the manifest. */
function backupFolder(root: string, name: string, databaseBytes: number): string {
  const dir = path.join(root, `.partial-${name}`);
  fs.mkdirSync(path.join(dir, 'files', 'tenant-a', 'photos'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'roaauto.sqlite'), randomBytes(databaseBytes));
  fs.writeFileSync(path.join(dir, 'files', 'tenant-a', 'photos', 'a b&c.jpg'), randomBytes(3000));
  fs.writeFileSync(path.join(dir, 'files', 'tenant-a', 'photos', 'a b&c.jpg~meta'), '{"contentType":"image/jpeg"}');
  fs.writeFileSync(path.join(dir, manifestFile), JSON.stringify({ name }));
  return dir;
}

describe('S3 backup target', { timeout: 60_000 }, () => {
  let fake: Fake;
  let root: string;
  const target = (options: { prefix?: string; deleteBatch?: number } = {}) =>
    s3Target({
      bucket,
      prefix: options.prefix ?? 'roaauto/prod/',
      endpoint: fake.endpoint,
      region: 'eu-central-1',
      forcePathStyle: true,
      accessKeyId,
      secretAccessKey: 'fake-secret-key-not-real',
      workDir: path.join(root, 'work'),
      partSize: 5 * 1024 * 1024,
      deleteBatch: options.deleteBatch,
    });

  beforeEach(async () => {
    fake = await fakeS3();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-s3-'));
  });
  afterEach(async () => {
    await fake.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('puts every file under <prefix>/<name>/, the manifest last, big files in parts; lists and fetches them byte for byte', async () => {
    const s3 = target();
    const name = backupName(new Date('2026-12-07T03:00:00Z'));
    const dir = backupFolder(root, name, 6 * 1024 * 1024 + 123);
    const original = readTree(dir);
    await s3.put(dir, name);

    expect([...fake.objects.keys()].sort()).toEqual(
      ['files/tenant-a/photos/a b&c.jpg', 'files/tenant-a/photos/a b&c.jpg~meta', 'manifest.json', 'roaauto.sqlite'].map((rel) => `roaauto/prod/${name}/${rel}`),
    );
    // The database (above the part size) went up in two parts; the small files in one PutObject each.
    const creates = fake.log.filter((r) => r.method === 'POST' && r.query.has('uploads'));
    expect(creates.map((r) => r.key)).toEqual([`roaauto/prod/${name}/roaauto.sqlite`]);
    expect(fake.log.filter((r) => r.method === 'PUT' && r.query.has('partNumber')).map((r) => r.query.get('partNumber')).sort()).toEqual(['1', '2']);
    expect(fake.uploads.size).toBe(0);
    // The manifest is the last object written, after the listing that checks the others are whole.
    const writes = fake.log.filter((r) => r.method === 'PUT' || (r.method === 'POST' && r.query.has('uploadId')));
    expect(writes.at(-1)?.key).toBe(`roaauto/prod/${name}/manifest.json`);
    // Every request was signed with the configured key (SigV4); the secret never travels.
    expect(fake.log.every((r) => r.authorization.startsWith(`AWS4-HMAC-SHA256 Credential=${accessKeyId}/`))).toBe(true);
    expect(fake.log.some((r) => r.authorization.includes('fake-secret'))).toBe(false);

    expect(await s3.list()).toEqual([name]);
    const fetched = await s3.fetch(name);
    expect(path.dirname(fetched)).toBe(path.join(root, 'work'));
    const copy = readTree(fetched);
    expect(Object.keys(copy).sort()).toEqual(Object.keys(original).sort());
    // Byte for byte (Buffer.equals: a deep comparison of 6 MB element by element would take a minute).
    for (const [rel, bytes] of Object.entries(original)) expect(copy[rel]?.equals(bytes), rel).toBe(true);
    await s3.release?.(fetched);
    expect(fs.existsSync(fetched)).toBe(false);
  });

  it('does not list a backup whose upload was cut short, and refuses a wrong key', async () => {
    const s3 = target({ prefix: '' });
    const whole = backupName(new Date('2026-12-06T03:00:00Z'));
    await s3.put(backupFolder(root, whole, 1000), whole);
    const cut = backupName(new Date('2026-12-07T03:00:00Z'));
    fake.failPut.pattern = /a b&c\.jpg~meta$/;
    await expect(s3.put(backupFolder(root, cut, 1000), cut)).rejects.toThrow();
    expect(fake.objects.has(`${cut}/manifest.json`)).toBe(false);
    expect([...fake.objects.keys()].some((k) => k.startsWith(`${cut}/`))).toBe(true);
    expect(await s3.list()).toEqual([whole]);
    await expect(s3.fetch(cut)).rejects.toThrow(/No backup/);

    // A second attempt at the same name clears what the first left and completes.
    fake.failPut.pattern = null;
    await s3.put(backupFolder(root, cut, 1000), cut);
    expect((await s3.list()).sort()).toEqual([whole, cut]);

    const wrong = s3Target({ bucket, prefix: '', endpoint: fake.endpoint, region: 'eu-central-1', forcePathStyle: true, accessKeyId: 'OTHERKEY', secretAccessKey: 'x', workDir: root });
    await expect(wrong.list()).rejects.toThrow();
  });

  it('removes every object of a backup (paged listing, batched deletes) and leaves the others', async () => {
    const s3 = target({ deleteBatch: 2 });
    const a = backupName(new Date('2026-12-05T03:00:00Z'));
    const b = backupName(new Date('2026-12-06T03:00:00Z'));
    await s3.put(backupFolder(root, a, 1000), a);
    await s3.put(backupFolder(root, b, 1000), b);
    fake.objects.set('roaauto/prod/unrelated.txt', Buffer.from('kept'));
    fake.log.length = 0;
    await s3.remove(a);
    expect([...fake.objects.keys()].filter((k) => k.includes(a))).toEqual([]);
    expect([...fake.objects.keys()].filter((k) => k.includes(b))).toHaveLength(4);
    expect(fake.objects.has('roaauto/prod/unrelated.txt')).toBe(true);
    // The manifest went first (alone), then the three other objects in batches of two.
    const deletes = fake.log.filter((r) => r.method === 'POST' && r.query.has('delete'));
    expect(deletes).toHaveLength(3);
    // The listing of four objects took two pages.
    expect(fake.log.filter((r) => r.query.get('list-type') === '2' && r.query.has('continuation-token'))).toHaveLength(1);
    expect(await s3.list()).toEqual([b]);
  });

  it('applies the retention rule to the backups in the bucket', async () => {
    const s3 = target();
    const names = [1, 2, 3, 4, 5].map((day) => backupName(new Date(Date.UTC(2026, 11, day, 3))));
    for (const name of names) await s3.put(backupFolder(root, name, 500), name);
    const removed = await applyRetention(s3, { daily: 2, weekly: 0, monthly: 0 });
    expect(removed).toEqual(names.slice(0, 3));
    expect((await s3.list()).sort()).toEqual(names.slice(3));
    for (const name of names.slice(0, 3)) expect([...fake.objects.keys()].some((k) => k.includes(name))).toBe(false);
  });

  it('reads its settings from the environment, the keys both or neither, the bucket with a work folder', () => {
    const env = { BACKUP_DIR: root, BACKUP_S3_BUCKET: bucket, BACKUP_S3_ENDPOINT: 'http://127.0.0.1:9000/', BACKUP_S3_FORCE_PATH_STYLE: 'true', BACKUP_S3_ACCESS_KEY_ID: 'k', BACKUP_S3_SECRET_ACCESS_KEY: 's' };
    expect(loadConfig(env).backup.s3).toEqual({ bucket, prefix: '', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true, accessKeyId: 'k', secretAccessKey: 's' });
    expect(loadConfig({ BACKUP_DIR: root }).backup.s3).toBeUndefined();
    expect(() => loadConfig({ ...env, BACKUP_S3_SECRET_ACCESS_KEY: undefined })).toThrow(/both BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY/);
    expect(() => loadConfig({ ...env, BACKUP_DIR: undefined })).toThrow(/BACKUP_S3_BUCKET needs BACKUP_DIR/);
    expect(() => loadConfig({ ...env, BACKUP_S3_BUCKET: 'no/slash' })).toThrow(/BACKUP_S3_BUCKET/);
  });

  describe.skipIf(testEngine() !== 'sqlite')('with the server', () => {
    it('backs up a live SQLite server to S3 and restores it from there, rows and files equal', async () => {
      const dataDir = path.join(root, 'data');
      const databaseFile = path.join(dataDir, 'roaauto.sqlite');
      const storageDir = path.join(dataDir, 'files');
      const app = await buildApp({ database: { engine: 'sqlite', file: databaseFile }, storage: { dir: storageDir } });
      const conn = app.database.sqlite;
      if (!conn) throw new Error('expected SQLite');
      conn.exec('create table probe (id integer primary key, v text not null)');
      const insert = conn.prepare('insert into probe (id, v) values (?, ?)');
      conn.transaction(() => {
        for (let i = 1; i <= 500; i++) insert.run(i, `row ${i}`);
      })();
      const storage = diskStorage(storageDir);
      const tenant = randomUUID();
      await storage.put(tenant, 'photos/a', randomBytes(20_000), { contentType: 'image/jpeg' });
      const s3 = target();
      const workDir = path.join(root, 'work');
      const result = await createBackup({ source: { databaseFile, connection: conn, storageDir }, target: s3, workDir, retention: { daily: 7, weekly: 4, monthly: 12 } });
      await app.close();
      expect(await s3.list()).toEqual([result.name]);
      // Nothing of the backup is left in the work folder once it is in the bucket.
      expect(fs.readdirSync(workDir).filter((n) => !n.startsWith('.backup.lock'))).toEqual([]);

      const fresh = path.join(root, 'fresh');
      const fetched = await s3.fetch(result.name);
      const restored = await restoreBackup({ backupDir: fetched, databaseFile: path.join(fresh, 'roaauto.sqlite'), storageDir: path.join(fresh, 'files') });
      await s3.release?.(fetched);
      expect(restored.manifest.createdAt).toBe(result.manifest.createdAt);
      const copy = new SQLite(path.join(fresh, 'roaauto.sqlite'), { readonly: true });
      try {
        expect(copy.prepare('select count(*) from probe').pluck().get()).toBe(500);
      } finally {
        copy.close();
      }
      expect(readTree(path.join(fresh, 'files'))).toEqual(readTree(storageDir));
      expect(fs.readdirSync(workDir).filter((n) => n.startsWith('.fetched-'))).toEqual([]);
    });

    it('the operator console lists the backups in the bucket, from their manifests', async () => {
      const s3 = target();
      const older = backupName(new Date('2026-12-06T03:00:00Z'));
      const newer = backupName(new Date('2026-12-07T03:00:00Z'));
      for (const [name, bytes] of [[older, 100], [newer, 250]] as const) {
        const dir = backupFolder(root, name, 500);
        fs.writeFileSync(path.join(dir, manifestFile), JSON.stringify({ totalBytes: bytes, method: 'backup-api', tables: { a: 1, b: 2 }, files: [] }));
        await s3.put(dir, name);
      }
      expect(await s3.readManifest(backupName(new Date('2026-12-01T03:00:00Z')))).toBeNull();
      const superAdmin = { email: 'consola-s3@roaauto.test', password: 'Platforma-Sigura-2026' };
      const t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin }, backupDir: path.join(root, 'work'), backupTarget: s3 });
      try {
        const op = await login(t.app, superAdmin.email, superAdmin.password);
        const res = await t.app.inject({ method: 'GET', url: '/api/admin/backups', headers: bearer(op) });
        expect(res.json()).toMatchObject({
          configured: true,
          backups: [
            { name: newer, totalBytes: 250, tables: 2, method: 'backup-api' },
            { name: older, totalBytes: 100, tables: 2, method: 'backup-api' },
          ],
        });
      } finally {
        await t.close();
      }
    });

    it('npm run backup puts a backup in the bucket and npm run restore -- <name> restores it from there', async () => {
      const dataDir = path.join(root, 'data');
      const app = await buildApp({ database: { engine: 'sqlite', file: path.join(dataDir, 'roaauto.sqlite') }, storage: { dir: path.join(dataDir, 'files') } });
      app.database.sqlite?.exec("create table probe (id integer primary key, v text not null); insert into probe (v) values ('one'), ('two')");
      await app.close();
      const env = {
        ...process.env,
        DATA_DIR: dataDir,
        BACKUP_DIR: path.join(root, 'work'),
        BACKUP_S3_BUCKET: bucket,
        BACKUP_S3_PREFIX: 'cli',
        BACKUP_S3_ENDPOINT: fake.endpoint,
        BACKUP_S3_FORCE_PATH_STYLE: 'true',
        BACKUP_S3_ACCESS_KEY_ID: accessKeyId,
        BACKUP_S3_SECRET_ACCESS_KEY: 'fake-secret-key-not-real',
        HOST: '127.0.0.1',
        PORT: String(await getPort({ host: '127.0.0.1' })),
      };
      const cli = (...args: string[]) => promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/ops/backup/cli.ts', ...args], { cwd: serverRoot, env });
      const backup = await cli('backup');
      const name = /roaauto-\d{8}T\d{6}Z/.exec(backup.stdout)?.[0] ?? '';
      expect(backup.stdout).toContain(`${name} in s3://${bucket}/cli/`);
      expect(fake.objects.has(`cli/${name}/manifest.json`)).toBe(true);
      expect(fake.objects.has(`cli/${name}/roaauto.sqlite`)).toBe(true);

      // The data changes after the backup; the restore brings back the backup's.
      const live = new SQLite(path.join(dataDir, 'roaauto.sqlite'));
      live.exec("insert into probe (v) values ('three')");
      live.close();
      const restore = await cli('restore', name).catch((err: unknown) => {
        const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
        throw new Error(`restore failed: ${stdout} ${stderr}`);
      });
      expect(restore.stdout).toContain(`Restored ${name}`);
      expect(fs.readdirSync(path.join(root, 'work')).filter((n) => n.startsWith('.fetched-') || n.startsWith('.partial-'))).toEqual([]);
      const copy = new SQLite(path.join(dataDir, 'roaauto.sqlite'), { readonly: true });
      try {
        expect(copy.prepare('select v from probe order by id').pluck().all()).toEqual(['one', 'two']);
      } finally {
        copy.close();
      }
      expect(fs.readdirSync(dataDir).some((n) => n.startsWith('replaced-'))).toBe(true);
    });
  });
});
