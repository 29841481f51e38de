import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import type { Session } from '../core/auth/auth.service';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, registerCompany } from '../test/sessions';

/** Reads server-sent events of a real HTTP connection until `want` returns true or the time runs out. */
async function watchPokes(app: FastifyInstance, s: Session, want: (versions: number[]) => boolean, ms = 3000): Promise<{ versions: number[]; elapsedAfterFirst: number }> {
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const controller = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/sync/events`, { headers: bearer(s), signal: controller.signal });
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  const versions: number[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  let first = 0;
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    while (!want(versions)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let idx;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const data = /^data: (.*)$/m.exec(event)?.[1];
        if (/^event: poke$/m.test(event) && data) {
          versions.push((JSON.parse(data) as { version: number }).version);
          if (versions.length === 1) first = Date.now();
        }
      }
    }
  } catch {
    // aborted by the timer
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { versions, elapsedAfterFirst: Date.now() - first };
}

const pushOne = (app: FastifyInstance, s: Session, clientId: string, id: number) =>
  app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId, schemaVersion: 1, mutations: [{ id, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { nr_inmatriculare: `EV ${id} ENT` } }] } });

describe(`sync events on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => t.close());

  it('pokes other devices of the same company within a second of a commit, and no one else', async () => {
    const a = await registerCompany(t.app);
    const b = await registerCompany(t.app);
    const watchA = watchPokes(t.app, a, (v) => v.length >= 2);
    const watchB = watchPokes(t.app, b, (v) => v.length >= 2, 1500);
    await new Promise((r) => setTimeout(r, 200));
    const sent = Date.now();
    expect((await pushOne(t.app, a, randomUUID(), 1)).statusCode).toBe(200);
    const seenA = await watchA;
    expect(seenA.versions).toEqual([0, 1]);
    expect(Date.now() - sent).toBeLessThan(1000);
    expect((await watchB).versions).toEqual([0]);
  });

  it('answers 401 without a token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/sync/events' })).statusCode).toBe(401);
  });
});

describe('sync events across server processes on PostgreSQL', () => {
  it.runIf(testEngine() === 'postgres')('delivers a poke from a commit on one process to a device listening on another', async () => {
    const one = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
    const two = await buildApp({ database: one.database, auth: { rateLimitPerMinute: 10_000 } });
    try {
      await two.listen({ host: '127.0.0.1', port: 0 });
      const s = await registerCompany(one.app);
      const watch = watchPokes(two, s, (v) => v.length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      expect((await pushOne(one.app, s, randomUUID(), 1)).statusCode).toBe(200);
      expect((await watch).versions).toEqual([0, 1]);
    } finally {
      await two.close();
      await one.close();
    }
  });
});
