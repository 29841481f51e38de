import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import Fastify, {
  type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions, type preParsingAsyncHookHandler,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import rateLimit from '@fastify/rate-limit';
import { DomainError } from '@roaauto/shared';
import {
  defaultEfacturaConfig, defaultLogisticsConfig, defaultSmsConfig, type AuthConfig, type DatabaseConfig, type EfacturaConfig, type LogisticsConfig,
  type SmsConfig,
} from './config';
import { adminRoutes } from './core/admin/admin.routes';
import { authRoutes } from './core/auth/auth.routes';
import { AuthService } from './core/auth/auth.service';
import { createGuards, type Guards } from './core/auth/guards';
import { loadSigningKeys } from './core/auth/keys';
import { ensureSuperAdmin } from './core/auth/super-admin';
import { TokenService } from './core/auth/tokens';
import { billingRoutes } from './core/billing/billing.routes';
import { planRoutes } from './core/billing/plan.routes';
import { sweepRetention } from './core/billing/retention';
import { StripeProvider, type StripeSettings } from './core/billing/stripe';
import { createMailer, defaultMailConfig, queuedMailer, type MailConfig, type Mailer } from './core/mail';
import { outboxRoutes } from './core/mail/outbox.routes';
import { diskStorage, type BlobStorage } from './core/storage';
import compress from '@fastify/compress';
import { createLocalPokeBus, createPostgresPokeBus } from './sync/poke-bus';
import { purgeTombstones } from './sync/purge';
import { syncRoutes } from './sync/sync.routes';
import { moduleSyncHooks, registerModules } from './module-kit';
import { AnafHttpRegistry, defaultAnafBaseUrl, type CompanyRegistry } from './core/anaf';
import { serverModules } from './modules';
import { SyncService } from './sync/sync.service';
import { openDatabase, type Database } from './core/db';
import { apiNotFound, registerErrorHandler, requestIdFrom, toErrorResponse, withRequestId } from './core/errors';
import { healthRoutes } from './core/health.routes';
import { JobRunner, countJobs, type RunnerOptions } from './core/jobs/runner';
import { refuseUnstorableInput } from './core/storable-input';
import { migrateToLatest, pendingMigrations } from './core/migrate';
import { registerOpenApi } from './core/openapi';
import { metricsRoute, registerMetrics, watchJobs, watchPool } from './ops/metrics';
import { databaseRateLimitStore } from './ops/rate-limit-store';
import { cspReportRoutes, registerSecurityHeaders, registerStatic } from './core/static';
import type { BackupTarget } from './ops/backup/target';

export type AppOptions = {
  database: DatabaseConfig;
  /** Folder of the built PWA; without it only the API is served. */
  staticDir?: string;
  logger?: FastifyServerOptions['logger'];
  auth?: Partial<AuthConfig>;
  /** Tombstones older than this many days are purged daily (devices further behind re-bootstrap). */
  tombstoneRetentionDays?: number;
  /** Memory (MB) for bootstrap pages kept for other devices of the same company; 32 by default, 0 for none. */
  syncPageCacheMb?: number;
  /** On close, how long requests already received may take before their connections are cut (ms). */
  shutdownGraceMs?: number;
  /** Proxies whose X-Forwarded-For is believed (addresses and CIDR ranges); none by default. */
  trustProxy?: string[] | false;
  /** Card payments by Stripe (off without settings: bank transfer only) and the address the PWA is served at. */
  billing?: { stripe?: StripeSettings | undefined; publicUrl?: string | undefined };
  /** Runs the hourly sweep that deletes the data of companies on Free past the retention (server.ts turns it on). */
  retentionSweep?: boolean;
  /** How e-mail is sent (the local outbox by default); `mailer` replaces the configured provider (tests). */
  mail?: Partial<MailConfig> & { mailer?: Mailer };
  /** ANAF's public web services (the VAT payers' register); `registry` replaces the HTTP adapter (tests). */
  anaf?: { baseUrl?: string; registry?: CompanyRegistry };
  /** How SMS leave (the local outbox by default). */
  sms?: Partial<SmsConfig>;
  /** The logistics module's geocoder and routing engine (their local providers by default). */
  logistics?: Partial<LogisticsConfig>;
  /** ANAF's e-Factura (off without a client id). */
  efactura?: Partial<EfacturaConfig>;
  /**
   * Where companies' files (photos) are kept: a folder on disk, or a store of its own (tests). Without
   * either, a temporary folder removed on close (tests and tools; server.ts passes DATA_DIR/files).
   */
  storage?: { dir?: string; store?: BlobStorage };
  /** BACKUP_DIR: the operator console lists the backups kept there (server.ts schedules them). */
  backupDir?: string | undefined;
  /** Where the backups are kept when not the folder `backupDir` (BACKUP_S3_*: an S3 bucket). */
  backupTarget?: BackupTarget | undefined;
  /** The background jobs' runner (src/core/jobs): poll interval and lease; the defaults otherwise. */
  jobs?: Pick<RunnerOptions, 'pollMs' | 'leaseMs'>;
  /**
   * Applies pending migrations at start (the default). False: the operator migrates first
   * (`npm run migrate`) and a server whose database lacks a migration refuses to start.
   */
  migrateOnStart?: boolean;
  /**
   * METRICS_TOKEN: GET /metrics answers a request with this bearer token; without it, only requests from
   * this machine that came through no proxy.
   */
  metricsToken?: string | undefined;
};

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- declaration merging
  interface FastifyInstance {
    database: Database;
    /** Authentication, permission and module guards for every module's routes. */
    guards: Guards;
  }
}

/** Seconds a client is asked to wait before it tries again while the server restarts. */
const retryAfterSeconds = 5;
/** The listener closes only after this long without a new connection or a request awaiting its answer. */
const quietMs = 50;

/**
 * Graceful stop. `server.close()` resets every connection Node has accepted but not yet read a request
 * from (it counts them as idle), and the kernel resets those still waiting in the listen backlog: a
 * client that had already sent its request would see ECONNRESET. So on close the listener stays open
 * while requests already received are answered; requests that arrive meanwhile get 503 with Retry-After
 * (after their body, dropped unread). Only when nothing is unanswered and nothing new has arrived for `quietMs`,
 * across several turns of the event loop, does the listener close. Every answer from then on carries
 * `Connection: close`. Whatever is still open when the grace ends is cut, so the process can exit.
 */
function drainOnShutdown(app: FastifyInstance, graceMs: number): void {
  let closing = false;
  let lastActivity = 0;
  let cutTimer: NodeJS.Timeout | undefined;
  const received = new Map<FastifyRequest, FastifyReply>();
  // A hijacked reply (an event stream) is answered: its stream ends in its own preClose hook.
  const unanswered = () => [...received.values()].filter((reply) => !reply.sent).length;

  app.server.on('connection', () => {
    lastActivity = Date.now();
  });
  app.addHook('onRequest', async (request, reply) => {
    lastActivity = Date.now();
    if (closing) {
      // A client may still be sending its body: it is read to the end and dropped before the answer,
      // or closing the connection on unread bytes would reset it and the 503 would never arrive.
      await drained(request.raw);
      const { status, body } = toErrorResponse(new DomainError('service_unavailable', 'The server is restarting; try again shortly'));
      return reply.code(status).header('retry-after', String(retryAfterSeconds)).header('connection', 'close').send(withRequestId(body, request.id));
    }
    received.set(request, reply);
  });
  app.addHook('onResponse', async (request) => {
    received.delete(request);
  });
  app.addHook('onRequestAbort', async (request) => {
    received.delete(request);
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });
  app.addHook('preClose', async () => {
    closing = true;
    if (!app.server.listening) return;
    const deadline = Date.now() + graceMs;
    for (;;) {
      const now = Date.now();
      if (unanswered() > 0) lastActivity = now;
      if (now - lastActivity >= quietMs || now >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    cutTimer = setTimeout(() => app.server.closeAllConnections(), Math.max(0, deadline - Date.now()));
    cutTimer.unref();
  });
  app.addHook('onClose', async () => {
    clearTimeout(cutTimer);
  });
}

/** Resolves once a request's body has been received whole (and discarded), or its connection ended. */
async function drained(raw: NodeJS.ReadableStream & { readableEnded?: boolean; destroyed?: boolean }): Promise<void> {
  if (raw.readableEnded || raw.destroyed) return;
  await new Promise<void>((resolve) => {
    raw.once('end', resolve);
    raw.once('close', resolve);
    raw.once('error', () => resolve());
    raw.resume();
  });
}

/** Deeper than any body of ours (a sync mutation's row is four levels down); the parse is refused past it. */
const maxJsonDepth = 32;
const jsonContentType = /^application\/(?:(?:[\w.-]+\+)?json|csp-report)\s*(?:;|$)/i;

/**
 * Counts the nesting of a JSON body while it is received, before it is buffered or parsed: a body nested
 * a million levels deep costs seconds of parsing and breaks every recursive walk of the result.
 * Works on bytes: a multi-byte UTF-8 character never contains a quote, a backslash or a bracket.
 */
class JsonDepthLimit extends Transform {
  private depth = 0;
  private inString = false;
  private escaped = false;

  constructor(private readonly source: NodeJS.ReadableStream & { receivedEncodedLength?: number }) {
    super();
  }

  /** Fastify compares the encoded length with Content-Length; a decompressing stream below knows it. */
  get receivedEncodedLength(): number | undefined {
    return this.source.receivedEncodedLength;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    // An indexed loop: about three times faster than for…of over a Buffer (~1.5 ms per MB).
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === 0x5c) this.escaped = true;
        else if (byte === 0x22) this.inString = false;
      } else if (byte === 0x22) {
        this.inString = true;
      } else if (byte === 0x7b || byte === 0x5b) {
        if (++this.depth > maxJsonDepth) {
          callback(new DomainError('validation_failed', `The JSON body is nested deeper than ${maxJsonDepth} levels`));
          return;
        }
      } else if (byte === 0x7d || byte === 0x5d) {
        this.depth--;
      }
    }
    callback(null, chunk);
  }
}

/**
 * Puts the depth check on every route, last among its preParsing hooks, so that it reads what the
 * JSON parser will read (after @fastify/compress has inflated a compressed body).
 */
function limitJsonDepth(app: FastifyInstance): void {
  const check: preParsingAsyncHookHandler = async (request, _reply, payload) => {
    if (!jsonContentType.test(request.headers['content-type'] ?? '')) return payload;
    const limited = new JsonDepthLimit(payload);
    payload.on('error', (err: Error) => limited.destroy(err));
    // Fastify stops listening once it has answered (413, say); a later refusal has nobody to tell.
    limited.on('error', () => undefined);
    payload.pipe(limited);
    return limited;
  };
  app.addHook('onRoute', (route) => {
    const hooks = route.preParsing;
    route.preParsing = hooks === undefined ? [check] : Array.isArray(hooks) ? [...hooks, check] : [hooks, check];
  });
}

/** Hourly: companies on Free past the retention lose their synced data (one process per hour's slot). */
function scheduleRetentionSweep(app: FastifyInstance, jobs: JobRunner): void {
  jobs.schedule({
    name: 'billing.retention-sweep',
    everyMinutes: 60,
    run: async () => {
      const r = await sweepRetention(app.database);
      if (r.marked.length || r.cleared.length || r.deleted.length) app.log.info(r, 'data retention sweep');
    },
  });
}

/** Daily (midnight UTC): tombstones older than `days` go. */
function scheduleTombstonePurge(app: FastifyInstance, jobs: JobRunner, days: number): void {
  jobs.schedule({
    name: 'sync.tombstone-purge',
    everyMinutes: 1440,
    run: async () => {
      const removed = await purgeTombstones(app.database, new Date(Date.now() - days * 86_400_000));
      app.log.info({ removed, days }, 'sync tombstones purged');
    },
  });
}

/**
 * Builds the whole application: migrations, core plugins, then every module's routes. Does not listen;
 * `listen()` or `inject()` make it ready.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    // Requests past this size answer 413 before any handler runs. Routes that take a body set their own
    // limit (a few kB for sign-in and most forms, 8 MB for a sync push); this one covers the rest.
    bodyLimit: 64 * 1024,
    // Only a configured proxy may name the client: anyone can send X-Forwarded-For.
    trustProxy: options.trustProxy ?? false,
    // drainOnShutdown answers requests during a stop itself, with Retry-After and our error body.
    return503OnClosing: false,
    // A malformed address (a bad %-escape, a parameter past the router's length) answers in our error
    // format like every other refusal.
    frameworkErrors: (error, request, reply) => {
      const { status, body } = toErrorResponse(new DomainError('validation_failed', `The address is not valid (${error.code})`));
      // Fastify answers these before routing, so the raw response is what there is to write to.
      reply.raw.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-content-type-options': 'nosniff', 'x-request-id': request.id })
        .end(JSON.stringify(withRequestId(body, request.id)));
    },
    // Every request has an id: the caller's X-Request-Id when it is short and safe (a proxy's, to follow
    // one request through both logs), otherwise a new one. Fastify puts it in every log line of the
    // request (`reqId`); the answer carries it in X-Request-Id and error bodies in `error.requestId`.
    requestIdHeader: false,
    genReqId: (raw) => requestIdFrom(raw.headers['x-request-id'], randomUUID),
  });
  app.addHook('onRequest', async (request, reply) => {
    // On the raw response, so that event streams (which write their own head) carry it too.
    reply.raw.setHeader('x-request-id', request.id);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  refuseUnstorableInput(app);
  drainOnShutdown(app, options.shutdownGraceMs ?? 8_000);
  limitJsonDepth(app);
  await registerMetrics(app);

  const database = openDatabase(options.database);
  app.decorate('database', database);
  if (database.poolStats) {
    const unwatch = watchPool(database.poolStats);
    app.addHook('onClose', async () => {
      unwatch();
    });
  }
  app.addHook('onClose', async () => {
    await database.close();
  });
  try {
    if (options.migrateOnStart ?? true) {
      const applied = await migrateToLatest(database);
      if (applied.length) app.log.info({ applied, engine: database.engine }, 'migrations applied');
    } else {
      const pending = await pendingMigrations(database);
      if (pending.length) {
        throw new Error(`The database lacks ${pending.length} migration(s) (${pending.join(', ')}): run npm run migrate first, or start with MIGRATE_ON_START=true`);
      }
    }
  } catch (err) {
    await database.close();
    throw err;
  }

  // Polls once the app is ready; stops (waiting for the job in progress) before the database closes.
  const jobs = new JobRunner(database, { ...options.jobs, log: app.log });
  app.decorate('jobs', jobs);
  const unwatchJobs = watchJobs(() => countJobs(database));
  app.addHook('onClose', async () => {
    unwatchJobs();
  });
  app.addHook('onReady', async () => jobs.start());
  app.addHook('preClose', async () => jobs.stop());

  const authConfig: AuthConfig = { rateLimitPerMinute: 20, ...options.auth };
  if (authConfig.superAdmin) {
    const result = await ensureSuperAdmin(database, authConfig.superAdmin.email, authConfig.superAdmin.password);
    app.log.info({ result }, 'super-admin account checked');
  }
  const tokens = new TokenService(await loadSigningKeys(database.db, authConfig.tokenKey));
  const mailConfig: MailConfig = { ...defaultMailConfig, ...options.mail };
  const mailer = options.mail?.mailer ?? createMailer(mailConfig, database.db);
  // Account mails (password resets, invitations) are queued jobs: retried with backoff, never waited for.
  const queuedMail = queuedMailer(jobs, mailer);
  const auth = new AuthService(database, tokens, {
    mailer: queuedMail,
    publicBaseUrl: mailConfig.publicBaseUrl,
    onMailError: (err) => app.log.error({ err, provider: mailer.provider }, 'an e-mail could not be queued'),
  });
  // Mails on their way are queued before the database (the jobs, the outbox) and the transport close.
  app.addHook('preClose', async () => {
    await auth.mailSettled();
  });
  app.addHook('onClose', async () => {
    await mailer.close?.();
  });
  const guards = createGuards(database, tokens);
  app.decorate('guards', guards);
  app.decorateRequest('auth', null);
  app.decorateRequest('entitlements', null);

  await registerSecurityHeaders(app);
  await registerOpenApi(app);
  // Pull pages and other large JSON answers are gzip-compressed when the client accepts it.
  // Level 1: most of gzip's gain on repetitive JSON (~6x smaller pages) for a fraction of the default's CPU.
  await app.register(compress, { global: true, threshold: 2048, encodings: ['gzip', 'deflate'], zlibOptions: { level: 1 } });
  await app.register(rateLimit, {
    global: false,
    // On PostgreSQL every process (and host) counts in the database; on SQLite (one process) in memory.
    ...(database.engine === 'postgres'
      ? { store: databaseRateLimitStore(database.db, (err) => app.log.error({ err }, 'rate limits: expired rows not deleted')) }
      : {}),
    errorResponseBuilder: (_request, context) =>
      new DomainError('rate_limited', `Too many requests; try again in ${context.after}`),
  });
  await app.register(healthRoutes, { database });
  await metricsRoute(app, { token: options.metricsToken });
  await app.register(cspReportRoutes);
  await app.register(authRoutes, { auth, guards, tokens, rateLimitPerMinute: authConfig.rateLimitPerMinute });
  const stripe = options.billing?.stripe ? new StripeProvider(options.billing.stripe) : null;
  await app.register(billingRoutes, { secret: authConfig.billingSecret, stripe });
  await app.register(planRoutes, { guards, stripe, publicUrl: options.billing?.publicUrl });
  if (mailConfig.outboxRoute && mailer.provider === 'outbox') {
    app.log.warn('GET /api/dev/outbox is on (MAIL_OUTBOX_ROUTE=1): for development and tests only');
    await app.register(outboxRoutes);
  }

  const pokes = options.database.engine === 'postgres'
    ? await createPostgresPokeBus(options.database, (err) => app.log.error({ err }, 'poke listener failed'))
    : createLocalPokeBus();
  app.addHook('onClose', async () => pokes.close());
  const sync = new SyncService(database, pokes, (err) => app.log.error({ err }, 'sync: a table rule failed'), {
    pageCacheBytes: (options.syncPageCacheMb ?? 32) * 1024 * 1024,
    hooks: moduleSyncHooks(serverModules),
  });
  await app.register(syncRoutes, { sync, pokes });
  await app.register(adminRoutes, { guards, auth, sync, pokes, backupDir: options.backupDir, backupTarget: options.backupTarget });
  const storage = await openStorage(app, options.storage);
  const companyRegistry = options.anaf?.registry ?? new AnafHttpRegistry({ baseUrl: options.anaf?.baseUrl ?? defaultAnafBaseUrl });
  const config = {
    sms: { ...defaultSmsConfig, ...options.sms },
    efactura: { ...defaultEfacturaConfig, ...options.efactura },
    logistics: { ...defaultLogisticsConfig, ...options.logistics },
  };
  await registerModules(app, serverModules, { guards, database, sync, auth, mailer, storage, config, companyRegistry, jobs });
  if (options.tombstoneRetentionDays) scheduleTombstonePurge(app, jobs, options.tombstoneRetentionDays);
  if (options.retentionSweep) scheduleRetentionSweep(app, jobs);
  if (options.staticDir) await registerStatic(app, options.staticDir);
  else app.setNotFoundHandler(apiNotFound);

  return app;
}

/** The files' store: the one given, the folder given, or a temporary folder that goes away with the app. */
async function openStorage(app: FastifyInstance, options: AppOptions['storage']): Promise<BlobStorage> {
  if (options?.store) return options.store;
  if (options?.dir) return diskStorage(options.dir);
  const dir = await mkdtemp(path.join(tmpdir(), 'roaauto-files-'));
  app.addHook('onClose', async () => rm(dir, { recursive: true, force: true }));
  return diskStorage(dir);
}
