import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import type { ModuleRoutes } from '../../module-kit';
import { createFeed, etagMatches, feedCalendar, feedEtag, listFeeds, resolveFeed, revokeFeed, rotateFeed } from './feed';

/** A calendar asks every few minutes to hours; a person opening the address, a few times. */
const publicLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };
const manageLimit = { rateLimit: { max: 30, timeWindow: '1 minute' } };

const feedParams = z.object({ id: z.uuid() });

/**
 * The calendar feed's endpoints (docs/appointments-feed.md): the public `.ics` address (the token is
 * the key) and the shop's management of its addresses (`appointments.manage`).
 */
export const feedRoutes: ModuleRoutes = async (app, { guards, database, config }) => {
  const guard = [guards.permission('appointments.manage'), guards.module('appointments')];
  /** Where the events' links point: the deployment's public address, else the address the calendar used. */
  const baseOf = (request: FastifyRequest) => config.sms.publicBaseUrl ?? `${request.protocol}://${request.host}`;
  const feedUrl = (request: FastifyRequest, token: string) => `${baseOf(request)}/api/public/calendar/${token}.ics`;

  app.get('/api/public/calendar/:file', {
    config: publicLimit,
    schema: {
      tags: ['appointments'], summary: 'A shop\'s (or a mechanic\'s) appointments as an iCalendar feed (public, by its secret address)',
      params: z.object({ file: z.string().max(200) }),
    },
  }, async (request, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
    const token = request.params.file.endsWith('.ics') ? request.params.file.slice(0, -4) : '';
    const access = await resolveFeed(database, token);
    if (!access) throw new DomainError('not_found', 'No such calendar feed');
    const base = baseOf(request);
    const etag = await feedEtag(database, access, base);
    // Asked again each time (no-cache), answered 304 while nothing changed.
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
    const body = await feedCalendar(database, access, base);
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="programari.ics"').send(body);
  });

  app.get('/api/appointments/feeds', {
    onRequest: guard,
    schema: { tags: ['appointments'], summary: 'The company\'s calendar feeds in use (their addresses are shown only when made)' },
  }, async (request) => ({ feeds: await listFeeds(database, userOf(request).tenantId) }));

  app.post('/api/appointments/feeds', {
    onRequest: guard,
    config: manageLimit,
    schema: {
      tags: ['appointments'],
      summary: 'Makes the calendar feed of the shop (no mechanic) or of a mechanic; replaces the one in use; the address is shown once',
      body: z.object({ mecanicId: z.uuid().nullable().optional() }).strict(),
    },
  }, async (request, reply) => {
    const feed = await createFeed(database, userOf(request).tenantId, request.body.mecanicId ?? null);
    return reply.code(201).send({ id: feed.id, mecanicId: feed.mecanicId, createdAt: feed.createdAt, url: feedUrl(request, feed.token) });
  });

  app.post('/api/appointments/feeds/:id/rotate', {
    onRequest: guard,
    config: manageLimit,
    schema: { tags: ['appointments'], summary: 'A new secret address for a calendar feed; the old one answers 404 from now on', params: feedParams },
  }, async (request, reply) => {
    const feed = await rotateFeed(database, userOf(request).tenantId, request.params.id);
    return reply.code(201).send({ id: feed.id, mecanicId: feed.mecanicId, createdAt: feed.createdAt, url: feedUrl(request, feed.token) });
  });

  app.delete('/api/appointments/feeds/:id', {
    onRequest: guard,
    schema: { tags: ['appointments'], summary: 'Stops a calendar feed: its address answers 404 from now on', params: feedParams },
  }, async (request, reply) => {
    await revokeFeed(database, userOf(request).tenantId, request.params.id);
    return reply.code(204).send();
  });
};
