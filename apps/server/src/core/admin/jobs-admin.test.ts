import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../auth/auth.service';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';
import { backupName } from '../../ops/backup/target';

type Job = { id: string; name: string; state: string; attempts: number; lastError: string | null };
const superAdmin = { email: 'consola-fundal@roaauto.test', password: 'Platforma-Sigura-2026' };

describe(`the operator console's background jobs on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;
  let owner: Session;
  const backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-console-backups-'));
  let calls = 0;

  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000, superAdmin }, backupDir, jobs: { pollMs: 60_000 } });
    t.app.jobs.define({ name: 'test.flaky', maxAttempts: 1, run: async () => {
      calls += 1;
      if (calls === 1) throw new Error('the provider answered 503');
    } });
    op = await login(t.app, superAdmin.email, superAdmin.password);
    owner = await registerCompany(t.app);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(backupDir, { recursive: true, force: true });
  });

  /** Runs due jobs until the job is in `state` (the app's own runner may take it first: it polls too). */
  const settle = (id: string, state: string) => expect.poll(async () => {
    await t.app.jobs.runDue();
    return (await t.app.database.db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;
  }).toBe(state);
  const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? bearer(s) : {} });
  const post = (url: string, s?: Session) => t.app.inject({ method: 'POST', url, headers: s ? bearer(s) : {} });

  it('refuses company users (403) and anonymous callers (401)', async () => {
    const { id } = await t.app.jobs.enqueue('test.other', {});
    for (const [method, url] of [['GET', '/api/admin/jobs'], ['GET', '/api/admin/backups'], ['POST', `/api/admin/jobs/${id}/retry`], ['POST', `/api/admin/jobs/${id}/discard`]] as const) {
      expect((await t.app.inject({ method, url, headers: bearer(owner) })).statusCode).toBe(403);
      expect((await t.app.inject({ method, url })).statusCode).toBe(401);
    }
    expect((await get('/api/admin/jobs?state=nonsense', op)).statusCode).toBe(400);
  });

  it('lists a dead job with its error; retrying runs it again, and it is done', async () => {
    const { id } = await t.app.jobs.enqueue('test.flaky', { n: 1 });
    await settle(id, 'dead');
    const dead = (await get('/api/admin/jobs?state=dead', op)).json<{ jobs: Job[]; counts: Record<string, number> }>();
    expect(dead.jobs).toEqual([expect.objectContaining({ id, name: 'test.flaky', state: 'dead', attempts: 1, lastError: 'the provider answered 503' })]);
    expect(dead.counts.dead).toBe(1);

    const retried = await post(`/api/admin/jobs/${id}/retry`, op);
    expect(retried.statusCode).toBe(200);
    expect(retried.json<Job>()).toMatchObject({ state: 'queued', attempts: 0 });
    expect((await post(`/api/admin/jobs/${id}/retry`, op)).statusCode).toBe(409);
    expect((await post(`/api/admin/jobs/${id}/discard`, op)).statusCode).toBe(409);
    await settle(id, 'done');
    const done = (await get('/api/admin/jobs?state=done', op)).json<{ jobs: Job[] }>();
    expect(done.jobs.map((j) => j.id)).toContain(id);
    expect(calls).toBe(2);
    const trail = (await get('/api/admin/audit?scope=platform', op)).json<{ lines: { action: string; target: string | null }[] }>();
    expect(trail.lines).toContainEqual(expect.objectContaining({ action: 'job.retried', target: id }));
    expect((await post('/api/admin/jobs/no-such-job/retry', op)).statusCode).toBe(404);
  });

  it('discards a dead job', async () => {
    calls = 0;
    const { id } = await t.app.jobs.enqueue('test.flaky', {});
    await settle(id, 'dead');
    const res = await post(`/api/admin/jobs/${id}/discard`, op);
    expect(res.statusCode).toBe(200);
    expect(res.json<Job>().state).toBe('discarded');
    const dead = (await get('/api/admin/jobs?state=dead', op)).json<{ jobs: Job[] }>();
    expect(dead.jobs.map((j) => j.id)).not.toContain(id);
  });

  it('lists the backups kept in the backup folder, newest first, from their manifests', async () => {
    const older = backupName(new Date('2026-12-06T03:00:00Z'));
    const newer = backupName(new Date('2026-12-07T03:00:00Z'));
    for (const [name, bytes] of [[older, 100], [newer, 250]] as const) {
      fs.mkdirSync(path.join(backupDir, name), { recursive: true });
      fs.writeFileSync(path.join(backupDir, name, 'manifest.json'), JSON.stringify({ totalBytes: bytes, method: 'backup-api', tables: { a: 1, b: 2 }, files: [] }));
    }
    // Unfinished (no manifest): not listed.
    fs.mkdirSync(path.join(backupDir, backupName(new Date('2026-12-08T03:00:00Z'))));
    const res = (await get('/api/admin/backups', op)).json<{ configured: boolean; backups: { name: string; totalBytes: number | null; tables: number | null }[] }>();
    expect(res.configured).toBe(testEngine() === 'sqlite');
    if (testEngine() === 'sqlite') {
      expect(res.backups).toEqual([
        expect.objectContaining({ name: newer, totalBytes: 250, tables: 2 }),
        expect.objectContaining({ name: older, totalBytes: 100, tables: 2 }),
      ]);
    } else {
      expect(res.backups).toEqual([]);
    }
  });
});
