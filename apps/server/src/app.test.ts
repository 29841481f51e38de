import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from '@roaauto/shared';
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
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'Route GET /api/nope not found' } });
  });

  it('validates bodies from the route schema and says which field is wrong', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/probe/echo', payload: { name: '', count: 1.5 } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { code: string; message: string; issues: { path: string }[] } }>();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['body.count', 'body.name']);

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
    expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'Internal server error' } });
    expect(res.body).not.toContain('secret');
  });

  it('maps domain errors to their HTTP status with their details', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/probe/domain' });
    expect(res.statusCode).toBe(402);
    expect(res.json()).toEqual({ error: { code: 'module_not_entitled', message: 'Not in your plan', module: 'sms' } });
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

describe(`graceful shutdown on ${testEngine()}`, () => {
  it('finishes a request in flight, refuses new ones, then closes the database', async () => {
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

    const inFlight = fetch(`http://127.0.0.1:${port}/api/probe/slow`);
    await inHandler;
    const closing = t.app.close();
    // No new connection is accepted once shutdown has begun.
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
    release();

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closing;
    await expect(t.app.database.ping()).rejects.toThrow();
    await t.close();
  });
});
