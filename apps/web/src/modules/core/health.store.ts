import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError } from '@/app/api';

export type Health = { status: 'ok'; db: 'sqlite' | 'postgres'; version: string };

export type HealthState =
  | { kind: 'checking' }
  | { kind: 'ok'; health: Health; checkedAt: Date }
  | { kind: 'offline' }
  | { kind: 'error'; error: ApiError };

/** Asks the server whether it and its database answer; "offline" is a normal state, not an error. */
export const useHealthStore = defineStore('health', () => {
  const state = ref<HealthState>({ kind: 'checking' });

  async function check(): Promise<void> {
    state.value = { kind: 'checking' };
    let response: Response;
    try {
      response = await fetch('/api/health', { signal: AbortSignal.timeout(5000), cache: 'no-store' });
    } catch {
      state.value = { kind: 'offline' };
      return;
    }
    const body = (await response.json().catch(() => null)) as
      | (Health & { error?: undefined })
      | { error: { code?: string; message?: string } & Record<string, unknown> }
      | null;
    if (response.ok && body && !body.error) {
      state.value = { kind: 'ok', health: body, checkedAt: new Date() };
    } else if (body?.error) {
      const { code = 'internal_error', message = `HTTP ${response.status}`, ...details } = body.error;
      state.value = { kind: 'error', error: new ApiError(response.status, code, message, details) };
    } else {
      // A gateway or the service worker answering without JSON means the server is not reachable.
      state.value = { kind: 'offline' };
    }
  }

  return { state, check };
});
