import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '@roaauto/shared';
import type { BackupManifest } from '../../ops/backup/backup';
import { backupDate, folderTarget, type BackupTarget } from '../../ops/backup/target';
import { audit } from '../audit';
import type { Database } from '../db';
import { countJobs, discardJob, jobStates, listJobs, retryJob } from '../jobs/runner';

const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  key: z.string(),
  state: z.enum(jobStates),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  leaseUntil: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const countsSchema = z.object(Object.fromEntries(jobStates.map((s) => [s, z.number().int()])) as Record<(typeof jobStates)[number], z.ZodNumber>);

const backupSchema = z.object({
  name: z.string(),
  takenAt: z.string(),
  /** From the backup's manifest; null when it cannot be read (the backup is then not usable). */
  totalBytes: z.number().nullable(),
  method: z.string().nullable(),
  tables: z.number().int().nullable(),
  files: z.number().int().nullable(),
});

export type JobAdminRoutesOptions = {
  backupDir?: string | undefined;
  /** Where the backups are kept (a folder or an S3 bucket); absent: the folder `backupDir`. */
  backupTarget?: BackupTarget | undefined;
};

/**
 * The operator console's background jobs (src/core/jobs): the list by state, retrying or discarding a dead
 * job (written to the platform's audit trail), and the last backups with the backup jobs' state.
 * Registered inside the admin routes, behind their super-admin guard.
 */
export const jobAdminRoutes: FastifyPluginAsyncZod<JobAdminRoutesOptions> = async (app, { backupDir, backupTarget }) => {
  const database: Database = app.database;
  const tags = ['admin'];
  const operatorId = (request: FastifyRequest) => (request.auth?.kind === 'platform_admin' ? request.auth.adminId : null);
  const toJob = (r: Awaited<ReturnType<typeof listJobs>>[number]) => ({
    id: r.id, name: r.name, key: r.key, state: r.state, attempts: r.attempts, maxAttempts: r.max_attempts, runAt: r.run_at,
    leaseUntil: r.lease_until, lockedBy: r.locked_by, lastError: r.last_error, createdAt: r.created_at, updatedAt: r.updated_at, finishedAt: r.finished_at,
  });

  app.get('/api/admin/jobs', {
    schema: {
      tags, summary: 'Background jobs in one state (queued: soonest first; the others: latest change first), and how many are in each state',
      querystring: z.object({ state: z.enum(jobStates).default('dead'), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ jobs: z.array(jobSchema), counts: countsSchema }) },
    },
  }, async (request) => {
    const [rows, counts] = await Promise.all([listJobs(database, request.query.state, request.query.limit), countJobs(database)]);
    return { jobs: rows.map(toJob), counts };
  });

  const idParams = z.object({ id: z.string().min(1).max(64) });
  const act = (action: 'retry' | 'discard') => async (request: FastifyRequest<{ Params: z.infer<typeof idParams> }>) => {
    const { id } = request.params;
    const changed = action === 'retry' ? await retryJob(database, id) : await discardJob(database, id);
    const row = await database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new DomainError('not_found', 'No such job');
    if (!changed) throw new DomainError('conflict', `Only a dead job can be ${action === 'retry' ? 'retried' : 'discarded'} (this one is ${row.state})`);
    await audit(database.db, {
      tenantId: null, actorKind: 'platform_admin', actorId: operatorId(request), action: `job.${action === 'retry' ? 'retried' : 'discarded'}`,
      target: id, details: { name: row.name, key: row.key, lastError: row.last_error }, ip: request.ip,
    });
    return toJob(row);
  };
  app.post('/api/admin/jobs/:id/retry', {
    schema: { tags, summary: 'Queue a dead job again, its attempts counted from zero', params: idParams, response: { 200: jobSchema } },
  }, act('retry'));
  app.post('/api/admin/jobs/:id/discard', {
    schema: { tags, summary: 'Set a dead job aside for good', params: idParams, response: { 200: jobSchema } },
  }, act('discard'));

  app.get('/api/admin/backups', {
    schema: {
      tags, summary: 'The backups kept in BACKUP_DIR or the S3 bucket (newest first, from their manifests) and the latest backup jobs',
      response: { 200: z.object({ configured: z.boolean(), engine: z.enum(['sqlite', 'postgres']), backups: z.array(backupSchema), jobs: z.array(jobSchema) }) },
    },
  }, async () => {
    const jobs = await database.db.selectFrom('jobs').selectAll().where('name', '=', 'ops.backup').orderBy('run_at', 'desc').limit(10).execute();
    const target = backupTarget ?? (backupDir ? folderTarget(backupDir) : undefined);
    const configured = Boolean(target) && database.engine === 'sqlite';
    const backups: z.infer<typeof backupSchema>[] = [];
    if (configured && target) {
      const names = (await target.list()).sort().reverse().slice(0, 30);
      for (const name of names) {
        const manifest = await target.readManifest(name)
          .then((text) => (text === null ? null : JSON.parse(text) as Partial<BackupManifest>), () => null);
        backups.push({
          name, takenAt: (backupDate(name) ?? new Date(0)).toISOString(), totalBytes: typeof manifest?.totalBytes === 'number' ? manifest.totalBytes : null,
          method: typeof manifest?.method === 'string' ? manifest.method : null,
          tables: manifest?.tables && typeof manifest.tables === 'object' ? Object.keys(manifest.tables).length : null,
          files: Array.isArray(manifest?.files) ? manifest.files.length : null,
        });
      }
    }
    return { configured, engine: database.engine, backups, jobs: jobs.map(toJob) };
  });
};
