import { minPasswordLength, passwordProblemCode } from '@roaauto/shared';
import { apiFetch } from '@/app/api';
import type { Account } from '@/app/session';

/** A live sign-in of the account, as the server lists it. */
export type AccountSession = { id: string; device: string | null; createdAt: string; lastUsedAt: string; current: boolean };

export type PasswordRule = 'length' | 'mix' | 'variety' | 'email';

/**
 * The rules of a new password, each met or not, as the person types: the same checks as the server's
 * (`passwordProblemCode`), one line each, so the list turns green rule by rule.
 */
export function passwordRules(password: string, email: string): { rule: PasswordRule; ok: boolean }[] {
  const lower = password.toLowerCase();
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  const code = passwordProblemCode(password, email);
  return [
    { rule: 'length', ok: password.length >= minPasswordLength && code !== 'too_long' },
    { rule: 'mix', ok: password.length > 0 && (classes >= 2 || password.length >= 16) },
    { rule: 'variety', ok: new Set(lower).size >= 4 && code !== 'common' },
    { rule: 'email', ok: password.length > 0 && !(local.length >= 4 && lower.includes(local)) },
  ];
}

/** A short name for a device from its User-Agent: "Chrome, Android", "Safari, iPhone", or null. */
export function deviceName(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const ua = userAgent;
  const browser = /Edg\//.test(ua) ? 'Edge'
    : /OPR\/|Opera/.test(ua) ? 'Opera'
      : /Firefox\//.test(ua) ? 'Firefox'
        : /Chrom(e|ium)\//.test(ua) ? 'Chrome'
          : /Safari\//.test(ua) ? 'Safari'
            : null;
  const system = /iPhone/.test(ua) ? 'iPhone'
    : /iPad/.test(ua) ? 'iPad'
      : /Android/.test(ua) ? 'Android'
        : /Windows/.test(ua) ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
            : /CrOS/.test(ua) ? 'ChromeOS'
              : /Linux/.test(ua) ? 'Linux'
                : null;
  if (browser && system) return `${browser}, ${system}`;
  return browser ?? system ?? ua.slice(0, 60);
}

/** The current session first, then the others by last use. */
export function orderSessions(sessions: readonly AccountSession[]): AccountSession[] {
  return [...sessions].sort((a, b) => Number(b.current) - Number(a.current) || b.lastUsedAt.localeCompare(a.lastUsedAt));
}

/** The reset token from the link's hash (`/account/reset#<token>`), or null. */
export function tokenFromHash(hash: string): string | null {
  const token = hash.replace(/^#/, '').trim();
  return /^[\w-]{16,200}$/.test(token) ? token : null;
}

export function listSessions(token: string): Promise<{ sessions: AccountSession[] }> {
  return apiFetch('/api/auth/sessions', { token });
}

export function signOutSession(token: string, id: string): Promise<void> {
  return apiFetch(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE', token });
}

export function signOutOthers(token: string): Promise<{ ended: number }> {
  return apiFetch('/api/auth/sessions/sign-out-everywhere', { method: 'POST', token, json: { keepThisSession: true } });
}

/** The new session when this device stays signed in, null when it was signed out too. */
export async function changePassword(
  token: string,
  input: { currentPassword: string; newPassword: string; keepThisSession: boolean },
): Promise<Account | null> {
  const answer = await apiFetch<Account | undefined>('/api/auth/password', { method: 'POST', token, json: input });
  return answer ?? null;
}

export function requestPasswordReset(email: string, locale: 'ro' | 'en'): Promise<unknown> {
  return apiFetch('/api/auth/password-reset/request', { method: 'POST', json: { email, locale } });
}

export function resetPassword(token: string, password: string): Promise<void> {
  return apiFetch('/api/auth/password-reset', { method: 'POST', json: { token, password } });
}

/**
 * For the Team page: mails a member a link to choose a new password and returns it, so the owner can
 * also hand it over (a message on the phone). `token` is the owner's access token
 * (`await useSession().accessToken()`); needs users.manage.
 */
export function resetMemberPassword(token: string, userId: string, locale: 'ro' | 'en'): Promise<{ link: string; expiresAt: string; email: string }> {
  return apiFetch(`/api/users/${encodeURIComponent(userId)}/password-reset`, { method: 'POST', token, json: { locale } });
}
