import { sql } from 'kysely';
import type { DatabaseConfig } from '../config';
import { openDatabase } from '../core/db';
import { JobRunner } from '../core/jobs/runner';

/**
 * A process that runs the background jobs of the database given as JSON in argv[2] and is killed mid-job
 * by the test (src/core/jobs/crash.test.ts). Its one kind of job, `count`, adds a row to job_effects and
 * its completion in one transaction. argv[3] says where it stops for good, to be killed:
 * `before` (the job taken, nothing written) or `inside` (the row written, its transaction not committed).
 * It prints `before <id>` or `inside <id>` when it gets there.
 *
 * With argv[3] `poll` it instead runs the schedule `tick` (every 300 ms; each slot adds its row to
 * job_effects in the same transaction as its completion) for argv[4] ms, polling every 10 ms, then exits.
 */
const config = JSON.parse(process.argv[2] ?? '') as DatabaseConfig;
const database = openDatabase(config);
if (process.argv[3] === 'poll') {
  const runner = new JobRunner(database, { pollMs: 10 });
  runner.schedule({
    name: 'tick', everyMinutes: 0.005,
    run: (ctx) => ctx.finish(async (tx) => { await sql`insert into job_effects (job) values (${ctx.job.payload.slot})`.execute(tx); }),
  });
  process.stdout.write('ready\n');
  // Started by the test together with the other process: on the first line of stdin.
  await new Promise((resolve) => process.stdin.once('data', resolve));
  runner.start();
  await new Promise((resolve) => setTimeout(resolve, Number(process.argv[4] ?? 2_000)));
  await runner.stop();
  await database.close();
  process.exit(0);
}
const stopAt = process.argv[3] === 'inside' ? 'inside' : 'before';
const runner = new JobRunner(database, { leaseMs: Number(process.argv[4] ?? 1_000) });
const forever = () => new Promise<never>(() => setInterval(() => undefined, 60_000));
runner.define({
  name: 'count',
  run: async (ctx) => {
    if (stopAt === 'before') {
      process.stdout.write(`before ${ctx.job.id}\n`);
      await forever();
    }
    await ctx.finish(async (tx) => {
      await sql`insert into job_effects (job) values (${ctx.job.id})`.execute(tx);
      process.stdout.write(`inside ${ctx.job.id}\n`);
      await forever();
    });
  },
});
await runner.runDue(1);
