import type { Readable } from 'node:stream';
import { DomainError, maxPhotoBytes, type PhotoContentType } from '@roaauto/shared';
import type { UserAuth } from '../auth/guards';
import type { Database } from '../db';
import { BlobTooLarge, type BlobInfo, type BlobStorage } from '../storage';
import { withTenant, type TenantTx } from '../tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';

/**
 * The photo kit (docs/storage.md): a synced table of photo rows (`content_type`, `bytes`, `uploaded`), whose
 * files travel apart from sync. A module names its table, its storage folder and who may see a row; the kit
 * stores an upload after checking it against its row, marks the row uploaded through sync, serves the file,
 * and removes the files of deleted rows. Order photos (workshop) and tyre-set photos (tyre hotel) use it.
 */
export type PhotoTable = 'order_photos' | 'tyre_set_photos';

/** The row's facts an upload is checked against. */
export type PhotoRow = { content_type: PhotoContentType; bytes: number };

export type PhotoKind = {
  table: PhotoTable;
  /** The storage folder of the files: a file is kept under `<folder>/<photo id>`. */
  folder: string;
  /** The live row if `auth` may see it (inside the company's transaction); null otherwise. */
  visible(tx: TenantTx, auth: UserAuth, photoId: string): Promise<PhotoRow | null>;
};

export type PhotoContext = { database: Database; sync: SyncService; storage: BlobStorage };

/** The storage key of a photo's file. */
export const photoFileKey = (kind: Pick<PhotoKind, 'folder'>, photoId: string) => `${kind.folder}/${photoId}`;

/** The file types a photo may be, recognised by their first bytes. */
export function sniffImage(head: Uint8Array): PhotoContentType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const notFound = () => new DomainError('not_found', 'This photo does not exist');

/**
 * Stores the file of a photo whose row has synced, then marks the row uploaded (through the sync service,
 * so every device of the company learns it). Repeating an upload stores the same file again and changes
 * nothing else. The body must be the type the row names, by its header and its first bytes, and its size.
 */
export async function uploadPhotoFile(
  kind: PhotoKind, ctx: PhotoContext, auth: UserAuth, photoId: string, contentType: string, body: Buffer,
): Promise<{ uploaded: true; etag: string }> {
  const photo = await withTenant(ctx.database, auth.tenantId, (tx) => kind.visible(tx, auth, photoId));
  if (!photo) throw notFound();
  const sniffed = sniffImage(body.subarray(0, 12));
  if (contentType !== photo.content_type || sniffed !== photo.content_type) {
    throw new DomainError('unsupported_media_type', `The photo must be ${photo.content_type}`);
  }
  if (body.length !== photo.bytes) throw new DomainError('validation_failed', `The photo has ${body.length} bytes, its row says ${photo.bytes}`);
  let info: BlobInfo;
  try {
    info = await ctx.storage.put(auth.tenantId, photoFileKey(kind, photoId), body, { contentType: photo.content_type, maxBytes: maxPhotoBytes });
  } catch (err) {
    if (err instanceof BlobTooLarge) throw new DomainError('payload_too_large', err.message);
    throw err;
  }
  const live = await ctx.sync.serverWrite(auth.tenantId, async ({ load }) => {
    const [row] = await load(kind.table, [photoId]);
    if (!row || row.deleted_at) return { rows: [], result: false };
    // Already marked: nothing to tell the devices.
    if (row.uploaded === 1) return { rows: [], result: true };
    return { rows: [{ table: kind.table, row: { ...row, uploaded: 1 }, isNew: false }], result: true };
  });
  if (!live) {
    // Deleted while it was on its way: its file goes too.
    await ctx.storage.delete(auth.tenantId, photoFileKey(kind, photoId));
    throw notFound();
  }
  return { uploaded: true, etag: info.etag };
}

/** A photo's file for a user who may see its row; not found for a deleted photo, one not uploaded yet, or another company's. */
export async function photoFileForUser(
  kind: PhotoKind, ctx: Omit<PhotoContext, 'sync'>, auth: UserAuth, photoId: string,
): Promise<{ info: BlobInfo; stream: Readable }> {
  const photo = await withTenant(ctx.database, auth.tenantId, (tx) => kind.visible(tx, auth, photoId));
  if (!photo) throw notFound();
  const file = await ctx.storage.open(auth.tenantId, photoFileKey(kind, photoId));
  if (!file) throw notFound();
  return file;
}

/**
 * Removes the files of deleted photos (a device deleted the row; the file is no one's any more) and clears
 * their tombstones' `uploaded`, so each is removed once. Platform work across companies, like the retention
 * sweep: the candidates are read without a company, each change is made inside its company. Answers how
 * many files it removed, up to `limit` at a time.
 */
export async function sweepDeletedPhotoFiles(kind: Pick<PhotoKind, 'table' | 'folder'>, database: Database, storage: BlobStorage, limit = 500): Promise<number> {
  const rows = await database.db.selectFrom(kind.table).select(['id', 'tenant_id'])
    .where('deleted_at', 'is not', null).where('uploaded', '=', 1).limit(limit).execute();
  for (const r of rows) {
    await storage.delete(r.tenant_id, photoFileKey(kind, r.id));
    await withTenant(database, r.tenant_id, (tx) => tx.db.updateTable(kind.table).set({ uploaded: 0 }).where('id', '=', r.id).execute());
  }
  return rows.length;
}
