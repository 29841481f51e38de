import { ApiError } from '@roaauto/shared';

export { ApiError };

type ErrorBody = { error?: { code?: string; message?: string } & Record<string, unknown> };

/** fetch + JSON with the API's error shape; a network failure stays a TypeError ("offline"). */
export async function apiFetch<T>(path: string, init: RequestInit & { json?: unknown; token?: string } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.json !== undefined) headers.set('content-type', 'application/json');
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(path, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => null)) as (T & ErrorBody) | null;
  if (!res.ok) {
    const { code = 'internal_error', message = `HTTP ${res.status}`, ...details } = body?.error ?? {};
    throw new ApiError(res.status, code, message, details);
  }
  return body as T;
}

/**
 * The i18n key for what went wrong, so people read it in their language; the server's own message
 * (English) is the fallback for reasons the app does not know.
 */
export function errorText(err: unknown, t: (key: string) => string): string {
  const { key, fallback } = errorKey(err);
  return key ? t(key) : fallback;
}

function errorKey(err: unknown): { key: string; fallback: string } {
  if (err instanceof TypeError) return { key: 'shell.errors.offline', fallback: err.message };
  if (err instanceof ApiError) {
    const byCode: Record<string, string> = {
      unauthorized: 'shell.errors.wrongCredentials',
      conflict: 'shell.errors.emailTaken',
      rate_limited: 'shell.errors.rateLimited',
    };
    if (err.code === 'validation_failed' && err.details.field === 'password') return { key: 'shell.errors.weakPassword', fallback: err.message };
    if (err.code === 'validation_failed' && err.details.field === 'company.cui') return { key: 'shell.errors.badCui', fallback: err.message };
    return { key: byCode[err.code] ?? '', fallback: err.message };
  }
  return { key: '', fallback: err instanceof Error ? err.message : String(err) };
}
