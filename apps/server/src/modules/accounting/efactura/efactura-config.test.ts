import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config';
import { anafErrors, elementAttributes } from './anaf-api';
import { Sealer } from './sealed';

const key = randomBytes(32).toString('base64');
const anaf = { ANAF_CLIENT_ID: 'app', ANAF_CLIENT_SECRET: 'secret', ANAF_REDIRECT_URI: 'https://app.roaauto.ro/api/accounting/efactura/callback' };

describe('e-Factura settings and sealed tokens', () => {
  it('is off without ANAF_CLIENT_ID, on ANAF\'s test environment by default', () => {
    const c = loadConfig({});
    expect(c.efactura.clientId).toBeUndefined();
    expect(c.efactura.apiUrl).toBe('https://api.anaf.ro/test/FCTEL/rest');
    expect(c.efactura.oauthUrl).toBe('https://logincert.anaf.ro/anaf-oauth2/v1');
    expect(c.efactura).toMatchObject({ workerMs: 30_000, pollMs: 60_000 });
    expect(loadConfig({ ANAF_WORKER_MS: '500', ANAF_POLL_MS: '1000' }).efactura).toMatchObject({ workerMs: 500, pollMs: 1000 });
    expect(() => loadConfig({ ANAF_WORKER_MS: '0' })).toThrow();
  });

  it('refuses to start the feature without a 32-byte ANAF_TOKEN_KEY, saying how to make one', () => {
    expect(() => loadConfig(anaf)).toThrow(/ANAF_TOKEN_KEY is missing.*openssl rand -base64 32/);
    expect(() => loadConfig({ ...anaf, ANAF_TOKEN_KEY: randomBytes(16).toString('base64') })).toThrow(/32 bytes/);
    expect(() => loadConfig({ ANAF_CLIENT_ID: 'app', ANAF_TOKEN_KEY: key })).toThrow(/ANAF_CLIENT_SECRET and ANAF_REDIRECT_URI/);
    const c = loadConfig({ ...anaf, ANAF_TOKEN_KEY: key, ANAF_API_URL: 'https://api.anaf.ro/prod/FCTEL/rest/' });
    expect(c.efactura).toMatchObject({ clientId: 'app', tokenKey: key, apiUrl: 'https://api.anaf.ro/prod/FCTEL/rest' });
  });

  it('seals with AES-256-GCM: a fresh nonce each time, bound to its context, altered text refused', () => {
    const s = new Sealer(key);
    const a = s.seal('at-secret-token', 'efactura:access:t1');
    expect(a).not.toContain('at-secret-token');
    expect(s.seal('at-secret-token', 'efactura:access:t1')).not.toBe(a);
    expect(s.open(a, 'efactura:access:t1')).toBe('at-secret-token');
    expect(s.open(a, 'efactura:access:t2')).toBeNull();
    expect(s.open(a, 'efactura:refresh:t1')).toBeNull();
    const [v, n, tag, body = ''] = a.split('.');
    expect(s.open([v, n, tag, `${body.slice(0, -2)}AA`].join('.'), 'efactura:access:t1')).toBeNull();
    expect(new Sealer(randomBytes(32).toString('base64')).open(a, 'efactura:access:t1')).toBeNull();
  });

  it('reads ANAF\'s XML answers as documented', () => {
    expect(elementAttributes('<header xmlns="mfp:anaf:dgti:spv:respUploadFisier:v1" dateResponse="202108051140" ExecutionStatus="0" index_incarcare="3828"/>', 'header'))
      .toEqual([{ xmlns: 'mfp:anaf:dgti:spv:respUploadFisier:v1', dateResponse: '202108051140', ExecutionStatus: '0', index_incarcare: '3828' }]);
    expect(anafErrors('<header ExecutionStatus="1"><Errors errorMessage="Fisierul transmis nu este valid. org.xml.sax.SAXParseException; &quot;x&quot; &amp; y"/></header>'))
      .toEqual(['Fisierul transmis nu este valid. org.xml.sax.SAXParseException; "x" & y']);
  });
});
