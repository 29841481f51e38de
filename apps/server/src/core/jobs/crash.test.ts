import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testEngine, type TestDatabase } from '../../test/test-db';
import { openDatabase, type Database } from '../db';
import { migrateToLatest } from '../migrate';
import { JobRunner } from './runner';

const repoRoot = fileURLToPath(new URL('../../../../..', import.meta.url));
const childEntry = fileURLToPath(new URL('../../test/job-child.ts', import.meta.url));

/** Starts src/test/job-child.ts, waits until it prints `<word> <id>`, kills it with SIGKILL there. */
async function killedMidJob(target: TestDatabase, stopAt: 'before' | 'inside', leaseMs: number): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', childEntry, JSON.stringify(target.config), stopAt, String(leaseMs)], {
    cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
  const jobId = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = new RegExp(`^${stopAt} (\\S+)$`, 'm').exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`the job process exited (${code}) before it got mid-job:\n${out}\n${err}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return jobId;
}

describe(`a process killed mid-job on ${testEngine()}`, () => {
  let target: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    target = await createTestDatabase();
    database = openDatabase(target.config);
    await migrateToLatest(database);
    await sql`create table job_effects (job text not null)`.execute(database.db);
  });
  afterAll(async () => {
    await database.close();
    await target.drop();
  });

  for (const stopAt of ['before', 'inside'] as const) {
    it(`leaves its job to another runner once the lease expires, which does it once (killed ${stopAt} its transaction)`, async () => {
      const leaseMs = 1_500;
      const runner = new JobRunner(database, { leaseMs });
      let runs = 0;
      runner.define({ name: 'count', run: async (ctx) => {
        runs += 1;
        await ctx.finish(async (tx) => { await sql`insert into job_effects (job) values (${ctx.job.id})`.execute(tx); });
      } });
      const { id } = await runner.enqueue('count', {}, { key: `crash-${stopAt}` });
      expect(await killedMidJob(target, stopAt, leaseMs)).toBe(id);
      const job = () => database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const held = await job();
      expect(held).toMatchObject({ state: 'running', attempts: 1 });
      const leaseEnds = new Date(held.lease_until ?? '').getTime();

      // While the dead process's lease holds, nobody takes the job; then this runner does.
      expect(leaseEnds - Date.now()).toBeGreaterThan(300);
      expect(await runner.runDue()).toBe(0);
      let tookAt = 0;
      for (let i = 0; i < 200 && runs === 0; i++) {
        if (await runner.runDue()) tookAt = Date.now();
        else await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(runs).toBe(1);
      expect(tookAt).toBeGreaterThanOrEqual(leaseEnds);
      expect(await job()).toMatchObject({ state: 'done', attempts: 2, lease_token: null });
      const { rows } = await sql<{ job: string }>`select job from job_effects where job = ${id}`.execute(database.db);
      expect(rows).toHaveLength(1);
      // And it stays done.
      expect(await runner.runDue()).toBe(0);
    }, 30_000);
  }

  it('runs each slot of a schedule once with two processes polling it together', async () => {
    await sql`delete from job_effects`.execute(database.db);
    const children = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', childEntry, JSON.stringify(target.config), 'poll', '3000'], {
      cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'],
    }));
    const outputs = children.map(() => ({ out: '', err: '' }));
    const ready = children.map((child, i) => new Promise<void>((resolve, reject) => {
      const o = outputs[i] ?? { out: '', err: '' };
      child.stdout.on('data', (d: Buffer) => {
        o.out += d.toString();
        if (o.out.includes('ready\n')) resolve();
      });
      child.stderr.on('data', (d: Buffer) => (o.err += d.toString()));
      child.once('exit', (code) => reject(new Error(`the polling process exited (${code}) early: ${o.err}`)));
    }));
    await Promise.all(ready);
    const exits = children.map((child) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code))));
    for (const child of children) child.stdin.write('go\n');
    expect(await Promise.all(exits)).toEqual([0, 0]);

    const { rows } = await sql<{ job: string; n: number | string }>`select job, count(*) as n from job_effects group by job`.execute(database.db);
    const slots = await database.db.selectFrom('jobs').select(['key', 'state', 'locked_by']).where('name', '=', 'tick').execute();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    const done = slots.filter((j) => j.state === 'done');
    expect(done.map((j) => j.key.replace('schedule:tick:', '')).sort()).toEqual(rows.map((r) => r.job).sort());
    // Both processes took part.
    expect(new Set(done.map((j) => j.locked_by)).size).toBe(2);
  }, 60_000);
});
