import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from '@roaauto/shared';
import { bearer, registerCompany } from './test/sessions';
import { createTestApp, type TestApp } from './test/test-app';
import { testEngine } from './test/test-db';
import { serverVersion } from './version';

function addProbeRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/probe/echo',
    { schema: { body: z.object({ name: z.string().min(1), count: z.number().int() }) } },
    async (req) => ({ hello: req.body.name }),
  );
  r.get('/api/probe/boom', async () => {
    throw new Error('secret internal detail at /srv/x.ts:12');
  });
  r.get('/api/probe/domain', async () => {
    throw new DomainError('module_not_entitled', 'Not in your plan', { module: 'sms' });
  });
}

describe(`server core on ${testEngine()}`, () => {
  let t: TestApp;
  let staticDir: string;

  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await createTestApp({ staticDir });
    addProbeRoutes(t.app);
  });

  afterAll(async () => {
    await t.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  it('reports health with the engine under test and the version', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: testEngine(), version: serverVersion });
  });

  it('has run the migrations into the database', async () => {
    await t.app.database.db.insertInto('app_meta').values({ key: 'probe', value: 'ș' }).execute();
    const row = await t.app.database.db
      .selectFrom('app_meta')
      .selectAll()
      .where('key', '=', 'probe')
      .executeTakeFirstOrThrow();
    expect(row.value).toBe('ș');
  });

  it('answers unknown API routes with a JSON 404, even to a browser', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope?x=1', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Route GET /api/nope not found', requestId: res.headers['x-request-id'] } });
  });

  it('validates bodies from the route schema and says which field is wrong', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/probe/echo', payload: { name: '', count: 1.5 } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; message: string; issues: { path: string; problem: string }[] } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['body.count', 'body.name']);
    // What is wrong, from a closed list the app says in the person's language (the English stays in message).
    expect(body.error.issues.map(({ path, problem }) => ({ path, problem }))).toEqual(
      expect.arrayContaining([{ path: 'body.name', problem: 'required' }, { path: 'body.count', problem: 'not_whole' }]),
    );

    const ok = await t.app.inject({ method: 'POST', url: '/api/probe/echo', payload: { name: 'Ștefan', count: 2 } });
    expect(ok.json()).toEqual({ hello: 'Ștefan' });
  });

  it('answers malformed JSON, oversized and wrongly typed bodies with JSON errors', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'invalid_json' } });

    const big = await t.app.inject({
      method: 'POST',
      url: '/api/probe/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), count: 1 }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ error: { code: 'payload_too_large' } });

    const xml = await t.app.inject({
      method: 'POST',
      url: '/api/probe/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });

  it('never leaks internals of an unexpected error', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/probe/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error', requestId: res.headers['x-request-id'] } });
    expect(res.body).not.toContain('secret');
  });

  it('maps domain errors to their HTTP status with their details', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/probe/domain' });
    expect(res.statusCode).toBe(402);
    expect(res.json()).toEqual({ error: { code: 'module_not_entitled', message: 'Not in your plan', module: 'sms', requestId: res.headers['x-request-id'] } });
  });

  it('serves OpenAPI made from the route schemas', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const doc = json.json<{ openapi: string; paths: Record<string, { get?: { responses: object } }> }>();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/health']?.get?.responses).toHaveProperty('200');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('serves the PWA shell for client-side routes and caches hashed assets for a year', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/orders/42', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>shell</title>');
    expect(page.headers['cache-control']).toBe('no-cache');

    const asset = await t.app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');

    const missingAsset = await t.app.inject({ method: 'GET', url: '/assets/missing.js' });
    expect(missingAsset.statusCode).toBe(404);
    expect(missingAsset.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

/** Body of `bytes` characters: one array nested half as deep, produced only as fast as the server reads it. */
function nestedArrayStream(bytes: number): { stream: Readable; produced: () => number } {
  const chunk = 64 * 1024;
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= bytes) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk, bytes - produced);
      this.push((produced < bytes / 2 ? '[' : ']').repeat(n));
      produced += n;
    },
  });
  return { stream, produced: () => produced };
}

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe(`request bodies on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    addProbeRoutes(t.app);
  });
  afterAll(async () => t.close());

  it('refuses an unauthenticated 8 MB nested body with 401 without reading it', async () => {
    const bytes = 8 * 1024 * 1024;
    const body = nestedArrayStream(bytes);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { 'content-type': 'application/json', 'content-length': String(bytes) },
      payload: body.stream,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { code: 'unauthorized' } });
    expect(body.produced()).toBeLessThan(bytes);
    body.stream.destroy();
  });

  it('authenticates every route that needs a token before it parses the body', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    const routes: [method: 'POST' | 'PATCH', url: string][] = [
      ['POST', '/api/sync/push'],
      ['POST', '/api/auth/password'],
      ['POST', '/api/auth/sessions/sign-out-everywhere'],
      ['POST', '/api/users/u1/password-reset'],
      ['POST', '/api/users/invitations'],
      ['POST', '/api/users/invitations/i1/link'],
      ['PATCH', '/api/users/u1'],
      ['PATCH', '/api/admin/tenants/t1/entitlements'],
      ['POST', '/api/admin/tenants'],
      ['POST', '/api/admin/tenants/t1/suspend'],
      ['POST', '/api/accounting/series'],
      ['POST', `/api/accounting/series/${uuid}/claim`],
      ['POST', '/api/billing/checkout'],
      ['POST', '/api/billing/transfer-request'],
      ['POST', '/api/admin/tenants/t1/payments'],
      ['POST', `/api/orders/${uuid}/email`],
      ['POST', `/api/invoices/${uuid}/email`],
    ];
    for (const [method, url] of routes) {
      const res = await t.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: '{"broken":' });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 401 });
    }
    // A signed-in user without the permission is refused before the body is read, too.
    const owner = await registerCompany(t.app);
    const admin = await t.app.inject({
      method: 'PATCH', url: '/api/admin/tenants/t1/entitlements',
      headers: { ...bearer(owner), 'content-type': 'application/json' }, payload: '{"broken":',
    });
    expect(admin.statusCode).toBe(403);
  });

  it('refuses JSON nested deeper than any request needs, also when it is compressed', async () => {
    const bomb = `{"name":"x","count":1,"extra":${nested(20_000)}}`;
    const plain = await t.app.inject({ method: 'POST', url: '/api/probe/echo', headers: { 'content-type': 'application/json' }, payload: bomb });
    expect(plain.statusCode).toBe(400);
    expect(plain.json()).toMatchObject({ error: { code: 'validation_failed', message: expect.stringMatching(/nest/i) as string } });

    const gzipped = await t.app.inject({
      method: 'POST', url: '/api/probe/echo',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: gzipSync(bomb),
    });
    expect(gzipped.statusCode).toBe(400);
    expect(gzipped.json()).toMatchObject({ error: { code: 'validation_failed' } });

    // Ordinary nesting, and brackets inside strings, are fine.
    const ok = await t.app.inject({
      method: 'POST', url: '/api/probe/echo',
      payload: { name: '[['.repeat(5000), count: 1, extra: JSON.parse(nested(10)) as unknown },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('keeps sign-in, registration and invitation bodies small', async () => {
    const big = { email: 'a@service.ro', password: 'x'.repeat(32 * 1024), token: 't', company: { name: 'X' } };
    for (const url of ['/api/auth/login', '/api/auth/register', '/api/auth/accept-invitation', '/api/auth/invitation', '/api/auth/refresh']) {
      const res = await t.app.inject({ method: 'POST', url, payload: big });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 413 });
      expect(res.json()).toMatchObject({ error: { code: 'payload_too_large' } });
    }
  });

  it('still refuses prototype keys in JSON bodies', async () => {
    for (const payload of ['{"name":"x","count":1,"__proto__":{"admin":true}}', '{"name":"x","count":1,"constructor":{"prototype":{"admin":true}}}']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/probe/echo', headers: { 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
    }
  });
});

type Directives = Map<string, string[]>;

/** The CSP hashes of the inline scripts of the web app's index.html: the only inline code the policy may allow. */
function inlineScriptHashes(): string[] {
  const html = fs.readFileSync(fileURLToPath(new URL('../../web/index.html', import.meta.url)), 'utf8');
  return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(
    ([, code]) => `'sha256-${createHash('sha256').update(code ?? '').digest('base64')}'`,
  );
}

function cspOf(header: string | string[] | number | undefined): Directives {
  expect(typeof header).toBe('string');
  return new Map(
    String(header).split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
      const [name = '', ...values] = d.split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

describe(`security headers on ${testEngine()}`, () => {
  let t: TestApp;
  let staticDir: string;
  beforeAll(async () => {
    staticDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-static-'));
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>shell</title>');
    fs.mkdirSync(path.join(staticDir, 'assets'));
    fs.writeFileSync(path.join(staticDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    t = await createTestApp({ staticDir, trustProxy: ['127.0.0.1'] });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(staticDir, { recursive: true, force: true });
  });

  const pages = [
    ['the app shell', '/orders/42', { accept: 'text/html' }],
    ['a built asset', '/assets/app-abc123.js', {}],
    ['an API answer', '/api/health', {}],
    ['an API error', '/api/nope', {}],
    ['the API docs page', '/api/docs/', {}],
  ] as const;

  it.each(pages)('sends a strict policy with %s', async (_name, url, headers) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode).toBeLessThan(500);
    const csp = cspOf(res.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", ...inlineScriptHashes()]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('worker-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // An order's photos are shown from object URLs; nothing else is loaded from outside the origin.
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('report-uri')).toEqual(['/api/csp-report']);
    expect(String(res.headers['content-security-policy'])).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https:/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['permissions-policy']).toMatch(/(^|, )camera=\(self\)/);
    expect(res.headers['permissions-policy']).toMatch(/(^|, )geolocation=\(\)/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('takes violation reports from browsers', async () => {
    const report = { 'csp-report': { 'document-uri': 'http://localhost/clients', 'effective-directive': 'script-src', 'blocked-uri': 'eval' } };
    const res = await t.app.inject({
      method: 'POST', url: '/api/csp-report', headers: { 'content-type': 'application/csp-report' }, payload: JSON.stringify(report),
    });
    expect(res.statusCode).toBe(204);
    const bomb = await t.app.inject({
      method: 'POST', url: '/api/csp-report', headers: { 'content-type': 'application/csp-report' }, payload: `{"csp-report":${nested(5000)}}`,
    });
    expect(bomb.statusCode).toBe(400);
  });

  it('asks for HTTPS only on answers that came over HTTPS', async () => {
    const secure = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(secure.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();

    // Without a trusted proxy the header is the client's word, not a fact.
    const direct = await createTestApp();
    try {
      const spoofed = await direct.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(spoofed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await direct.close();
    }
  });
});

/** One request on a connection of its own; resolves with the status, headers and body. */
function rawGet(port: number, url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: url, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

describe(`graceful shutdown on ${testEngine()}`, () => {
  it('finishes a request in flight, answers new ones 503 with Retry-After, then closes the database', async () => {
    const t = await createTestApp();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    t.app.get('/api/probe/slow', async () => {
      entered();
      await gate;
      return { done: true };
    });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.server.address() as { port: number };

    const inFlight = rawGet(port, '/api/probe/slow');
    await inHandler;
    const closing = t.app.close();
    // While a request is still being answered, newcomers are told to come back instead of being cut off.
    const late = await rawGet(port, '/api/health');
    expect(late.status).toBe(503);
    expect(late.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(late.body)).toMatchObject({ error: { code: 'service_unavailable' } });
    release();

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(res.body)).toEqual({ done: true });
    await closing;
    // Once drained, the listener is gone.
    await expect(rawGet(port, '/api/health')).rejects.toThrow();
    await expect(t.app.database.ping()).rejects.toThrow();
    await t.close();
  });
});
