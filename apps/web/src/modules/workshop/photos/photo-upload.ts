import { newId } from '@roaauto/shared';
import type { PhotoBlobStore, PhotoRowValues, StoredPhoto } from './photo-store';

type RowValues = StoredPhoto['values'];

/**
 * Taking photos and sending them. A photo is resized, kept on the device, then its row is created; the
 * file goes up (PUT /api/workshop/photos/:id) once the row has reached the server, retried after every
 * sync until the server confirms it. Nothing is dropped before that confirmation.
 */

export type PhotoTarget = { orderId: string; lineId?: string | null; receptionId?: string | null; side?: 'intake' | 'hand-back' | null };

export type AddDeps = {
  store: PhotoBlobStore;
  resize: (file: Blob, maxSide: number, quality: number) => Promise<{ blob: Blob; width: number; height: number }>;
  createRow: (row: RowValues & { id: string }) => Promise<void>;
  sizes: { full: number; fullQuality: number; thumb: number; thumbQuality: number };
};

/** Keeps each file as a resized photo on the device, then records its row; answers the new ids. */
export async function addPhotos(files: readonly Blob[], target: PhotoTarget, deps: AddDeps): Promise<string[]> {
  return addPhotoFiles(files, (full): PhotoRowValues => ({
    order_id: target.orderId, line_id: target.lineId ?? null, reception_id: target.receptionId ?? null, reception_side: target.receptionId ? (target.side ?? 'intake') : null,
    caption: null, content_type: 'image/jpeg', width: full.width, height: full.height, bytes: full.bytes, uploaded: 0,
  }), deps);
}

/** `addPhotos` for any photo table: `valuesOf` gives the row's values from the resized photo's size. */
export async function addPhotoFiles(
  files: readonly Blob[], valuesOf: (full: { width: number; height: number; bytes: number }) => RowValues, deps: AddDeps,
): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const full = await deps.resize(file, deps.sizes.full, deps.sizes.fullQuality);
    const thumb = await deps.resize(file, deps.sizes.thumb, deps.sizes.thumbQuality);
    const id = newId();
    const values = valuesOf({ width: full.width, height: full.height, bytes: full.blob.size });
    await deps.store.put({ id, file: full.blob, thumb: thumb.blob, values, recorded: false, createdAt: new Date().toISOString(), failed: null });
    try {
      await deps.createRow({ id, ...values });
    } catch (err) {
      // The row was refused (its order or set is gone): nothing to keep the photo for.
      await deps.store.remove(id);
      throw err;
    }
    await deps.store.update(id, { recorded: true });
    ids.push(id);
  }
  return ids;
}

/** A photo row as this device has it: `_version` is null until the server has the row. */
export type LocalPhotoRow = { id: string; uploaded: number; _version: number | null };

export type UploadDeps = {
  store: PhotoBlobStore;
  /** The local rows of these photos (missing: deleted, or never created). */
  rows: (ids: readonly string[]) => Promise<LocalPhotoRow[]>;
  /** Creates a row the device did not get to create (the app closed right after the photo was taken). */
  createRow: (row: RowValues & { id: string }) => Promise<void>;
  /** Sends the file; answers the HTTP status, or throws when the server cannot be reached. */
  put: (id: string, file: Blob, contentType: string) => Promise<number>;
  now?: () => number;
};

/** How long a photo whose row this device no longer has is kept before it is given up. */
export const orphanGraceMs = 7 * 24 * 3600 * 1000;

export type UploadReport = { uploaded: string[]; waiting: string[]; failed: string[]; dropped: string[] };

/** Statuses after which sending the same file again cannot succeed. */
const refusedForGood = new Map([[400, 'validation_failed'], [413, 'payload_too_large'], [415, 'unsupported_media_type']]);

/**
 * One round over the photos still on the device. A file is dropped only when the server answered 2xx
 * for it (or the row says the server has it, or the photo was deleted); anything else keeps it for the
 * next round. A network failure ends the round (the device is offline).
 */
export async function uploadPending(deps: UploadDeps): Promise<UploadReport> {
  const report: UploadReport = { uploaded: [], waiting: [], failed: [], dropped: [] };
  const pending = await deps.store.pending();
  if (!pending.length) return report;
  const rows = new Map((await deps.rows(pending.map((p) => p.id))).map((r) => [r.id, r]));
  for (const [i, photo] of pending.entries()) {
    const row = rows.get(photo.id);
    if (!row) {
      if (!photo.recorded) {
        await recover(deps, photo, report);
        continue;
      }
      // Deleted by someone else, or out of this device for a while (a fresh download of the company's
      // data empties the tables first): the file is kept a week before it is given up.
      if (Date.parse(photo.createdAt) < (deps.now?.() ?? Date.now()) - orphanGraceMs) {
        await deps.store.remove(photo.id);
        report.dropped.push(photo.id);
      } else report.waiting.push(photo.id);
      continue;
    }
    if (row.uploaded === 1) {
      await deps.store.update(photo.id, { file: null, failed: null });
      report.uploaded.push(photo.id);
      continue;
    }
    if (row._version === null || photo.failed || !photo.file) {
      (photo.failed ? report.failed : report.waiting).push(photo.id);
      continue;
    }
    let status: number;
    try {
      status = await deps.put(photo.id, photo.file, photo.values.content_type);
    } catch {
      // Offline: this one and the rest wait for the next round.
      report.waiting.push(...pending.slice(i).map((p) => p.id));
      return report;
    }
    if (status >= 200 && status < 300) {
      await deps.store.update(photo.id, { file: null, failed: null });
      report.uploaded.push(photo.id);
    } else if (refusedForGood.has(status)) {
      await deps.store.update(photo.id, { failed: refusedForGood.get(status) ?? 'validation_failed' });
      report.failed.push(photo.id);
    } else {
      // 404 (the row is not on the server yet), 401, 429, 5xx: next round.
      report.waiting.push(photo.id);
    }
  }
  return report;
}

async function recover(deps: UploadDeps, photo: StoredPhoto, report: UploadReport): Promise<void> {
  try {
    await deps.createRow({ id: photo.id, ...photo.values });
    await deps.store.update(photo.id, { recorded: true });
    report.waiting.push(photo.id);
  } catch {
    // Refused (the order was deleted meanwhile): nothing to attach it to.
    await deps.store.remove(photo.id);
    report.dropped.push(photo.id);
  }
}
