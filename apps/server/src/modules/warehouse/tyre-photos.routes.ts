import { z } from 'zod';
import { DomainError, maxPhotoBytes, photoContentTypes } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';
import { sweepDeletedTyrePhotos, tyrePhotoFile, uploadTyrePhoto } from './tyre-photos';

/**
 * The tyre hotel's photo files (docs/tyre-hotel.md): the rows travel by sync, the files by these two
 * routes, as the order photos do. The tyre hotel needs the warehouse and the workshop, so both guard them.
 */
export const tyrePhotoRoutes: ModuleRoutes = async (app, { guards, database, sync, storage }) => {
  // This plugin's own scope: image bodies arrive as buffers, up to the photo limit.
  app.addContentTypeParser([...photoContentTypes], { parseAs: 'buffer', bodyLimit: maxPhotoBytes }, (_request, body, done) => {
    done(null, body);
  });
  const params = z.object({ id: z.uuid() });

  // Hourly, the first a minute after start: the files of deleted photos are removed.
  const sweep = () => {
    sweepDeletedTyrePhotos(database, storage)
      .then((removed) => {
        if (removed) app.log.info({ removed }, 'files of deleted tyre photos removed');
      })
      .catch((err: unknown) => app.log.error({ err }, 'removing the files of deleted tyre photos failed'));
  };
  const first = setTimeout(sweep, 60_000).unref();
  const hourly = setInterval(sweep, 3_600_000).unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(hourly);
  });

  app.put('/api/tyre-sets/photos/:id', {
    onRequest: [guards.permission('tyre_hotel.write'), guards.module('warehouse'), guards.module('workshop')],
    bodyLimit: maxPhotoBytes,
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['warehouse'],
      summary: 'Uploads the file of a synced tyre set photo (the raw JPEG or WebP as the body); repeating it is harmless',
      params,
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new DomainError('unsupported_media_type', 'Send the photo as image/jpeg or image/webp');
    return uploadTyrePhoto({ database, sync, storage }, userOf(request), request.params.id, request.headers['content-type']?.split(';')[0]?.trim() ?? '', body);
  });

  app.get('/api/tyre-sets/photos/:id', {
    onRequest: [guards.user, guards.module('warehouse'), guards.module('workshop')],
    schema: { tags: ['warehouse'], summary: 'The file of a tyre set photo, for the company\'s users', params },
  }, async (request, reply) => {
    const { info, stream } = await tyrePhotoFile({ database, storage }, userOf(request), request.params.id);
    const etag = `"${info.etag}"`;
    void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) {
      stream.destroy();
      return reply.code(304).send();
    }
    return reply.type(info.contentType).header('content-length', String(info.size)).send(stream);
  });
};
