import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-db';
import { openDatabase, type Database } from '../db';
import { migrateToLatest } from '../migrate';
import { currentSlot, discardJob, JobRunner, listJobs, retryJob, type RunnerOptions } from './runner';

/** A clock the test moves by hand. */
function clock(start = '2026-03-02T10:00:00.000Z') {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

function deferred() {
  let release: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe(`background jobs on ${testEngine()}`, () => {
  let target: TestDatabase;
  // Two connections (pools) to the same database: two processes, as far as the database can tell.
  let a: Database;
  let b: Database;

  beforeAll(async () => {
    target = await createTestDatabase();
    a = openDatabase(target.config);
    await migrateToLatest(a);
    b = openDatabase(target.config);
    await sql`create table job_effects (job text not null)`.execute(a.db);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await target.drop();
  });
  beforeEach(async () => {
    await a.db.deleteFrom('jobs').execute();
    await sql`delete from job_effects`.execute(a.db);
  });

  const effects = async (job?: string) => {
    const { rows } = await sql<{ n: number }>`select count(*) as n from job_effects ${job ? sql`where job = ${job}` : sql``}`.execute(a.db);
    return Number(rows[0]?.n);
  };
  const row = (id: string) => a.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const runner = (database: Database, c: ReturnType<typeof clock>, options: RunnerOptions = {}) =>
    new JobRunner(database, { now: c.now, random: () => 1, backoffMs: 1_000, leaseMs: 30_000, ...options });

  it('dedupes by idempotency key', async () => {
    const c = clock();
    const ra = runner(a, c);
    const rb = runner(b, c);
    const first = await ra.enqueue('mail.send', { to: 'x' }, { key: 'invoice-7-mail' });
    const again = await rb.enqueue('mail.send', { to: 'x' }, { key: 'invoice-7-mail' });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(await a.db.selectFrom('jobs').select('id').execute()).toHaveLength(1);
  });

  it('lets another runner take a job whose lease expired, and only one of them completes it', async () => {
    const c = clock();
    const gate = deferred();
    const started = deferred();
    const ra = runner(a, c);
    const rb = runner(b, c);
    let aOutcome = '';
    ra.define({
      name: 'count', run: async (ctx) => {
        started.release();
        await gate.promise;
        await ctx.finish(async (tx) => sql`insert into job_effects (job) values (${ctx.job.id})`.execute(tx)).then(() => (aOutcome = 'finished'), (e: unknown) => {
          aOutcome = e instanceof Error ? e.name : String(e);
          throw e;
        });
      },
    });
    rb.define({ name: 'count', run: (ctx) => ctx.finish(async (tx) => { await sql`insert into job_effects (job) values (${ctx.job.id})`.execute(tx); }) });
    const { id } = await ra.enqueue('count', {});
    const aRun = ra.runDue();
    await started.promise;
    expect((await row(id)).state).toBe('running');
    // B finds nothing while A's lease holds.
    expect(await rb.runDue()).toBe(0);
    c.advance(30_001);
    expect(await rb.runDue()).toBe(1);
    const done = await row(id);
    expect(done).toMatchObject({ state: 'done', attempts: 2, lease_token: null });
    gate.release();
    await aRun;
    expect(aOutcome).toBe('LeaseLost');
    expect(await effects(id)).toBe(1);
    expect((await row(id)).state).toBe('done');
  });

  it('retries a failed job after an exponential backoff, then it is dead after its last attempt', async () => {
    const c = clock();
    const ra = runner(a, c);
    let calls = 0;
    ra.define({ name: 'flaky', maxAttempts: 3, run: async () => {
      calls += 1;
      throw new Error(`failure ${calls}`);
    } });
    const { id } = await ra.enqueue('flaky', { n: 1 });
    expect(await ra.runDue()).toBe(1);
    let r = await row(id);
    expect(r).toMatchObject({ state: 'queued', attempts: 1, last_error: 'failure 1' });
    expect(new Date(r.run_at).getTime() - c.now().getTime()).toBe(1_000);
    expect(await ra.runDue()).toBe(0);
    c.advance(1_000);
    expect(await ra.runDue()).toBe(1);
    r = await row(id);
    expect(r).toMatchObject({ state: 'queued', attempts: 2, last_error: 'failure 2' });
    expect(new Date(r.run_at).getTime() - c.now().getTime()).toBe(2_000);
    c.advance(2_000);
    expect(await ra.runDue()).toBe(1);
    r = await row(id);
    expect(r).toMatchObject({ state: 'dead', attempts: 3, last_error: 'failure 3' });
    c.advance(3_600_000);
    expect(await ra.runDue()).toBe(0);
    expect(calls).toBe(3);
    expect((await listJobs(a, 'dead')).map((j) => j.id)).toEqual([id]);
  });

  it('jitters the backoff by up to half, and caps it', () => {
    const low = new JobRunner(a, { backoffMs: 1_000, backoffMaxMs: 5_000, random: () => 0 });
    const high = new JobRunner(a, { backoffMs: 1_000, backoffMaxMs: 5_000, random: () => 1 });
    expect([1, 2, 3, 4, 10].map((n) => low.backoff(n))).toEqual([500, 1_000, 2_000, 2_500, 2_500]);
    expect([1, 2, 3, 4, 10].map((n) => high.backoff(n))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('puts a job whose last attempt\'s process stopped into the dead letters, and the operator can retry or discard it', async () => {
    const c = clock();
    const ra = runner(a, c);
    let ok = false;
    ra.define({ name: 'once', maxAttempts: 1, run: async () => {
      if (!ok) throw new Error('provider down');
    } });
    const first = await ra.enqueue('once', {});
    const second = await ra.enqueue('once', {});
    await ra.runDue();
    expect((await row(first.id)).state).toBe('dead');
    expect((await row(second.id)).state).toBe('dead');
    ok = true;
    expect(await retryJob(a, first.id, c.now())).toBe(true);
    expect(await retryJob(a, first.id, c.now())).toBe(false);
    expect(await discardJob(a, second.id, c.now())).toBe(true);
    expect(await ra.runDue()).toBe(1);
    expect(await row(first.id)).toMatchObject({ state: 'done', attempts: 1 });
    expect((await row(second.id)).state).toBe('discarded');
    expect(await retryJob(a, second.id)).toBe(false);

    // A running job on its last attempt whose lease expired: dead, not run again.
    const stuck = await ra.enqueue('once', {}, { key: 'stuck' });
    await a.db.updateTable('jobs').set({ state: 'running', attempts: 1, lease_token: 'gone', lease_until: c.now().toISOString() }).where('id', '=', stuck.id).execute();
    c.advance(1);
    expect(await ra.runDue()).toBe(0);
    expect((await row(stuck.id)).state).toBe('dead');
  });

  // Two connections in one process cannot write concurrently on SQLite (the busy wait blocks the thread
  // the other connection's transaction needs); crash.test.ts runs two processes on both engines.
  it('runs a scheduled slot once with two runners polling together (in turn on SQLite)', async () => {
    const c = clock('2026-03-02T10:00:30.000Z');
    const runs: string[] = [];
    const runners = [runner(a, c), runner(b, c)];
    for (const r of runners) r.schedule({ name: 'purge', everyMinutes: 60, run: async (ctx) => void runs.push(ctx.job.payload.slot) });
    const poll = async () => {
      if (testEngine() === 'postgres') await Promise.all(runners.map((r) => r.runDue()));
      else for (const r of runners) await r.runDue();
    };
    for (let i = 0; i < 5; i++) await poll();
    c.advance(3_600_000);
    for (let i = 0; i < 5; i++) await poll();
    expect(runs).toEqual(['2026-03-02T10:00:00.000Z', '2026-03-02T11:00:00.000Z']);
    expect(await a.db.selectFrom('jobs').select(['key', 'state']).orderBy('key').execute()).toEqual([
      { key: 'schedule:purge:2026-03-02T10:00:00.000Z', state: 'done' },
      { key: 'schedule:purge:2026-03-02T11:00:00.000Z', state: 'done' },
    ]);
  });

  it('places slots on the time of day when one is given', () => {
    const now = new Date(2026, 2, 2, 14, 10);
    expect(currentSlot(now, { everyMinutes: 1440, at: '03:00' })).toEqual(new Date(2026, 2, 2, 3, 0));
    expect(currentSlot(new Date(2026, 2, 2, 2, 59), { everyMinutes: 1440, at: '03:00' })).toEqual(new Date(2026, 2, 1, 3, 0));
    expect(currentSlot(now, { everyMinutes: 360, at: '03:30' })).toEqual(new Date(2026, 2, 2, 9, 30));
    expect(currentSlot(new Date('2026-03-02T10:59:59.999Z'), { everyMinutes: 60 })).toEqual(new Date('2026-03-02T10:00:00.000Z'));
  });

  it('polls on its own once started, and stops', async () => {
    const ra = new JobRunner(a, { pollMs: 20 });
    const ran = deferred();
    ra.define({ name: 'poke', run: async () => ran.release() });
    ra.start();
    await ra.enqueue('poke', {});
    await ran.promise;
    await ra.stop();
    await expect.poll(async () => (await listJobs(a, 'done')).length).toBe(1);
  });
});
