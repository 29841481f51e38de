import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError, maxPhotoBytes, photoContentTypes } from '@roaauto/shared';
import { userOf, type PreHandler } from '../auth/guards';
import { photoFileForUser, sweepDeletedPhotoFiles, uploadPhotoFile, type PhotoContext, type PhotoKind } from './photo-files';

/** The name of a kind of photo's hourly sweep on the job system. */
export const photoSweepJob = (kind: Pick<PhotoKind, 'table'>) => `photos.files-sweep.${kind.table}`;

/**
 * The two routes of a kind of photo (`PUT` the raw JPEG or WebP of a synced row, `GET` its file with a
 * strong ETag, cached privately) and the hourly removal of deleted photos' files (a schedule on the job
 * system, `photos.files-sweep.<table>`). Call it inside the module's own route plugin: the image body
 * parser is scoped to that plugin.
 */
export function photoFileRoutes(
  app: FastifyInstance,
  kind: PhotoKind,
  ctx: PhotoContext,
  routes: { path: string; tag: string; what: string; upload: PreHandler[]; read: PreHandler[] },
): void {
  app.addContentTypeParser([...photoContentTypes], { parseAs: 'buffer', bodyLimit: maxPhotoBytes }, (_request, body, done) => {
    done(null, body);
  });
  const params = z.object({ id: z.uuid() });

  // Hourly, one run per slot across processes (the job system; a failed run is retried and shown in the console).
  app.jobs.schedule({
    name: photoSweepJob(kind),
    everyMinutes: 60,
    run: async () => {
      const removed = await sweepDeletedPhotoFiles(kind, ctx.database, ctx.storage);
      if (removed) app.log.info({ removed, table: kind.table }, 'files of deleted photos removed');
    },
  });

  app.put(`${routes.path}/:id`, {
    onRequest: routes.upload,
    bodyLimit: maxPhotoBytes,
    config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: {
      tags: [routes.tag],
      summary: `Uploads the file of a synced ${routes.what} (the raw JPEG or WebP as the body); repeating it is harmless`,
      params,
    },
  }, async (request) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw new DomainError('unsupported_media_type', 'Send the photo as image/jpeg or image/webp');
    const { id } = params.parse(request.params);
    return uploadPhotoFile(kind, ctx, userOf(request), id, request.headers['content-type']?.split(';')[0]?.trim() ?? '', body);
  });

  app.get(`${routes.path}/:id`, {
    onRequest: routes.read,
    schema: { tags: [routes.tag], summary: `The file of a ${routes.what}, for the company's users who may see it`, params },
  }, async (request, reply) => {
    const { id } = params.parse(request.params);
    const { info, stream } = await photoFileForUser(kind, ctx, userOf(request), id);
    const etag = `"${info.etag}"`;
    void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable').header('x-content-type-options', 'nosniff');
    if (request.headers['if-none-match'] === etag) {
      stream.destroy();
      return reply.code(304).send();
    }
    return reply.type(info.contentType).header('content-length', String(info.size)).send(stream);
  });
}
