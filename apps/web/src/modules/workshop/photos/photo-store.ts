/**
 * The photos this device took and has not uploaded yet, kept in IndexedDB (durable: a closed tab or a
 * restarted phone keeps them). Each is stored before its row is created, with the row's values, so a
 * photo taken just before the app closed gets its row at the next start. After the server confirms the
 * upload the full photo is dropped and the small copy kept for the lists.
 */

/** The row values of a photo (what `order_photos` gets). */
export type PhotoRowValues = {
  order_id: string;
  line_id: string | null;
  reception_id: string | null;
  reception_side: 'intake' | 'hand-back' | null;
  caption: string | null;
  content_type: 'image/jpeg';
  width: number;
  height: number;
  bytes: number;
  uploaded: 0;
};

/**
 * The row values of a photo of another module's table kept the same way (the tyre hotel's set photos): the
 * file's columns, and the row's own (its set, its wheel).
 */
export type OtherPhotoRowValues = {
  caption: string | null;
  content_type: 'image/jpeg';
  width: number;
  height: number;
  bytes: number;
  uploaded: 0;
} & Record<string, string | number | null>;

export type StoredPhoto = {
  id: string;
  /** The full photo, until the server has it. */
  file: Blob | null;
  thumb: Blob;
  values: PhotoRowValues | OtherPhotoRowValues;
  /** The row exists (was created on this device). */
  recorded: boolean;
  createdAt: string;
  /** The server's refusal of the file (a code), when it refused it for good. */
  failed: string | null;
};

export type PhotoBlobStore = {
  put(photo: StoredPhoto): Promise<void>;
  get(id: string): Promise<StoredPhoto | null>;
  /** Photos whose full file is still here. */
  pending(): Promise<StoredPhoto[]>;
  update(id: string, patch: Partial<Omit<StoredPhoto, 'id'>>): Promise<void>;
  remove(id: string): Promise<void>;
};

/** A store in memory (tests, and a browser without IndexedDB). */
export function memoryPhotoStore(): PhotoBlobStore {
  const items = new Map<string, StoredPhoto>();
  return {
    put: async (p) => {
      items.set(p.id, { ...p });
    },
    get: async (id) => {
      const p = items.get(id);
      return p ? { ...p } : null;
    },
    pending: async () => [...items.values()].filter((p) => p.file !== null).map((p) => ({ ...p })),
    update: async (id, patch) => {
      const p = items.get(id);
      if (p) items.set(id, { ...p, ...patch });
    },
    remove: async (id) => {
      items.delete(id);
    },
  };
}

const objectStore = 'photos';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** The store in IndexedDB, one database per local database file (per account on this browser). */
export function indexedDbPhotoStore(name: string): PhotoBlobStore {
  let opened: Promise<IDBDatabase> | null = null;
  const open = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name, 1);
      r.onupgradeneeded = () => {
        r.result.createObjectStore(objectStore, { keyPath: 'id' });
      };
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
    });
    return opened;
  };
  const tx = async (mode: IDBTransactionMode) => (await open()).transaction(objectStore, mode).objectStore(objectStore);
  /** Resolves when the transaction is written (durable), not only when the request succeeded. */
  const write = async (fn: (s: IDBObjectStore) => void) => {
    const db = await open();
    const t = db.transaction(objectStore, 'readwrite', { durability: 'strict' });
    fn(t.objectStore(objectStore));
    await new Promise<void>((resolve, reject) => {
      t.oncomplete = () => resolve();
      t.onerror = () => reject(t.error ?? new Error('IndexedDB write failed'));
      t.onabort = () => reject(t.error ?? new Error('IndexedDB write aborted'));
    });
  };
  return {
    put: (p) => write((s) => s.put(p)),
    get: async (id) => ((await request((await tx('readonly')).get(id))) as StoredPhoto | undefined) ?? null,
    pending: async () => ((await request((await tx('readonly')).getAll())) as StoredPhoto[]).filter((p) => p.file !== null),
    update: async (id, patch) => {
      const current = (await request((await tx('readonly')).get(id))) as StoredPhoto | undefined;
      if (current) await write((s) => s.put({ ...current, ...patch }));
    },
    remove: (id) => write((s) => s.delete(id)),
  };
}
