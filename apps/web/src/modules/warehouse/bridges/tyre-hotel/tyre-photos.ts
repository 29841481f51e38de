import type { PhotoKind } from '../../../workshop/photos/photo-service';

/** The tyre hotel's photos: their table, their server route and their own store on the device (kept as the order photos are). */
export const tyrePhotoKind: PhotoKind = { table: 'tyre_set_photos', url: '/api/tyre-sets/photos', storePrefix: 'roaauto-tyre-photos' };

/** The row values of a photo of a set (or one of its wheels) from the resized photo's size. */
export function tyrePhotoValues(setId: string, wheelId: string | null, full: { width: number; height: number; bytes: number }) {
  return { set_id: setId, wheel_id: wheelId, caption: null, content_type: 'image/jpeg' as const, width: full.width, height: full.height, bytes: full.bytes, uploaded: 0 as const };
}
