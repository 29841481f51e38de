import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { decodeJwt } from 'jose';
import { activeModules, can, entitlementsForPlan, isCompanyRole, type Entitlements, type ModuleId, type Permission } from '@roaauto/shared';
import { ApiError, apiFetch } from './api';

export type Account = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  offlineLease: { token: string; expiresAt: string } | null;
  user: { id: string; email: string; role: string; name: string | null };
  tenant: { id: string; name: string } | null;
  entitlements: Entitlements | null;
};

const storageKey = 'roaauto.session';

function load(): Account | null {
  try {
    const raw = localStorage.getItem(storageKey);
    return raw ? (JSON.parse(raw) as Account) : null;
  } catch {
    return null;
  }
}

/** Without an account the app runs the Free plan locally. */
const freeEntitlements = entitlementsForPlan('free', 'active', new Date(0));

/**
 * Who is using the app: nobody (no-account mode, Free plan, data only in this browser) or a signed-in
 * account. Tokens live in localStorage so every tab shares them; the offline lease's entitlements are
 * what the app uses when the server cannot be asked.
 */
export const useSession = defineStore('session', () => {
  const account = ref<Account | null>(load());
  let refreshing: Promise<void> | null = null;

  function save(a: Account | null): void {
    account.value = a;
    if (a) localStorage.setItem(storageKey, JSON.stringify(a));
    else localStorage.removeItem(storageKey);
  }

  // Another tab signed in, refreshed or signed out.
  window.addEventListener('storage', (e) => {
    if (e.key === storageKey) account.value = load();
  });

  const entitlements = computed<Entitlements>(() => {
    const a = account.value;
    if (!a) return freeEntitlements;
    if (a.entitlements) return a.entitlements;
    if (a.offlineLease) {
      const claims = decodeJwt(a.offlineLease.token) as { entitlements?: Entitlements };
      if (claims.entitlements) return claims.entitlements;
    }
    return freeEntitlements;
  });

  const modules = computed<Record<ModuleId, boolean>>(() => activeModules(entitlements.value, new Date()));

  async function register(input: { email: string; password: string; name?: string; company: { name: string; cui?: string } }): Promise<Account> {
    // This browser's data (its starter catalog included) is uploaded next: the server adds no catalog of its own.
    const a = await apiFetch<Account>('/api/auth/register', { method: 'POST', json: { ...input, seedCatalog: false } });
    save(a);
    return a;
  }

  async function login(email: string, password: string): Promise<Account> {
    const a = await apiFetch<Account>('/api/auth/login', { method: 'POST', json: { email, password } });
    save(a);
    return a;
  }

  /** Joins a company through an invitation link: the account is made and this device signs in to it. */
  async function acceptInvitation(input: { token: string; password: string; name: string }): Promise<Account> {
    const a = await apiFetch<Account>('/api/auth/accept-invitation', { method: 'POST', json: input });
    save(a);
    return a;
  }

  /** A fresh access token (and entitlements); single-flight across callers of this tab. */
  async function refresh(): Promise<void> {
    const a = account.value;
    if (!a) return;
    refreshing ??= (async () => {
      try {
        save(await apiFetch<Account>('/api/auth/refresh', { method: 'POST', json: { refreshToken: a.refreshToken } }));
      } catch (err) {
        // Another tab may have rotated the token first: take its session if it has a newer one.
        const latest = load();
        if (latest && latest.refreshToken !== a.refreshToken) account.value = latest;
        // The sign-in was ended (logout elsewhere, password change, deactivation): keep the local data
        // and ask for the password again.
        else if (err instanceof ApiError && err.status === 401) save({ ...a, accessToken: '', refreshToken: '' });
        throw err;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /** A usable access token, refreshed when it is about to expire. */
  const needsSignIn = computed(() => Boolean(account.value && !account.value.refreshToken));

  async function accessToken(): Promise<string> {
    const a = account.value;
    if (!a?.refreshToken) throw new ApiError(401, 'unauthorized', 'Sign in again');
    if (Date.parse(a.accessTokenExpiresAt) - Date.now() < 30_000) await refresh();
    return account.value?.accessToken ?? '';
  }

  async function logout(): Promise<void> {
    const a = account.value;
    save(null);
    if (a) await apiFetch('/api/auth/logout', { method: 'POST', json: { refreshToken: a.refreshToken } }).catch(() => undefined);
  }

  /** New tokens for this device (after a password change that kept it signed in). */
  function adopt(a: Account): void {
    save(a);
  }

  /**
   * This device's sign-in was ended on purpose (a password change that signed it out too): the local
   * data stays, and the password is asked again, as for a sign-in ended elsewhere.
   */
  function endHere(): void {
    const a = account.value;
    if (a) save({ ...a, accessToken: '', refreshToken: '' });
  }

  /** Without an account the person at the device is the owner; with one, the role decides. */
  function allowed(permission: Permission): boolean {
    const role = account.value?.user.role;
    if (!account.value) return true;
    return isCompanyRole(role) && can(role, permission);
  }

  return { account, needsSignIn, entitlements, modules, allowed, register, login, acceptInvitation, refresh, accessToken, logout, adopt, endHere };
});
