import type { Readable } from 'node:stream';
import { DomainError, maxPhotoBytes } from '@roaauto/shared';
import type { UserAuth } from '../../core/auth/guards';
import type { Database } from '../../core/db';
import { BlobTooLarge, type BlobInfo, type BlobStorage } from '../../core/storage';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import { sniffImage } from '../workshop/photos';

/**
 * The tyre hotel's photos on the server, kept as the order photos are (docs/storage.md): the file of each
 * `tyre_set_photos` row in the storage under `tyre-photos/<id>`; the row says it is there (`uploaded`).
 * Sets are read by every user of the company with the module, so no scope check beyond the company.
 */
export const tyrePhotoKey = (photoId: string) => `tyre-photos/${photoId}`;

const notFound = () => new DomainError('not_found', 'This photo does not exist');

async function livePhoto(database: Database, tenantId: string, photoId: string) {
  const photo = await withTenant(database, tenantId, (tx) => tx.db.selectFrom('tyre_set_photos').selectAll().where('id', '=', photoId).executeTakeFirst());
  return photo && !photo.deleted_at ? photo : null;
}

/**
 * Stores the file of a photo whose row has synced, then marks the row uploaded through the sync service.
 * Repeating an upload stores the same file again and changes nothing else. The body must be the type the
 * row names, by its header and its first bytes, and the size it names.
 */
export async function uploadTyrePhoto(
  ctx: { database: Database; sync: SyncService; storage: BlobStorage }, auth: UserAuth, photoId: string, contentType: string, body: Buffer,
): Promise<{ uploaded: true; etag: string }> {
  const photo = await livePhoto(ctx.database, auth.tenantId, photoId);
  if (!photo) throw notFound();
  const sniffed = sniffImage(body.subarray(0, 12));
  if (contentType !== photo.content_type || sniffed !== photo.content_type) {
    throw new DomainError('unsupported_media_type', `The photo must be ${photo.content_type}`);
  }
  if (body.length !== photo.bytes) throw new DomainError('validation_failed', `The photo has ${body.length} bytes, its row says ${photo.bytes}`);
  let info: BlobInfo;
  try {
    info = await ctx.storage.put(auth.tenantId, tyrePhotoKey(photoId), body, { contentType: photo.content_type, maxBytes: maxPhotoBytes });
  } catch (err) {
    if (err instanceof BlobTooLarge) throw new DomainError('payload_too_large', err.message);
    throw err;
  }
  const live = await ctx.sync.serverWrite(auth.tenantId, async ({ load }) => {
    const [row] = await load('tyre_set_photos', [photoId]);
    if (!row || row.deleted_at) return { rows: [], result: false };
    if (row.uploaded === 1) return { rows: [], result: true };
    return { rows: [{ table: 'tyre_set_photos', row: { ...row, uploaded: 1 }, isNew: false }], result: true };
  });
  if (!live) {
    await ctx.storage.delete(auth.tenantId, tyrePhotoKey(photoId));
    throw notFound();
  }
  return { uploaded: true, etag: info.etag };
}

/** A photo's file for a user of the company; not found for a deleted photo, one not uploaded yet, or another company's. */
export async function tyrePhotoFile(ctx: { database: Database; storage: BlobStorage }, auth: UserAuth, photoId: string): Promise<{ info: BlobInfo; stream: Readable }> {
  const photo = await livePhoto(ctx.database, auth.tenantId, photoId);
  if (!photo) throw notFound();
  const file = await ctx.storage.open(auth.tenantId, tyrePhotoKey(photoId));
  if (!file) throw notFound();
  return file;
}

/** Removes the files of deleted photos and clears their `uploaded`, each once (as `sweepDeletedPhotos` does for orders). */
export async function sweepDeletedTyrePhotos(database: Database, storage: BlobStorage, limit = 500): Promise<number> {
  const rows = await database.db.selectFrom('tyre_set_photos').select(['id', 'tenant_id'])
    .where('deleted_at', 'is not', null).where('uploaded', '=', 1).limit(limit).execute();
  for (const r of rows) {
    await storage.delete(r.tenant_id, tyrePhotoKey(r.id));
    await withTenant(database, r.tenant_id, (tx) => tx.db.updateTable('tyre_set_photos').set({ uploaded: 0 }).where('id', '=', r.id).execute());
  }
  return rows.length;
}
