import { describe, expect, it } from 'vitest';
import { memoryPhotoStore, type StoredPhoto } from '../../../workshop/photos/photo-store';
import { addPhotoFiles, uploadPending, type LocalPhotoRow } from '../../../workshop/photos/photo-upload';
import { tyrePhotoKind, tyrePhotoValues } from './tyre-photos';

describe('tyre set photos on the device', () => {
  it('keeps a wheel\'s photo on the device, records its row, and sends it to the tyre hotel\'s route once the row has synced', async () => {
    const store = memoryPhotoStore();
    const rows = new Map<string, LocalPhotoRow & Record<string, unknown>>();
    const createRow = async (row: StoredPhoto['values'] & { id: string }) => {
      rows.set(row.id, { ...row, _version: null });
    };
    const resize = async (_file: Blob, maxSide: number) => ({ blob: new Blob(['x'.repeat(maxSide)]), width: maxSide, height: maxSide / 2 });
    const [id = ''] = await addPhotoFiles([new Blob(['raw'])], (full) => tyrePhotoValues('set-1', 'wheel-1', full), {
      store, resize, createRow, sizes: { full: 1600, fullQuality: 0.8, thumb: 320, thumbQuality: 0.7 },
    });
    expect(rows.get(id)).toMatchObject({ set_id: 'set-1', wheel_id: 'wheel-1', content_type: 'image/jpeg', width: 1600, height: 800, bytes: 1600, uploaded: 0 });
    const sent: string[] = [];
    const deps = {
      store, createRow, rows: async (ids: readonly string[]) => ids.flatMap((i) => { const r = rows.get(i); return r ? [r] : []; }),
      put: async (photoId: string) => {
        sent.push(`${tyrePhotoKind.url}/${photoId}`);
        return 200;
      },
    };
    // Offline-first: not sent before the row reached the server.
    expect((await uploadPending(deps)).waiting).toEqual([id]);
    expect(sent).toEqual([]);
    rows.set(id, { ...(rows.get(id) ?? { id, uploaded: 0 }), _version: 1 });
    expect((await uploadPending(deps)).uploaded).toEqual([id]);
    expect(sent).toEqual([`/api/tyre-sets/photos/${id}`]);
    expect((await store.get(id))?.file).toBeNull();
  });
});
