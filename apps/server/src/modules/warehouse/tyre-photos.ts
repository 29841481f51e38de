import type { PhotoKind } from '../../core/photos/photo-files';

/**
 * The tyre hotel's photos on the server, on the photo kit (docs/storage.md): the file of each
 * `tyre_set_photos` row in the storage under `tyre-photos/<id>`; the row says it is there (`uploaded`).
 * Sets are read by every user of the company with the module, so no scope check beyond the company.
 */
export const tyrePhotos: PhotoKind = {
  table: 'tyre_set_photos',
  folder: 'tyre-photos',
  async visible(tx, _auth, photoId) {
    const photo = await tx.db.selectFrom('tyre_set_photos').select(['content_type', 'bytes', 'deleted_at']).where('id', '=', photoId).executeTakeFirst();
    return photo && !photo.deleted_at ? photo : null;
  },
};
