import { ApiError } from '@roaauto/shared';

export { ApiError };

type ErrorBody = { error?: { code?: string; message?: string } & Record<string, unknown> };

/**
 * A request that never reached the server (offline, no route, refused connection). A TypeError, as
 * fetch throws it, so code that treats any TypeError as "offline" (the sync engine) keeps doing so.
 */
export class NetworkError extends TypeError {
  constructor(message: string) {
    super(message);
    this.name = 'NetworkError';
  }
}

/** fetch + JSON with the API's error shape; a network failure is a NetworkError ("offline"). */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown; token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  } catch (err) {
    if (err instanceof TypeError) throw new NetworkError(err.message);
    throw err;
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as (T & ErrorBody) | null;
  if (!res.ok) {
    const { code = 'internal_error', message = `HTTP ${res.status}`, ...details } = body?.error ?? {};
    throw new ApiError(res.status, code, message, details);
  }
  return body as T;
}
