import { z } from 'zod';
import { DomainError, maxPhotoBytes, photoContentTypes } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';
import { photoForUser, sweepDeletedPhotos, uploadPhoto } from './photos';

/**
 * An order's photo files: the rows travel by sync, the files by these two routes. The upload takes the
 * raw image (JPEG or WebP) as the body; the download answers with a strong ETag and is cached privately.
 */
export const photoRoutes: ModuleRoutes = async (app, { guards, database, sync, storage }) => {
  // This plugin's own scope: image bodies arrive as buffers, up to the photo limit.
  app.addContentTypeParser([...photoContentTypes], { parseAs: 'buffer', bodyLimit: maxPhotoBytes }, (_request, body, done) => {
    done(null, body);
  });
  const params = z.object({ id: z.uuid() });

  // Hourly, the first a minute after start: the files of deleted photos are removed.
  const sweep = () => {
    sweepDeletedPhotos(database, storage)
      .then((removed) => {
        if (removed) app.log.info({ removed }, 'files of deleted photos removed');
      })
      .catch((err: unknown) => app.log.error({ err }, 'removing the files of deleted photos failed'));
  };
  const first = setTimeout(sweep, 60_000).unref();
  const hourly = setInterval(sweep, 3_600_000).unref();
  app.addHook('onClose', async () => {
    clearTimeout(first);
    clearInterval(hourly);
  });

  app.put('/api/workshop/photos/:id', {
    onRequest: [guards.permission('orders.write'), guards.module('workshop')],
    bodyLimit: maxPhotoBytes,
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: ['workshop'],
      summary: 'Uploads the file of a synced order photo (the raw JPEG or WebP as the body); repeating it is harmless',
      params,
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new DomainError('unsupported_media_type', 'Send the photo as image/jpeg or image/webp');
    return uploadPhoto({ database, sync, storage }, userOf(request), request.params.id, request.headers['content-type']?.split(';')[0]?.trim() ?? '', body);
  });

  app.get('/api/workshop/photos/:id', {
    onRequest: [guards.user, guards.module('workshop')],
    schema: { tags: ['workshop'], summary: 'The file of an order photo, for the company\'s users who read its order', params },
  }, async (request, reply) => {
    const { info, stream } = await photoForUser({ database, storage }, userOf(request), request.params.id);
    const etag = `"${info.etag}"`;
    void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) {
      stream.destroy();
      return reply.code(304).send();
    }
    return reply.type(info.contentType).header('content-length', String(info.size)).send(stream);
  });
};
