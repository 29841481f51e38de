import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { type PullResponse, defaultPullLimit, maxPullLimit, pullResponseSchema, pushRequestSchema, pushResponseSchema } from '@roaauto/shared';
import { userOf } from '../core/auth/guards';
import { sseClients, timedSync } from '../ops/metrics';
import type { PokeBus } from './poke-bus';
import { acceptsGzip } from './pull-body';
import type { SyncService } from './sync.service';

const heartbeatMs = 25_000;
/**
 * The push body's schema compiled by zod ahead of time (generated code instead of one parser call per
 * node: measured ~4× faster on a push of 500 mutations). A body that fails falls back to the regular
 * parser, so the 400 answers are the same; the OpenAPI document comes from the same schema.
 */
const pushBody = z.compile(pushRequestSchema);
/**
 * The sync answers are built by the server itself from validated rows; checking them again against the
 * schema on the way out costs more than the pull itself on big pages. The schema stays for the docs.
 */
const plainJson = () => (data: unknown) => JSON.stringify(data);
export const syncRoutes: FastifyPluginAsyncZod<{ sync: SyncService; pokes: PokeBus }> = async (app, { sync, pokes }) => {
  const tags = ['sync'];
  const entitled = [app.guards.module('cloud_sync')];
  const streams = new Set<ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of streams) res.end();
  });

  app.post('/api/sync/push', {
    onRequest: entitled,
    bodyLimit: 8 * 1024 * 1024,
    // A mutation with text the database cannot store is refused on its own (sync.service.ts).
    config: { bodyTextCheckedPerItem: true },
    // Answers are compressed only when big (rejections that carry rows). The usual one, a short result
    // per mutation (~16 kB for 500), is small beside the request it answers (~200 kB, never compressed),
    // and gzipping it cost more than it saved: per push of 500, ~0.25 ms of server CPU (a zlib stream
    // per answer over @fastify/compress's sync threshold) and ~0.6 ms for a Node client to inflate it.
    // Route options replace the global ones (app.ts): encodings and level are repeated.
    compress: { encodings: ['gzip', 'deflate'], threshold: 64 * 1024, zlibOptions: { level: 1 } },
    serializerCompiler: plainJson,
    schema: {
      tags,
      summary: 'Send local changes; idempotent by (clientId, mutation id)',
      body: pushBody,
      response: { 200: pushResponseSchema },
    },
  }, async (request) => {
    const auth = userOf(request);
    const e = request.entitlements;
    if (!e) throw new Error('entitlements not loaded by the module guard');
    return timedSync('push', () => sync.push(auth, e, request.body), () => request.body.mutations.length);
  });

  app.get('/api/sync/pull', {
    onRequest: entitled,
    serializerCompiler: plainJson,
    schema: {
      tags,
      summary: 'Changes after a cursor (0 = everything), in pages that never split a server transaction',
      querystring: z.object({
        clientId: z.uuid(),
        cursor: z.coerce.number().int().min(0),
        limit: z.coerce.number().int().min(1).max(maxPullLimit).default(defaultPullLimit),
      }),
      response: { 200: pullResponseSchema },
    },
  }, async (request, reply) => {
    const auth = userOf(request);
    const e = request.entitlements;
    if (!e) throw new Error('entitlements not loaded by the module guard');
    const answer = await timedSync(
      'pull',
      () => sync.pull(auth, e, request.query.clientId, request.query.cursor, request.query.limit, acceptsGzip(request.headers)),
      (a) => a.body.length,
    );
    // Already JSON bytes, compressed by the service when the client takes gzip (@fastify/compress leaves
    // an answer with a Content-Encoding alone); Fastify sends a Buffer as it is.
    reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
    if (answer.encoding) reply.header('content-encoding', answer.encoding);
    return reply.send(answer.body as unknown as PullResponse);
  });

  app.get('/api/sync/events', {
    onRequest: entitled,
    schema: { tags, summary: 'Server-sent events: `poke` with the company version after every change' },
  }, async (request, reply) => {
    const auth = userOf(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    const send = (version: number) => res.write(`event: poke\ndata: {"version":${version}}\n\n`);
    res.write('retry: 3000\n\n');
    streams.add(res);
    sseClients.inc();
    const unsubscribe = pokes.subscribe(auth.tenantId, send);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), heartbeatMs);
    const done = () => {
      if (!streams.delete(res)) return;
      sseClients.dec();
      clearInterval(heartbeat);
      unsubscribe();
    };
    request.raw.on('close', done);
    res.on('close', done);
    send(await sync.currentVersion(auth.tenantId));
  });
};
