import type { Readable } from 'node:stream';
import { DomainError, maxPhotoBytes, syncTables, type PhotoContentType } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import type { Database } from '../../core/db';
import { BlobTooLarge, type BlobInfo, type BlobStorage } from '../../core/storage';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import { canRead } from '../../sync/scope';
import type { SyncService } from '../../sync/sync.service';

/**
 * An order's photos on the server: the file of each `order_photos` row is kept in the storage under
 * `photos/<id>`; the row says it is there (`uploaded`) once the file is stored. Functions for the
 * workshop's routes and for the client portal, which shows an order's photos to its customer.
 */

/** The storage key of a photo's file. */
export const photoKey = (photoId: string) => `photos/${photoId}`;

/** An uploaded photo of an order, as the portal lists it. */
export type OrderPhoto = {
  id: string;
  lineId: string | null;
  receptionId: string | null;
  receptionSide: 'intake' | 'hand-back' | null;
  caption: string | null;
  contentType: PhotoContentType;
  width: number;
  height: number;
  createdAt: string;
};

/** The photos of an order whose files the server has, oldest first (`tx` is the company's transaction). */
export async function orderPhotos(tx: TenantTx, orderId: string): Promise<OrderPhoto[]> {
  const rows = await tx.db.selectFrom('order_photos').selectAll()
    .where('order_id', '=', orderId).where('deleted_at', 'is', null).where('uploaded', '=', 1)
    .orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id, lineId: r.line_id, receptionId: r.reception_id, receptionSide: r.reception_side, caption: r.caption,
    contentType: r.content_type, width: r.width, height: r.height, createdAt: r.created_at,
  }));
}

/**
 * A photo's file as stored, or null (no such photo, deleted, not uploaded yet). The caller has already
 * decided the photo may be shown (its order is the one a portal link names, or the user reads the order).
 */
export async function readOrderPhoto(storage: BlobStorage, tenantId: string, photoId: string): Promise<{ info: BlobInfo; stream: Readable } | null> {
  return storage.open(tenantId, photoKey(photoId));
}

/**
 * The file of one photo of `orderId` (the portal's way: a token names an order, and only that order's
 * live, uploaded photos are reachable through it); null for a photo of another order or company.
 */
export async function orderPhotoFile(tx: TenantTx, storage: BlobStorage, orderId: string, photoId: string): Promise<{ info: BlobInfo; stream: Readable } | null> {
  const photo = await tx.db.selectFrom('order_photos').select('id')
    .where('id', '=', photoId).where('order_id', '=', orderId).where('deleted_at', 'is', null).where('uploaded', '=', 1)
    .executeTakeFirst();
  return photo ? readOrderPhoto(storage, tx.tenantId, photoId) : null;
}

/** The file types a photo may be, recognised by their first bytes. */
export function sniffImage(head: Uint8Array): PhotoContentType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  return null;
}

const notFound = () => new DomainError('not_found', 'This photo does not exist');

/** The live photo row, if the user reads its order; otherwise not found (another company's id as well). */
async function visiblePhoto(tx: TenantTx, auth: UserAuth, photoId: string) {
  const photo = await tx.db.selectFrom('order_photos').selectAll().where('id', '=', photoId).executeTakeFirst();
  if (!photo || photo.deleted_at || !(await canRead(tx, auth, syncTables, 'orders', photo.order_id))) return null;
  return photo;
}

/**
 * Stores the file of a photo whose row has synced, then marks the row uploaded (through the sync
 * service, so every device of the company learns it). Repeating an upload stores the same file again and
 * changes nothing else. The body must be the type the row names, by its header and its first bytes.
 */
export async function uploadPhoto(
  ctx: { database: Database; sync: SyncService; storage: BlobStorage },
  auth: UserAuth,
  photoId: string,
  contentType: string,
  body: Buffer,
): Promise<{ uploaded: true; etag: string }> {
  const photo = await withTenant(ctx.database, auth.tenantId, (tx) => visiblePhoto(tx, auth, photoId));
  if (!photo) throw notFound();
  const sniffed = sniffImage(body.subarray(0, 12));
  if (contentType !== photo.content_type || sniffed !== photo.content_type) {
    throw new DomainError('unsupported_media_type', `The photo must be ${photo.content_type}`);
  }
  if (body.length !== photo.bytes) throw new DomainError('validation_failed', `The photo has ${body.length} bytes, its row says ${photo.bytes}`);
  let info: BlobInfo;
  try {
    info = await ctx.storage.put(auth.tenantId, photoKey(photoId), body, { contentType: photo.content_type, maxBytes: maxPhotoBytes });
  } catch (err) {
    if (err instanceof BlobTooLarge) throw new DomainError('payload_too_large', err.message);
    throw err;
  }
  const live = await ctx.sync.serverWrite(auth.tenantId, async ({ load }) => {
    const [row] = await load('order_photos', [photoId]);
    if (!row || row.deleted_at) return { rows: [], result: false };
    // Already marked: nothing to tell the devices.
    if (row.uploaded === 1) return { rows: [], result: true };
    return { rows: [{ table: 'order_photos', row: { ...row, uploaded: 1 }, isNew: false }], result: true };
  });
  if (!live) {
    // Deleted while it was on its way: its file goes too.
    await ctx.storage.delete(auth.tenantId, photoKey(photoId));
    throw notFound();
  }
  return { uploaded: true, etag: info.etag };
}

/** A photo's file for a user of the company who reads its order; not found otherwise. */
export async function photoForUser(
  ctx: { database: Database; storage: BlobStorage },
  auth: UserAuth,
  photoId: string,
): Promise<{ info: BlobInfo; stream: Readable }> {
  const photo = await withTenant(ctx.database, auth.tenantId, (tx) => visiblePhoto(tx, auth, photoId));
  if (!photo) throw notFound();
  const file = await readOrderPhoto(ctx.storage, auth.tenantId, photoId);
  if (!file) throw notFound();
  return file;
}

/**
 * Removes the files of deleted photos (a device deleted the row; the file is no one's any more) and
 * clears their tombstones' `uploaded`, so each is removed once. Platform work across companies, like the
 * retention sweep: the candidates are read without a company, each change is made inside its company.
 * Answers how many files it removed; run hourly by the photo routes, up to `limit` at a time.
 */
export async function sweepDeletedPhotos(database: Database, storage: BlobStorage, limit = 500): Promise<number> {
  const rows = await database.db.selectFrom('order_photos').select(['id', 'tenant_id'])
    .where('deleted_at', 'is not', null).where('uploaded', '=', 1).limit(limit).execute();
  for (const r of rows) {
    await storage.delete(r.tenant_id, photoKey(r.id));
    await withTenant(database, r.tenant_id, (tx) => tx.db.updateTable('order_photos').set({ uploaded: 0 }).where('id', '=', r.id).execute());
  }
  return rows.length;
}
