import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey } from 'jose';
import { accessTokenTtlSeconds, TokenService } from './tokens';

async function service(): Promise<TokenService> {
  const pair = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  return new TokenService({
    privateKey: pair.privateKey, publicKey: (await importJWK({ ...publicJwk, alg: 'EdDSA' }, 'EdDSA')) as CryptoKey, publicJwk, kid: 'test',
  });
}

describe('access tokens', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts a token again from memory until it expires, then refuses it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-23T10:00:00Z'));
    const tokens = await service();
    const token = await tokens.signAccess({ kind: 'user', sub: 'u1', tid: 't1', role: 'owner', tv: 3, sid: 'f1' });
    const claims = { kind: 'user', sub: 'u1', tid: 't1', role: 'owner', tv: 3, sid: 'f1' };
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    expect(await tokens.verifyAccess(token)).toEqual(claims);
    vi.setSystemTime(new Date(Date.parse('2026-11-23T10:00:00Z') + (accessTokenTtlSeconds + 1) * 1000));
    expect(await tokens.verifyAccess(token)).toBeNull();
  });

  it('never remembers a token whose signature or audience is wrong', async () => {
    const tokens = await service();
    const other = await service();
    const foreign = await other.signAccess({ kind: 'user', sub: 'u1', tid: 't1', role: 'owner', tv: 1, sid: 'f1' });
    expect(await tokens.verifyAccess(foreign)).toBeNull();
    expect(await tokens.verifyAccess(foreign)).toBeNull();
    const mine = await tokens.signAccess({ kind: 'user', sub: 'u1', tid: 't1', role: 'owner', tv: 1, sid: 'f1' });
    const [h, p] = mine.split('.');
    expect(await tokens.verifyAccess(`${h}.${p}.AAAA`)).toBeNull();
  });
});
