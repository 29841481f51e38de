import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Transaction } from 'kysely';
import { immediateTransactions, type Database } from '../db';
import type { DatabaseSchema, JobsTable } from '../db-schema';
import { jobRuns } from '../../ops/metrics';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging
  interface FastifyInstance {
    /** Background jobs: modules define and schedule theirs on it (set by buildApp). */
    jobs: JobRunner;
  }
}

/**
 * Background jobs on either engine, in one table (`jobs`, migration 0049): queued jobs and scheduled
 * ones (a row per schedule and slot). See docs/jobs.md.
 *
 * - A job is taken under a lease: a random token and a deadline, set by a conditional update (PostgreSQL
 *   selects the row FOR UPDATE SKIP LOCKED; SQLite's transaction begins IMMEDIATE, one writer at a time).
 *   The holder renews the lease while it works; a process that dies stops renewing, and once the deadline
 *   passes another process takes the job (the attempt that died counts).
 * - Completion, retry and dead letter are conditional updates on the token: a process that lost its lease
 *   changes nothing. `finish(fn)` runs a job's effect and its completion in one transaction, so the effect
 *   is committed exactly once even when a process is killed mid-job.
 * - Failures are retried after an exponential backoff with jitter; after `maxAttempts` the job is dead
 *   (the operator console lists it, to retry or discard).
 * - The idempotency key is unique: enqueueing the same key again adds nothing. A schedule's run of a slot
 *   has the key `schedule:<name>:<slot>`, so processes polling together create, and run, one.
 */

export type JobState = JobsTable['state'];
export const jobStates = ['queued', 'running', 'done', 'dead', 'discarded'] as const satisfies readonly JobState[];

export type JobInfo<P = unknown> = { id: string; name: string; key: string; attempts: number; maxAttempts: number; payload: P };

export type JobContext<P = unknown> = {
  job: JobInfo<P>;
  /**
   * Runs `fn` and the job's completion in one transaction, after checking that this process still holds
   * the lease (it throws LeaseLost otherwise, and nothing of `fn` is kept). Inside `fn` use `tx` only:
   * on SQLite another query through `database.db` would wait for this very transaction.
   */
  finish<T>(fn: (tx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T>;
};

export type JobHandler<P = unknown> = (ctx: JobContext<P>) => Promise<void>;

export type JobDefinition<P = unknown> = {
  name: string;
  run: JobHandler<P>;
  /** Attempts before the job is dead (the runner's default otherwise). */
  maxAttempts?: number;
};

export type ScheduleDefinition = {
  name: string;
  /** The time between runs (minutes). */
  everyMinutes: number;
  /** `HH:MM` (the server's time zone): the slots are this time of day and every `everyMinutes` from it. */
  at?: string | undefined;
  run: JobHandler<{ slot: string }>;
  maxAttempts?: number;
};

export type RunnerOptions = {
  /** How often an idle runner looks for due jobs (ms). */
  pollMs?: number;
  /** How long a taken job is leased before another process may take it (ms); renewed while it runs. */
  leaseMs?: number;
  /** The first retry's delay (ms); each next one doubles, up to `backoffMaxMs`; jitter takes up to half off. */
  backoffMs?: number;
  backoffMaxMs?: number;
  maxAttempts?: number;
  /** Finished jobs are deleted after this many days. */
  keepDays?: number;
  /** Names this process in `locked_by`. */
  workerId?: string;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** Tests: the clock and the jitter. */
  now?: () => Date;
  random?: () => number;
};

/** The job's lease was taken by another process (it expired): this process must not complete it. */
export class LeaseLost extends Error {
  constructor(readonly jobId: string) {
    super(`The lease of job ${jobId} was lost`);
    this.name = 'LeaseLost';
  }
}

type Row = JobsTable;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The slot a schedule is in at `now`: the latest `at + k·every` (or multiple of `every` since the epoch) not after it. */
export function currentSlot(now: Date, schedule: Pick<ScheduleDefinition, 'everyMinutes' | 'at'>): Date {
  const interval = schedule.everyMinutes * 60_000;
  if (!schedule.at) return new Date(Math.floor(now.getTime() / interval) * interval);
  const [hours = 0, minutes = 0] = schedule.at.split(':').map(Number);
  const anchor = new Date(now);
  anchor.setHours(hours, minutes, 0, 0);
  const steps = Math.floor((now.getTime() - anchor.getTime()) / interval);
  return new Date(anchor.getTime() + steps * interval);
}

/** A write transaction on either engine: SQLite's begins IMMEDIATE (the write lock from its first read). */
export function writeTransaction<T>(database: Database, fn: (tx: Transaction<DatabaseSchema>) => Promise<T>): Promise<T> {
  if (database.engine === 'sqlite') return immediateTransactions.run(true, () => database.db.transaction().execute(fn));
  return database.db.transaction().execute(fn);
}

export type EnqueueOptions = { key?: string; runAt?: Date; maxAttempts?: number };

export class JobRunner {
  private readonly handlers = new Map<string, JobDefinition<never>>();
  private readonly schedules: ScheduleDefinition[] = [];
  private readonly lastSlot = new Map<string, string>();
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly backoffMs: number;
  private readonly backoffMaxMs: number;
  private readonly maxAttempts: number;
  private readonly keepDays: number;
  readonly workerId: string;
  private readonly log: NonNullable<RunnerOptions['log']>;
  private readonly now: () => Date;
  private readonly random: () => number;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private started = false;
  private stopped = false;
  private kicked = false;
  private lastPrune = 0;

  constructor(private readonly database: Database, options: RunnerOptions = {}) {
    this.pollMs = options.pollMs ?? 5_000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? 30_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 3_600_000;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.keepDays = options.keepDays ?? 14;
    this.workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.log = options.log ?? silent;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  /** Declares a kind of queued job this process runs. */
  define<P>(definition: JobDefinition<P>): void {
    if (this.handlers.has(definition.name)) throw new Error(`job ${definition.name} is defined twice`);
    this.handlers.set(definition.name, definition);
  }

  /** Declares a recurring job: each slot is one row, run once by whichever process takes it. */
  schedule(definition: ScheduleDefinition): void {
    if (!(definition.everyMinutes > 0)) throw new Error(`schedule ${definition.name}: everyMinutes must be positive`);
    if (definition.at !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(definition.at)) throw new Error(`schedule ${definition.name}: at must be HH:MM`);
    this.define({ name: definition.name, run: definition.run, maxAttempts: definition.maxAttempts ?? 3 });
    this.schedules.push(definition);
    if (this.started) this.kick();
  }

  get jobNames(): string[] {
    return [...this.handlers.keys()];
  }

  /**
   * Adds a job unless one with the same key exists (whatever its state). Answers its id and whether this
   * call created it. The key defaults to a new random one (no dedupe).
   */
  async enqueue(name: string, payload: unknown, options: EnqueueOptions = {}): Promise<{ id: string; created: boolean }> {
    const key = options.key ?? `${name}:${randomUUID()}`;
    const id = await this.insert(name, key, payload, options.runAt ?? this.now(), options.maxAttempts ?? this.handlers.get(name)?.maxAttempts ?? this.maxAttempts);
    if (id) {
      if (this.started) this.kick();
      return { id, created: true };
    }
    const existing = await this.database.db.selectFrom('jobs').select('id').where('key', '=', key).executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }

  private async insert(name: string, key: string, payload: unknown, runAt: Date, maxAttempts: number): Promise<string | undefined> {
    const id = randomUUID();
    const at = this.now().toISOString();
    const result = await this.database.db.insertInto('jobs').values({
      id, name, key, payload: JSON.stringify(payload ?? null), state: 'queued', attempts: 0, max_attempts: maxAttempts,
      run_at: runAt.toISOString(), created_at: at, updated_at: at,
    }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1 ? id : undefined;
  }

  /** Creates the row of each schedule's current slot (once per slot and process; the key dedupes across processes). */
  private async enqueueSlots(): Promise<void> {
    const now = this.now();
    for (const s of this.schedules) {
      const slot = currentSlot(now, s).toISOString();
      if (this.lastSlot.get(s.name) === slot) continue;
      await this.insert(s.name, `schedule:${s.name}:${slot}`, { slot }, new Date(slot), s.maxAttempts ?? 3);
      this.lastSlot.set(s.name, slot);
    }
  }

  /** Takes one due job (queued and due, or running with an expired lease) of a kind this process runs. */
  private async claim(): Promise<(Row & { lease_token: string }) | undefined> {
    const names = this.jobNames;
    if (!names.length) return undefined;
    for (;;) {
      const now = this.now();
      const at = now.toISOString();
      const outcome = await writeTransaction(this.database, async (tx) => {
        let query = tx.selectFrom('jobs').selectAll()
          .where('name', 'in', names)
          .where((eb) => eb.or([
            eb.and([eb('state', '=', 'queued'), eb('run_at', '<=', at)]),
            eb.and([eb('state', '=', 'running'), eb('lease_until', '<', at)]),
          ]))
          .orderBy('run_at')
          .limit(1);
        if (this.database.engine === 'postgres') query = query.forUpdate().skipLocked();
        const row = await query.executeTakeFirst();
        if (!row) return 'none' as const;
        const same = tx.updateTable('jobs').where('id', '=', row.id).where('state', '=', row.state)
          .where((eb) => (row.lease_token === null ? eb('lease_token', 'is', null) : eb('lease_token', '=', row.lease_token)));
        if (row.state === 'running' && row.attempts >= row.max_attempts) {
          // Its last attempt's process stopped (or overran its lease without renewing it).
          await same.set({
            state: 'dead', lease_token: null, lease_until: null, updated_at: at, finished_at: at,
            last_error: `The lease expired during attempt ${row.attempts} (its process stopped)`,
          }).execute();
          this.log.warn({ job: row.id, name: row.name }, 'job dead: its last attempt\'s lease expired');
          return 'again' as const;
        }
        const token = randomUUID();
        const taken = await same.set({
          state: 'running', attempts: row.attempts + 1, lease_token: token, locked_by: this.workerId,
          lease_until: new Date(now.getTime() + this.leaseMs).toISOString(), updated_at: at,
        }).executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) return 'again' as const;
        if (row.state === 'running') this.log.warn({ job: row.id, name: row.name, from: row.locked_by }, 'job taken over after its lease expired');
        return { ...row, state: 'running' as const, attempts: row.attempts + 1, lease_token: token };
      });
      if (outcome === 'none') return undefined;
      if (outcome !== 'again') return outcome;
    }
  }

  /** Runs one taken job to its end: done, queued again after a backoff, or dead. */
  private async execute(row: Row & { lease_token: string }): Promise<void> {
    const definition = this.handlers.get(row.name);
    if (!definition) return;
    const token = row.lease_token;
    const progress = { finished: false };
    const renew = setInterval(() => {
      const until = new Date(this.now().getTime() + this.leaseMs).toISOString();
      this.database.db.updateTable('jobs').set({ lease_until: until }).where('id', '=', row.id).where('lease_token', '=', token).executeTakeFirst()
        .then((r) => {
          if (Number(r.numUpdatedRows) !== 1 && !progress.finished) this.log.warn({ job: row.id, name: row.name }, 'job lease lost while it ran');
        })
        .catch((err: unknown) => this.log.error({ err, job: row.id }, 'job lease could not be renewed'));
    }, Math.max(50, Math.floor(this.leaseMs / 3)));
    renew.unref();
    const done = (at: string) => ({ state: 'done' as const, lease_token: null, lease_until: null, updated_at: at, finished_at: at, last_error: null });
    const ctx: JobContext<never> = {
      job: { id: row.id, name: row.name, key: row.key, attempts: row.attempts, maxAttempts: row.max_attempts, payload: JSON.parse(row.payload) as never },
      finish: async (fn) => {
        const result = await writeTransaction(this.database, async (tx) => {
          // First: the lease is still ours. PostgreSQL locks the row until the commit, so no other process takes it meanwhile.
          const r = await tx.updateTable('jobs').set(done(this.now().toISOString())).where('id', '=', row.id).where('lease_token', '=', token).executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw new LeaseLost(row.id);
          return fn(tx);
        });
        progress.finished = true;
        return result;
      },
    };
    try {
      await definition.run(ctx);
      clearInterval(renew);
      if (!progress.finished) {
        const r = await this.database.db.updateTable('jobs').set(done(this.now().toISOString())).where('id', '=', row.id).where('lease_token', '=', token).executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) {
          this.log.warn({ job: row.id, name: row.name }, 'job ran but its lease had been taken by another process');
          jobRuns.inc({ job: row.name, outcome: 'lease_lost' });
          return;
        }
      }
      jobRuns.inc({ job: row.name, outcome: 'done' });
    } catch (err) {
      clearInterval(renew);
      if (err instanceof LeaseLost) {
        this.log.warn({ job: row.id, name: row.name }, 'job not completed: its lease had been taken by another process');
        jobRuns.inc({ job: row.name, outcome: 'lease_lost' });
        return;
      }
      await this.fail(row, token, err);
    }
  }

  /** The delay before retry `attempt + 1`: base·2^(attempt-1), capped, minus up to half of it at random. */
  backoff(attempt: number): number {
    const full = Math.min(this.backoffMaxMs, this.backoffMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(full / 2 + (this.random() * full) / 2);
  }

  private async fail(row: Row, token: string, err: unknown): Promise<void> {
    const now = this.now();
    const at = now.toISOString();
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    const dead = row.attempts >= row.max_attempts;
    const r = await this.database.db.updateTable('jobs')
      .set(dead
        ? { state: 'dead', lease_token: null, lease_until: null, last_error: message, updated_at: at, finished_at: at }
        : { state: 'queued', lease_token: null, lease_until: null, last_error: message, updated_at: at, run_at: new Date(now.getTime() + this.backoff(row.attempts)).toISOString() })
      .where('id', '=', row.id).where('lease_token', '=', token).executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return;
    jobRuns.inc({ job: row.name, outcome: dead ? 'dead' : 'retry' });
    if (dead) this.log.error({ err, job: row.id, name: row.name, attempts: row.attempts }, 'job dead after its last attempt');
    else this.log.warn({ err, job: row.id, name: row.name, attempts: row.attempts }, 'job failed; retried later');
  }

  /**
   * One pass: creates the schedules' due slots, then runs due jobs one after another (at most `max`).
   * Answers how many ran. The poll loop calls it; tests call it directly.
   */
  async runDue(max = 50): Promise<number> {
    if (!this.handlers.size) return 0;
    await this.enqueueSlots();
    let ran = 0;
    while (ran < max && !this.stopped) {
      const row = await this.claim();
      if (!row) break;
      await this.execute(row);
      ran += 1;
    }
    await this.prune();
    return ran;
  }

  /** Hourly at most: finished and discarded jobs older than `keepDays` go. */
  private async prune(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastPrune < 3_600_000) return;
    this.lastPrune = now;
    const before = new Date(now - this.keepDays * 86_400_000).toISOString();
    await this.database.db.deleteFrom('jobs').where('state', 'in', ['done', 'discarded']).where('updated_at', '<', before).execute();
  }

  /** Starts polling (only if this process runs some kind of job). */
  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    if (this.handlers.size) this.plan(Math.min(this.pollMs, 1_000));
  }

  /** Looks for due jobs now (a job was just enqueued). */
  kick(): void {
    if (!this.started || this.stopped) return;
    if (this.ticking) {
      this.kicked = true;
      return;
    }
    this.plan(0);
  }

  private plan(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.ticking = this.runDue()
        .then(() => undefined)
        .catch((err: unknown) => this.log.error({ err }, 'background jobs: a poll failed'))
        .finally(() => {
          this.ticking = undefined;
          if (this.stopped) return;
          const again = this.kicked;
          this.kicked = false;
          this.plan(again ? 0 : Math.min(this.pollMs, this.untilNextSlot()));
        });
    }, delay);
    this.timer.unref();
  }

  /** How long until the soonest schedule's next slot begins (ms). */
  private untilNextSlot(): number {
    const now = this.now();
    let soonest = Infinity;
    for (const s of this.schedules) soonest = Math.min(soonest, currentSlot(now, s).getTime() + s.everyMinutes * 60_000 - now.getTime());
    return Math.max(0, soonest);
  }

  /** Stops polling and waits for the job in progress (its lease would otherwise hold it back from the others). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.ticking;
  }
}

/** The jobs the operator console lists: by state, newest change first (queued: soonest first). */
export async function listJobs(database: Database, state: JobState, limit = 100): Promise<Row[]> {
  let query = database.db.selectFrom('jobs').selectAll().where('state', '=', state).limit(limit);
  query = state === 'queued' ? query.orderBy('run_at', 'asc') : query.orderBy('updated_at', 'desc');
  return query.execute();
}

/** How many jobs are in each state. */
export async function countJobs(database: Database): Promise<Record<JobState, number>> {
  const rows = await database.db.selectFrom('jobs').select((eb) => ['state', eb.fn.countAll<number | string>().as('n')]).groupBy('state').execute();
  const counts = Object.fromEntries(jobStates.map((s) => [s, 0])) as Record<JobState, number>;
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}

/** A dead job queued again with its attempts reset. False when it is not dead (anymore). */
export async function retryJob(database: Database, id: string, now: Date = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const r = await database.db.updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: at, updated_at: at, finished_at: null, lease_token: null, lease_until: null })
    .where('id', '=', id).where('state', '=', 'dead').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A dead job set aside for good (kept, as discarded, until the finished jobs are pruned). */
export async function discardJob(database: Database, id: string, now: Date = new Date()): Promise<boolean> {
  const at = now.toISOString();
  const r = await database.db.updateTable('jobs').set({ state: 'discarded', updated_at: at, finished_at: at })
    .where('id', '=', id).where('state', '=', 'dead').executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
