import { describe, expect, it } from 'vitest';
import { newId } from '@roaauto/shared';
import { fitWithin } from './photo-resize';
import { memoryPhotoStore, type StoredPhoto } from './photo-store';
import { addPhotos, orphanGraceMs, uploadPending, type LocalPhotoRow, type UploadDeps } from './photo-upload';

describe('resizing', () => {
  it('fits the longest side, keeps the proportions and never scales up', () => {
    expect(fitWithin(4000, 3000, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3000, 4000, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(4032, 1816, 1600)).toEqual({ width: 1600, height: 721 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10000, 3, 320)).toEqual({ width: 320, height: 1 });
    expect(() => fitWithin(0, 10, 100)).toThrow();
  });
});

const sizes = { full: 1600, fullQuality: 0.8, thumb: 320, thumbQuality: 0.7 };
/** A stand-in for the canvas: a blob whose size says which copy it is. */
const resize = async (_file: Blob, maxSide: number) => ({ blob: new Blob([new Uint8Array(maxSide)], { type: 'image/jpeg' }), width: maxSide, height: Math.round(maxSide * 0.75) });

/** The device's rows and a server behind a fake fetch whose answers the test scripts. */
function world() {
  const store = memoryPhotoStore();
  const rows = new Map<string, LocalPhotoRow & Record<string, unknown>>();
  const answers: (number | 'offline')[] = [];
  const sent: string[] = [];
  let refuseCreate = false;
  const createRow = async (row: StoredPhoto['values'] & { id: string }) => {
    if (refuseCreate) throw new Error('photo.order_missing');
    rows.set(row.id, { ...row, _version: null });
  };
  const deps: UploadDeps = {
    store,
    rows: async (ids) => ids.flatMap((id) => (rows.has(id) ? [rows.get(id) as LocalPhotoRow] : [])),
    createRow,
    put: async (id) => {
      const a = answers.shift() ?? 200;
      if (a === 'offline') throw new TypeError('Failed to fetch');
      sent.push(id);
      return a;
    },
  };
  return {
    store, rows, answers, sent, deps,
    refuse: (v: boolean) => (refuseCreate = v),
    add: (n = 1, target = { orderId: newId() }) => addPhotos(Array.from({ length: n }, () => new Blob(['raw'])), target, { store, resize, createRow, sizes }),
    /** The sync: the row reaches the server. */
    synced: (id: string) => {
      const r = rows.get(id);
      if (r) r._version = 1;
    },
  };
}

describe('taking photos', () => {
  it('keeps the resized photo and a small copy on the device before its row exists, then records the row', async () => {
    const w = world();
    const lineId = newId();
    const [id = ''] = await w.add(1, { orderId: 'o1', lineId } as never);
    const stored = await w.store.get(id);
    expect(stored?.file?.size).toBe(1600);
    expect(stored?.thumb.size).toBe(320);
    expect(stored?.recorded).toBe(true);
    expect(w.rows.get(id)).toMatchObject({ order_id: 'o1', line_id: lineId, reception_id: null, reception_side: null, width: 1600, height: 1200, bytes: 1600, uploaded: 0 });
  });

  it('gives a reception photo its side, and keeps nothing when the row is refused', async () => {
    const w = world();
    const [id = ''] = await w.add(1, { orderId: 'o1', receptionId: 'r1', side: 'hand-back' } as never);
    expect(w.rows.get(id)).toMatchObject({ reception_id: 'r1', reception_side: 'hand-back' });
    w.refuse(true);
    await expect(w.add(1)).rejects.toThrow('photo.order_missing');
    expect((await w.store.pending()).map((p) => p.id)).toEqual([id]);
  });
});

describe('the upload queue', () => {
  it('waits for the row to sync, retries through failures and drops the file only when the server confirms', async () => {
    const w = world();
    const [a = '', b = ''] = await w.add(2);
    // Rows not on the server yet: nothing is sent.
    expect(await uploadPending(w.deps)).toMatchObject({ waiting: [a, b], uploaded: [] });
    expect(w.sent).toEqual([]);
    w.synced(a);
    w.synced(b);
    // Offline: the round stops, both stay.
    w.answers.push('offline');
    expect(await uploadPending(w.deps)).toMatchObject({ waiting: [a, b], uploaded: [] });
    // The server is restarting, then the row had not arrived yet.
    w.answers.push(503, 404);
    expect(await uploadPending(w.deps)).toMatchObject({ waiting: [a, b], uploaded: [] });
    expect((await w.store.get(a))?.file).not.toBeNull();
    expect((await w.store.get(b))?.file).not.toBeNull();
    w.answers.push(200, 401);
    expect(await uploadPending(w.deps)).toMatchObject({ uploaded: [a], waiting: [b] });
    // The full file goes, the small copy stays for the lists.
    expect((await w.store.get(a))?.file).toBeNull();
    expect((await w.store.get(a))?.thumb.size).toBe(320);
    expect((await w.store.get(b))?.file).not.toBeNull();
    w.answers.push(200);
    expect(await uploadPending(w.deps)).toMatchObject({ uploaded: [b] });
    expect(await w.store.pending()).toEqual([]);
    // The offline attempt reached nobody.
    expect(w.sent).toEqual([a, b, a, b, b]);
  });

  it('keeps a file the server refused for good, without sending it again, and one another device already uploaded is dropped', async () => {
    const w = world();
    const [a = '', b = ''] = await w.add(2);
    w.synced(a);
    w.synced(b);
    const rowB = w.rows.get(b);
    if (rowB) rowB.uploaded = 1;
    w.answers.push(415);
    expect(await uploadPending(w.deps)).toMatchObject({ failed: [a], uploaded: [b] });
    expect((await w.store.get(a))?.failed).toBe('unsupported_media_type');
    expect((await w.store.get(a))?.file).not.toBeNull();
    expect(await uploadPending(w.deps)).toMatchObject({ failed: [a] });
    expect(w.sent).toEqual([a]);
  });

  it('records the row of a photo kept just before the app closed, and gives up a deleted photo only after a week', async () => {
    const w = world();
    const orphan = newId();
    await w.store.put({
      id: orphan, file: new Blob(['x']), thumb: new Blob(['t']), recorded: false, createdAt: new Date().toISOString(), failed: null,
      values: { order_id: 'o1', line_id: null, reception_id: null, reception_side: null, caption: null, content_type: 'image/jpeg', width: 10, height: 10, bytes: 1, uploaded: 0 },
    });
    expect(await uploadPending(w.deps)).toMatchObject({ waiting: [orphan] });
    expect(w.rows.has(orphan)).toBe(true);
    expect((await w.store.get(orphan))?.recorded).toBe(true);

    // Its row disappears (deleted on another device, or a fresh download under way): kept for now…
    w.rows.delete(orphan);
    expect(await uploadPending(w.deps)).toMatchObject({ waiting: [orphan], dropped: [] });
    // …and given up a week later.
    const later = Date.now() + orphanGraceMs + 1000;
    expect(await uploadPending({ ...w.deps, now: () => later })).toMatchObject({ dropped: [orphan] });
    expect(await w.store.get(orphan)).toBeNull();
  });
});
