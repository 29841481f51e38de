import { photoFileRoutes } from '../../core/photos/photo-routes';
import type { ModuleRoutes } from '../../module-kit';
import { orderPhotoKind } from './photos';

/**
 * An order's photo files: the rows travel by sync, the files by these two routes (the photo kit). The
 * upload takes the raw image (JPEG or WebP) as the body; the download answers with a strong ETag.
 */
export const photoRoutes: ModuleRoutes = async (app, { guards, database, sync, storage }) => {
  photoFileRoutes(app, orderPhotoKind, { database, sync, storage }, {
    path: '/api/workshop/photos',
    tag: 'workshop',
    what: 'order photo',
    upload: [guards.permission('orders.write'), guards.module('workshop')],
    read: [guards.user, guards.module('workshop')],
  });
};
