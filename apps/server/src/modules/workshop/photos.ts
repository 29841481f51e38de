import type { Readable } from 'node:stream';
import { syncTables, type PhotoContentType } from '@roaauto/shared';
import type { Database } from '../../core/db';
import { photoFileKey, sweepDeletedPhotoFiles, type PhotoKind } from '../../core/photos/photo-files';
import type { BlobInfo, BlobStorage } from '../../core/storage';
import type { TenantTx } from '../../core/tenancy/tenant-scope';
import { canRead } from '../../sync/scope';

/**
 * An order's photos on the server: the file of each `order_photos` row is kept in the storage under
 * `photos/<id>`; the row says it is there (`uploaded`) once the file is stored. Functions for the
 * workshop's routes and for the client portal, which shows an order's photos to its customer.
 */

/** The storage key of a photo's file. */
export const photoKey = (photoId: string) => photoFileKey(orderPhotoKind, photoId);

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

/** Order photos on the photo kit: a row is visible to a user who reads its order. */
export const orderPhotoKind: PhotoKind = {
  table: 'order_photos',
  folder: 'photos',
  async visible(tx, auth, photoId) {
    const photo = await tx.db.selectFrom('order_photos').select(['content_type', 'bytes', 'deleted_at', 'order_id']).where('id', '=', photoId).executeTakeFirst();
    if (!photo || photo.deleted_at || !(await canRead(tx, auth, syncTables, 'orders', photo.order_id))) return null;
    return photo;
  },
};

/** Removes the files of deleted order photos (see `sweepDeletedPhotoFiles`). */
export const sweepDeletedPhotos = (database: Database, storage: BlobStorage, limit?: number) => sweepDeletedPhotoFiles(orderPhotoKind, database, storage, limit);
