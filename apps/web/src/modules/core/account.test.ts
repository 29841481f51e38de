import { describe, expect, it } from 'vitest';
import { passwordProblemCode } from '@roaauto/shared';
import { deviceName, orderSessions, passwordRules, tokenFromHash } from './account';

describe('the account page logic', () => {
  it('shows every password rule met exactly when the server would take the password', () => {
    const email = 'ion.pop@service.ro';
    for (const pw of ['', 'scurta', 'aaaaaaaaaaaa', 'parola123', 'password123', 'ionpopescu2026', 'Garaj-Constanta-7', 'doar litere mici aici', 'abcdefghijk', 'Ion.Pop-Garaj-1']) {
      const allOk = passwordRules(pw, email).every((r) => r.ok);
      expect({ pw, allOk }).toEqual({ pw, allOk: passwordProblemCode(pw, email) === null });
    }
  });

  it('ticks the rules one by one while typing', () => {
    const ok = (pw: string) => Object.fromEntries(passwordRules(pw, 'ana@x.ro').map((r) => [r.rule, r.ok]));
    expect(ok('')).toEqual({ length: false, mix: false, variety: false, email: false });
    expect(ok('Ab1')).toEqual({ length: false, mix: true, variety: false, email: true });
    expect(ok('Abcdefgh12')).toEqual({ length: true, mix: true, variety: true, email: true });
  });

  it('names devices shortly', () => {
    expect(deviceName('Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36')).toBe('Chrome, Android');
    expect(deviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari, iPhone');
    expect(deviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0')).toBe('Edge, Windows');
    expect(deviceName('Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0')).toBe('Firefox, Linux');
    expect(deviceName(null)).toBeNull();
    expect(deviceName('curl/8.5')).toBe('curl/8.5');
  });

  it('puts this device first, then the others by last use', () => {
    const s = (id: string, lastUsedAt: string, current = false) => ({ id, device: null, createdAt: lastUsedAt, lastUsedAt, current });
    expect(orderSessions([s('a', '2026-01-01'), s('b', '2026-03-01'), s('c', '2026-02-01', true)]).map((x) => x.id)).toEqual(['c', 'b', 'a']);
  });

  it('reads the reset token from the hash only when it looks like one', () => {
    expect(tokenFromHash('#abcDEF_123-abcDEF_123-xyz')).toBe('abcDEF_123-abcDEF_123-xyz');
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#<script>')).toBeNull();
  });
});
