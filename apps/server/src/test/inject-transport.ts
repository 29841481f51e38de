import type { FastifyInstance } from 'fastify';
import { ApiError, type PullResponse, type PushResponse, type SyncTransport } from '@roaauto/shared';

type ErrorBody = { error?: { code?: string; message?: string } & Record<string, unknown> };

async function call<T>(app: FastifyInstance, token: () => string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> {
  const res = await app.inject({ method, url, headers: { authorization: `Bearer ${token()}` }, ...(payload === undefined ? {} : { payload: payload as object }) });
  if (res.statusCode >= 200 && res.statusCode < 300) return res.json<T>();
  const body = res.json<ErrorBody>();
  const { code = 'internal_error', message = res.body, ...details } = body.error ?? {};
  throw new ApiError(res.statusCode, code, message, details);
}

/** The real HTTP API through Fastify's inject: everything but the socket. */
export function injectTransport(app: FastifyInstance, token: () => string): SyncTransport {
  return {
    push: (body) => call<PushResponse>(app, token, 'POST', '/api/sync/push', body),
    pull: ({ clientId, cursor, limit }) => call<PullResponse>(app, token, 'GET', `/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=${limit}`),
  };
}
