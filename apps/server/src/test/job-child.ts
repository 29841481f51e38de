import { sql } from 'kysely';
import type { DatabaseConfig } from '../config';
import { openDatabase } from '../core/db';
import { JobRunner } from '../core/jobs/runner';

/**
 * A process that runs the background jobs of the database given as JSON in argv[2] and is killed mid-job
 * by the test (src/core/jobs/crash.test.ts). Its one kind of job, `count`, adds a row to job_effects and
 * its completion in one transaction. argv[3] says where it stops for good, to be killed:
 * `before` (the job taken, nothing written) or `inside` (the row written, its transaction not committed).
 * It prints `taken <id>` or `inside <id>` when it gets there.
 */
const config = JSON.parse(process.argv[2] ?? '') as DatabaseConfig;
const stopAt = process.argv[3] === 'inside' ? 'inside' : 'before';
const database = openDatabase(config);
const runner = new JobRunner(database, { leaseMs: Number(process.argv[4] ?? 1_000) });
const forever = () => new Promise<never>(() => setInterval(() => undefined, 60_000));
runner.define({
  name: 'count',
  run: async (ctx) => {
    if (stopAt === 'before') {
      process.stdout.write(`taken ${ctx.job.id}\n`);
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
