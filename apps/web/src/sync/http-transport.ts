import { ApiError, type PullResponse, type PushResponse, type SyncTransport } from '@roaauto/shared';
import { apiFetch } from '@/app/api';

/** The sync API over fetch, with a token refresh and one retry on 401. */
export function httpTransport(accessToken: () => Promise<string>, refresh: () => Promise<void>): SyncTransport {
  async function call<T>(path: string, init: { method: 'GET' | 'POST'; json?: unknown }): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await apiFetch<T>(path, { ...init, token: await accessToken() });
      } catch (err) {
        if (err instanceof ApiError && err.status === 401 && attempt === 0) {
          await refresh();
          continue;
        }
        throw err;
      }
    }
  }
  return {
    push: (body) => call<PushResponse>('/api/sync/push', { method: 'POST', json: body }),
    pull: ({ clientId, cursor, limit }) =>
      call<PullResponse>(`/api/sync/pull?clientId=${encodeURIComponent(clientId)}&cursor=${cursor}&limit=${limit}`, { method: 'GET' }),
  };
}
