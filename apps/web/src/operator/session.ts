import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError, apiFetch } from '@/app/api';

/** The platform operator's sign-in: kept apart from a company's, so the console never opens a company's data. */
export type OperatorAccount = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  user: { id: string; email: string; role: string };
};

const storageKey = 'roaauto.operator';

function load(): OperatorAccount | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as OperatorAccount) : null;
  } catch {
    return null;
  }
}

export const useOperatorSession = defineStore('operator-session', () => {
  const account = ref<OperatorAccount | null>(load());
  let refreshing: Promise<void> | null = null;

  function save(a: OperatorAccount | null): void {
    account.value = a;
    if (a) localStorage.setItem(storageKey, JSON.stringify(a));
    else localStorage.removeItem(storageKey);
  }

  const signedIn = computed(() => Boolean(account.value?.refreshToken));

  /** Signs in through the same endpoint as everyone; an account that is not the platform's is signed out at once. */
  async function login(email: string, password: string): Promise<void> {
    const a = await apiFetch<OperatorAccount>('/api/auth/login', { method: 'POST', json: { email, password } });
    if (a.user.role !== 'super_admin') {
      await apiFetch('/api/auth/logout', { method: 'POST', json: { refreshToken: a.refreshToken } }).catch(() => undefined);
      throw new ApiError(403, 'forbidden', 'Not a platform operator');
    }
    save({ accessToken: a.accessToken, accessTokenExpiresAt: a.accessTokenExpiresAt, refreshToken: a.refreshToken, user: a.user });
  }

  async function refresh(): Promise<void> {
    const a = account.value;
    if (!a) return;
    refreshing ??= (async () => {
      try {
        const next = await apiFetch<OperatorAccount>('/api/auth/refresh', { method: 'POST', json: { refreshToken: a.refreshToken } });
        save({ accessToken: next.accessToken, accessTokenExpiresAt: next.accessTokenExpiresAt, refreshToken: next.refreshToken, user: next.user });
      } catch (err) {
        const latest = load();
        if (latest && latest.refreshToken !== a.refreshToken) account.value = latest;
        else if (err instanceof ApiError && err.status === 401) save(null);
        throw err;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function logout(): Promise<void> {
    const a = account.value;
    save(null);
    if (a) await apiFetch('/api/auth/logout', { method: 'POST', json: { refreshToken: a.refreshToken } }).catch(() => undefined);
  }

  /** A request to the operator's API with a fresh token; a 401 once more after a refresh signs the console out. */
  async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
    const a = account.value;
    if (!a) throw new ApiError(401, 'unauthorized', 'Sign in');
    if (Date.parse(a.accessTokenExpiresAt) - Date.now() < 30_000) await refresh();
    try {
      return await apiFetch<T>(path, { ...init, token: account.value?.accessToken ?? '' });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      await refresh();
      return apiFetch<T>(path, { ...init, token: account.value?.accessToken ?? '' });
    }
  }

  return { account, signedIn, login, logout, api };
});
