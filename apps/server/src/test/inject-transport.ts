import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { ApiError, type PullResponse, type PushResponse, type SyncTransport } from '@roaauto/shared';

type ErrorBody = { error?: { code?: string; message?: string } & Record<string, unknown> };

async function call<T>(app: FastifyInstance, token: () => string, method: 'GET' | 'POST', url: string, payload?: unknown, gzip = false): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token()}` };
  if (gzip) headers['accept-encoding'] = 'gzip';
  const res = await app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const text = res.headers['content-encoding'] === 'gzip' ? gunzipSync(res.rawPayload).toString('utf8') : res.body;
  if (res.statusCode >= 200 && res.statusCode < 300) return JSON.parse(text) as T;
  const body = JSON.parse(text) as ErrorBody;
  const { code = 'internal_error', message = res.body, ...details } = body.error ?? {};
  throw new ApiError(res.statusCode, code, message, details);
}

/**
 * The real HTTP API through Fastify's inject: everything but the socket. `gzip` asks for compressed
 * answers, as browsers do (pages then come through the server's page cache).
 */
export function injectTransport(app: FastifyInstance, token: () => string, options: { gzip?: boolean } = {}): SyncTransport {
  return {
    push: (body) => call<PushResponse>(app, token, 'POST', '/api/sync/push', body, options.gzip),
    pull: ({ clientId, cursor, limit }) => call<PullResponse>(app, token, 'GET', `/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=${limit}`, undefined, options.gzip),
  };
}
