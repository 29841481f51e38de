import { onScopeDispose, shallowRef, watch, type Ref } from 'vue';
import type { LocalDatabase } from '@/db/local-database';
import { useDatabase } from '@/app/database';
import { useSession } from '@/app/session';
import { photoMaxSide, photoQuality, resizeImage, thumbMaxSide, thumbQuality } from './photo-resize';
import { indexedDbPhotoStore, memoryPhotoStore, type PhotoBlobStore, type StoredPhoto } from './photo-store';
import { addPhotoFiles, addPhotos, uploadPending, type LocalPhotoRow, type PhotoTarget, type UploadReport } from './photo-upload';

/**
 * The app's side of photos: the device's store per account, taking photos, the upload round, showing them.
 * A kind of photo is its table, its server route and its device store: the order photos, and the tyre
 * hotel's set photos (the warehouse's, kept the same way).
 */
export type PhotoKind = { table: string; url: string; storePrefix: string };
export const orderPhotoKind: PhotoKind = { table: 'order_photos', url: '/api/workshop/photos', storePrefix: 'roaauto-photos' };

const stores = new Map<string, PhotoBlobStore>();

/** This account's photo store of a kind on this browser (its own IndexedDB database, named after the local database file). */
export function photoStore(db: LocalDatabase, kind: PhotoKind = orderPhotoKind): PhotoBlobStore {
  const name = `${kind.storePrefix}:${db.file}`;
  let s = stores.get(name);
  if (!s) {
    s = typeof indexedDB === 'undefined' ? memoryPhotoStore() : indexedDbPhotoStore(name);
    stores.set(name, s);
  }
  return s;
}

/** Listeners told when the device's photos change (taken, uploaded): the lists update their badges. */
const listeners = new Set<() => void>();
function changed(): void {
  for (const l of listeners) l();
}

export async function takePhotos(db: LocalDatabase, files: readonly Blob[], target: PhotoTarget): Promise<string[]> {
  const ids = await addPhotos(files, target, {
    store: photoStore(db),
    resize: resizeImage,
    createRow: async (row) => {
      await db.create('order_photos', row);
    },
    sizes: { full: photoMaxSide, fullQuality: photoQuality, thumb: thumbMaxSide, thumbQuality },
  });
  changed();
  return ids;
}

/** Takes photos of another kind: `valuesOf` gives each row's values from the resized photo's size. */
export async function takeKindPhotos(
  db: LocalDatabase, files: readonly Blob[], kind: PhotoKind, valuesOf: (full: { width: number; height: number; bytes: number }) => StoredPhoto['values'],
): Promise<string[]> {
  const ids = await addPhotoFiles(files, valuesOf, {
    store: photoStore(db, kind),
    resize: resizeImage,
    createRow: async (row) => {
      await db.create(kind.table, row);
    },
    sizes: { full: photoMaxSide, fullQuality: photoQuality, thumb: thumbMaxSide, thumbQuality },
  });
  changed();
  return ids;
}

/** Deletes a photo: its row (the server's file follows it out of every list) and the device's copy. */
export async function deletePhoto(db: LocalDatabase, id: string, kind: PhotoKind = orderPhotoKind): Promise<void> {
  await db.remove(kind.table, id);
  await photoStore(db, kind).remove(id);
  changed();
}

/** Sends a file, refreshing the sign-in once on 401; throws when the server cannot be reached. */
async function putFile(id: string, file: Blob, contentType: string, kind: PhotoKind): Promise<number> {
  const session = useSession();
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${kind.url}/${id}`, {
      method: 'PUT', body: file, headers: { 'content-type': contentType, authorization: `Bearer ${await session.accessToken()}` },
    });
    if (res.status === 401 && attempt === 0) {
      await session.refresh();
      continue;
    }
    return res.status;
  }
}

const running = new Map<string, Promise<UploadReport>>();

/** One upload round of a kind in this tab (the leader's, after each sync); a round already under way is joined. */
export function uploadPhotos(db: LocalDatabase, kind: PhotoKind = orderPhotoKind): Promise<UploadReport> {
  if (!useSession().account?.tenant) return Promise.resolve({ uploaded: [], waiting: [], failed: [], dropped: [] });
  let round = running.get(kind.table);
  if (!round) {
    round = uploadPending({
      store: photoStore(db, kind),
      rows: (ids) => db.query<LocalPhotoRow>(`SELECT id, uploaded, _version FROM ${kind.table} WHERE id IN (${ids.map(() => '?').join(',')})`, ids),
      createRow: async (row) => {
        await db.create(kind.table, row);
      },
      put: (id, file, type) => putFile(id, file, type, kind),
    }).finally(() => {
      running.delete(kind.table);
      changed();
    });
    running.set(kind.table, round);
  }
  return round;
}

/** The server's copy of a photo as a blob (the company's users only: the request carries the sign-in). */
async function serverPhoto(id: string, kind: PhotoKind): Promise<Blob | null> {
  const session = useSession();
  if (!session.account?.tenant) return null;
  try {
    const res = await fetch(`${kind.url}/${id}`, { headers: { authorization: `Bearer ${await session.accessToken()}` } });
    return res.ok ? await res.blob() : null;
  } catch {
    return null;
  }
}

/** Object URLs of the server's photos, kept for the app's life (each photo is fetched once). */
const serverUrls = new Map<string, Promise<string | null>>();

export type PhotoState = 'local' | 'failed' | 'uploaded' | 'elsewhere';

/**
 * The picture of a photo to show, and where it is: this device's copy (the small one for lists, the
 * full one for the viewer while it is still here) or the server's. `uploaded` is the row's flag.
 */
export function usePhotoSource(
  id: () => string, uploaded: () => number, size: 'thumb' | 'full', kind: PhotoKind = orderPhotoKind,
): { src: Ref<string | null>; state: Ref<PhotoState> } {
  const src = shallowRef<string | null>(null);
  const state = shallowRef<PhotoState>('elsewhere');
  let own: string | null = null;
  const release = () => {
    if (own) URL.revokeObjectURL(own);
    own = null;
  };
  async function load(): Promise<void> {
    const db = await useDatabase().ready();
    const stored = await photoStore(db, kind).get(id());
    state.value = uploaded() === 1 ? 'uploaded' : stored?.failed ? 'failed' : stored?.file ? 'local' : 'elsewhere';
    const local = size === 'full' ? (stored?.file ?? null) : (stored?.thumb ?? null);
    if (local) {
      release();
      own = URL.createObjectURL(local);
      src.value = own;
      return;
    }
    if (uploaded() !== 1) return;
    const key = `${kind.table}:${id()}`;
    let url = serverUrls.get(key);
    if (!url) {
      url = serverPhoto(id(), kind).then((b) => (b ? URL.createObjectURL(b) : null));
      serverUrls.set(key, url);
    }
    const got = await url;
    if (got === null) serverUrls.delete(key);
    src.value = got;
  }
  watch([id, uploaded], () => void load(), { immediate: true });
  const listener = () => void load();
  listeners.add(listener);
  onScopeDispose(() => {
    listeners.delete(listener);
    release();
  });
  return { src, state };
}
