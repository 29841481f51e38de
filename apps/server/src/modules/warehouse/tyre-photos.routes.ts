import { photoFileRoutes } from '../../core/photos/photo-routes';
import type { ModuleRoutes } from '../../module-kit';
import { tyrePhotos } from './tyre-photos';

/**
 * The tyre hotel's photo files (docs/tyre-hotel.md): the rows travel by sync, the files by these two
 * routes, as the order photos do. The tyre hotel needs the warehouse and the workshop, so both guard them.
 */
export const tyrePhotoRoutes: ModuleRoutes = async (app, { guards, database, sync, storage }) => {
  photoFileRoutes(app, tyrePhotos, { database, sync, storage }, {
    path: '/api/tyre-sets/photos',
    tag: 'warehouse',
    what: 'tyre set photo',
    upload: [guards.permission('tyre_hotel.write'), guards.module('warehouse'), guards.module('workshop')],
    read: [guards.user, guards.module('warehouse'), guards.module('workshop')],
  });
};
