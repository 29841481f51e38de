import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import type { StripeSettings } from './core/billing/stripe';
import type { MailConfig } from './core/mail';
import type { BackupSettings } from './ops/backup/schedule';

export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string; schema?: string };

export type AuthConfig = {
  /** Ed25519 private JWK (JSON) that signs tokens; generated and stored in the database when absent. */
  tokenKey?: string | undefined;
  superAdmin?: { email: string; password: string } | undefined;
  billingSecret?: string | undefined;
  /** Requests per minute per IP on the sign-in endpoints. */
  rateLimitPerMinute: number;
};

export type ServerConfig = {
  auth: AuthConfig;
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Folder with the built PWA (apps/web builds into it). */
  staticDir: string;
  logLevel: string;
  tombstoneRetentionDays: number;
  /** Memory for bootstrap pages kept to answer other devices of the same company (0: none). */
  syncPageCacheMb: number;
  /** Proxies whose X-Forwarded-For is believed (addresses and CIDR ranges); false trusts none. */
  trustProxy: string[] | false;
  billing: { stripe: StripeSettings | undefined; publicUrl: string | undefined };
  mail: MailConfig;
  /** ANAF's public web services (companies by CUI). */
  anaf: { baseUrl: string };
  sms: SmsConfig;
  /** The logistics module's geocoder and routing engine (docs/logistics.md); local providers without their URLs. */
  logistics: LogisticsConfig;
  /** ANAF's e-Factura (SPV): OAuth2 and the REST API; off without ANAF_CLIENT_ID. */
  efactura: EfacturaConfig;
  /** Folder of the files companies upload (photos), DATA_DIR/files by default. */
  storageDir: string;
  /** Backups of the SQLite database and the files (docs/backups.md); off without BACKUP_DIR. */
  backup: BackupSettings;
  /** MIGRATE_ON_START: apply pending migrations at start (true), or refuse to start while any is pending. */
  migrateOnStart: boolean;
  /** METRICS_TOKEN: who may read /metrics (without it, only this machine, not through a proxy). */
  metricsToken: string | undefined;
  /** WORKERS: how many server processes `npm start` runs (1: one process, no cluster). */
  workers: number;
};

/** How SMS leave (modules/sms): the local outbox by default, SMSAPI with a token. */
export type SmsConfig = {
  provider: 'outbox' | 'smsapi';
  /** SMSAPI_TOKEN: the OAuth token of the SMSAPI account (required with the smsapi provider). */
  smsapiToken?: string | undefined;
  /** SMSAPI_URL: the API's address, without the trailing slash. */
  smsapiUrl: string;
  /** SMS_SEGMENT_PRICE_BANI: what one segment costs, in bani (the composer's estimate, the messages' cost). */
  segmentPriceBani: number;
  /** SMS_CALLBACK_SECRET: the secret the provider's callbacks carry; without it the callbacks are off. */
  callbackSecret?: string | undefined;
  /** The address the provider calls back (PUBLIC_URL). */
  publicBaseUrl?: string | undefined;
  /** How often the sweeper looks for messages left unsent (ms; 0: never, as in tests that drive it). */
  sweepMs?: number | undefined;
  /** How long a process holds a message it is sending before another may take it (ms). */
  leaseMs?: number | undefined;
  /** How often the automatic due-date reminders are swept (ms; unset or 0: never, as in tests that call the sweep). */
  remindersMs?: number | undefined;
  /**
   * The shop's hours in which automatic reminders go out, `[from, until)` in the shop's time zone: a sweep
   * outside them writes nothing (the next one in the window catches up). Unset: any hour (tests).
   */
  reminderHours?: readonly [number, number] | undefined;
};

/**
 * ANAF's e-Factura through the SPV (modules/accounting/efactura): one OAuth2 application registered with
 * ANAF by the platform's operator; each company's owner authorizes it once. Off while `clientId` is unset.
 */
export type EfacturaConfig = {
  /** ANAF_CLIENT_ID, ANAF_CLIENT_SECRET, ANAF_REDIRECT_URI: the application registered with ANAF. */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  redirectUri?: string | undefined;
  /** ANAF_OAUTH_URL: authorize, token and revoke live under it. */
  oauthUrl: string;
  /** ANAF_API_URL: the e-Factura REST API (the test environment by default). */
  apiUrl: string;
  /** ANAF_TOKEN_KEY: 32 bytes in base64, the AES-256-GCM key the companies' tokens are stored under. */
  tokenKey?: string | undefined;
  /** How often the worker looks for work (ms; 0: never, as in tests that drive it step by step). */
  workerMs?: number | undefined;
  /** How long a process holds a submission it is working on before another may take it (ms). */
  leaseMs?: number | undefined;
  /** The first wait before asking ANAF for an upload's state (ms); doubled each time, at most an hour. */
  pollMs?: number | undefined;
  /**
   * How long after an upload that never got its answer the message list is searched for it before the
   * invoice is sent again (ms): ANAF lists an upload only once it has processed it.
   */
  settleMs?: number | undefined;
};

export const defaultEfacturaConfig: EfacturaConfig = {
  oauthUrl: 'https://logincert.anaf.ro/anaf-oauth2/v1',
  apiUrl: 'https://api.anaf.ro/test/FCTEL/rest',
};

/** The deployment's settings modules read (ModuleContext.config). */
export type ModuleConfig = { sms: SmsConfig; efactura: EfacturaConfig; logistics: LogisticsConfig };

/**
 * Where the logistics module finds addresses' coordinates and road distances (modules/logistics): a
 * Nominatim-compatible geocoder at `geocoderUrl` and an OSRM table API at `routingUrl`; without them the
 * local providers (only the coordinates already stored; straight-line distance × a road factor).
 */
export type LogisticsConfig = {
  /** GEOCODER_URL: a Nominatim server's address, without the trailing slash. */
  geocoderUrl?: string | undefined;
  /** GEOCODER_USER_AGENT: the User-Agent sent to the geocoder (Nominatim's usage policy asks for one naming the application). */
  geocoderUserAgent: string;
  /** ROUTING_URL: an OSRM server's address, without the trailing slash. */
  routingUrl?: string | undefined;
};

export const defaultLogisticsConfig: LogisticsConfig = { geocoderUserAgent: 'ROA AUTO logistics' };

export const defaultSmsConfig: SmsConfig = { provider: 'outbox', smsapiUrl: 'https://api.smsapi.ro', segmentPriceBani: 7 };

/** Why ANAF_TOKEN_KEY cannot be used, or null: it must be 32 bytes written in base64. */
export function tokenKeyProblem(key: string | undefined): string | null {
  if (!key) return 'is missing';
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(key.trim()) || Buffer.from(key.trim(), 'base64').length !== 32) return 'must be 32 bytes written in base64';
  return null;
}

/** The names of address ranges that Fastify's trustProxy (proxy-addr) knows besides literal addresses. */
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function proxyEntryProblem(entry: string): string | null {
  if (!entry) return 'an empty entry';
  if (namedRanges.has(entry)) return null;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return `"${entry}" is not an IP address or range`;
  if (prefix === undefined) return null;
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : -1;
  if (bits < 0 || bits > (family === 4 ? 32 : 128)) return `"${entry}" has a bad prefix length`;
  return null;
}

/**
 * TRUST_PROXY: unset or empty trusts no proxy, so X-Forwarded-For cannot choose the client address the
 * sign-in limits count. Trusting every hop (`true`, `*`) is refused: it is the spoofing this guards against.
 * So is a hop count: Fastify 5 honours it no more (it cannot tell the proxy from a client that connects
 * directly and sends the header itself), and accepting it would silently trust nothing.
 */
const trustProxySchema = z
  .string()
  .optional()
  .transform((value, ctx): string[] | false => {
    const text = value?.trim() ?? '';
    if (!text) return false;
    if (/^\d+$/.test(text)) {
      ctx.addIssue({ code: 'custom', message: 'a hop count cannot be checked against the connecting address; list the proxies\' IP addresses or CIDR ranges' });
      return z.NEVER;
    }
    const entries = text.split(',').map((e) => e.trim());
    const problems = entries.map(proxyEntryProblem).filter((p): p is string => p !== null);
    if (problems.length) {
      ctx.addIssue({ code: 'custom', message: `expected a comma-separated list of IP addresses or CIDR ranges: ${problems.join('; ')}` });
      return z.NEVER;
    }
    return entries;
  });

const envSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  STATIC_DIR: z.string().min(1).optional(),
  ROAAUTO_TOKEN_KEY: z.string().min(1).optional(),
  ROAAUTO_SUPERADMIN_EMAIL: z.email().optional(),
  ROAAUTO_SUPERADMIN_PASSWORD: z.string().min(1).optional(),
  ROAAUTO_BILLING_SECRET: z.string().min(16, 'ROAAUTO_BILLING_SECRET must have at least 16 characters').optional(),
  ROAAUTO_AUTH_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  TRUST_PROXY: trustProxySchema,
  SYNC_TOMBSTONE_DAYS: z.coerce.number().int().min(1).default(90),
  SYNC_PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_/, 'STRIPE_SECRET_KEY must be a Stripe secret key (sk_… or rk_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_/, 'STRIPE_WEBHOOK_SECRET must be a Stripe signing secret (whsec_…)').optional(),
  STRIPE_PRICE_BASIC: z.string().regex(/^price_/, 'STRIPE_PRICE_BASIC must be a Stripe price id (price_…)').optional(),
  STRIPE_PRICE_PRO: z.string().regex(/^price_/, 'STRIPE_PRICE_PRO must be a Stripe price id (price_…)').optional(),
  STRIPE_API_BASE: z.url({ protocol: /^https?$/ }).optional(),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAIL_PROVIDER: z.enum(['outbox', 'smtp']).default('outbox'),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'SMTP_URL must start with smtp:// or smtps://').optional(),
  MAIL_FROM: z.string().min(3).default('ROA AUTO <no-reply@localhost>'),
  MAIL_OUTBOX_ROUTE: z.enum(['0', '1']).default('0'),
  ANAF_PUBLIC_API_URL: z.url({ protocol: /^https?$/ }).default('https://webservicesp.anaf.ro'),
  SMS_PROVIDER: z.enum(['outbox', 'smsapi']).default('outbox'),
  SMSAPI_TOKEN: z.string().min(1).optional(),
  SMSAPI_URL: z.url({ protocol: /^https?$/ }).default(defaultSmsConfig.smsapiUrl),
  SMS_SEGMENT_PRICE_BANI: z.coerce.number().int().min(0).max(1000).default(defaultSmsConfig.segmentPriceBani),
  SMS_CALLBACK_SECRET: z.string().min(16, 'SMS_CALLBACK_SECRET must have at least 16 characters').optional(),
  GEOCODER_URL: z.url({ protocol: /^https?$/ }).optional(),
  GEOCODER_USER_AGENT: z.string().min(3).max(200).default(defaultLogisticsConfig.geocoderUserAgent),
  ROUTING_URL: z.url({ protocol: /^https?$/ }).optional(),
  ANAF_CLIENT_ID: z.string().min(1).optional(),
  ANAF_CLIENT_SECRET: z.string().min(1).optional(),
  ANAF_REDIRECT_URI: z.url({ protocol: /^https?$/ }).optional(),
  ANAF_OAUTH_URL: z.url({ protocol: /^https?$/ }).default(defaultEfacturaConfig.oauthUrl),
  ANAF_API_URL: z.url({ protocol: /^https?$/ }).default(defaultEfacturaConfig.apiUrl),
  ANAF_TOKEN_KEY: z.string().optional(),
  // How often the e-Factura worker looks for work, and its first wait before asking ANAF for an
  // upload's state (ms): the defaults suit ANAF; an end-to-end test against a local fake sets them short.
  ANAF_WORKER_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
  ANAF_POLL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_AT: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'BACKUP_AT must be a time of day, HH:MM').optional(),
  BACKUP_INTERVAL_MINUTES: z.coerce.number().int().min(5).max(44_640).default(1440),
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(0).max(3660).default(7),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(520).default(4),
  BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).max(1200).default(12),
  // An S3-compatible bucket the finished backups go to (BACKUP_DIR stays the local work folder).
  BACKUP_S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.\-_]{1,254}$/i, 'BACKUP_S3_BUCKET must be a bucket name').optional(),
  BACKUP_S3_PREFIX: z.string().max(512).regex(/^[^\\]*$/, 'BACKUP_S3_PREFIX must not hold a backslash').default(''),
  BACKUP_S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  BACKUP_S3_REGION: z.string().min(1).max(64).default('us-east-1'),
  BACKUP_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  BACKUP_S3_FORCE_PATH_STYLE: z.enum(['true', 'false', '1', '0']).default('false'),
  MIGRATE_ON_START: z.enum(['true', 'false', '1', '0']).default('true'),
  // A bearer token for GET /metrics; without it the metrics answer only this machine (docs/deploy.md).
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  // Server processes `npm start` runs (Node's cluster); more than one needs PostgreSQL.
  WORKERS: z.coerce.number().int().min(1).max(64).default(1),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every environment variable the server reads (the deployment docs list them all). */
export const configEnvNames: readonly string[] = Object.keys(envSchema.shape);

/** The built bundle lives in dist/, the sources in src/: both sit beside public/. */
const defaultStaticDir = fileURLToPath(new URL('../public', import.meta.url));

/** Reads the environment once at start; a bad value stops the server with a readable message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.STRIPE_SECRET_KEY) !== Boolean(e.STRIPE_WEBHOOK_SECRET)) {
    throw new Error('Invalid configuration: set both STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET, or neither');
  }
  if (e.MAIL_PROVIDER === 'smtp' && !e.SMTP_URL) throw new Error('Invalid configuration: MAIL_PROVIDER=smtp needs SMTP_URL');
  if (e.SMS_PROVIDER === 'smsapi' && !e.SMSAPI_TOKEN) throw new Error('Invalid configuration: SMS_PROVIDER=smsapi needs SMSAPI_TOKEN');
  if (e.ANAF_CLIENT_ID) {
    if (!e.ANAF_CLIENT_SECRET || !e.ANAF_REDIRECT_URI) throw new Error('Invalid configuration: ANAF_CLIENT_ID needs ANAF_CLIENT_SECRET and ANAF_REDIRECT_URI');
    const problem = tokenKeyProblem(e.ANAF_TOKEN_KEY);
    if (problem) throw new Error(`Invalid configuration: ANAF_TOKEN_KEY ${problem} (e-Factura stores the companies' ANAF tokens encrypted with it; make one with: openssl rand -base64 32)`);
  }
  if (Boolean(e.ROAAUTO_SUPERADMIN_EMAIL) !== Boolean(e.ROAAUTO_SUPERADMIN_PASSWORD)) {
    throw new Error('Invalid configuration: set both ROAAUTO_SUPERADMIN_EMAIL and ROAAUTO_SUPERADMIN_PASSWORD, or neither');
  }
  if (Boolean(e.BACKUP_S3_ACCESS_KEY_ID) !== Boolean(e.BACKUP_S3_SECRET_ACCESS_KEY)) {
    throw new Error('Invalid configuration: set both BACKUP_S3_ACCESS_KEY_ID and BACKUP_S3_SECRET_ACCESS_KEY, or neither');
  }
  if (e.BACKUP_S3_BUCKET && !e.BACKUP_DIR) {
    throw new Error('Invalid configuration: BACKUP_S3_BUCKET needs BACKUP_DIR, the local folder backups are written and verified in');
  }
  return {
    auth: {
      tokenKey: e.ROAAUTO_TOKEN_KEY,
      superAdmin:
        e.ROAAUTO_SUPERADMIN_EMAIL && e.ROAAUTO_SUPERADMIN_PASSWORD
          ? { email: e.ROAAUTO_SUPERADMIN_EMAIL, password: e.ROAAUTO_SUPERADMIN_PASSWORD }
          : undefined,
      billingSecret: e.ROAAUTO_BILLING_SECRET,
      rateLimitPerMinute: e.ROAAUTO_AUTH_RATE_LIMIT,
    },
    host: e.HOST,
    port: e.PORT,
    database: e.DATABASE_URL
      ? { engine: 'postgres', url: e.DATABASE_URL }
      : { engine: 'sqlite', file: path.resolve(e.DATA_DIR, 'roaauto.sqlite') },
    staticDir: path.resolve(e.STATIC_DIR ?? defaultStaticDir),
    logLevel: e.LOG_LEVEL,
    tombstoneRetentionDays: e.SYNC_TOMBSTONE_DAYS,
    syncPageCacheMb: e.SYNC_PAGE_CACHE_MB,
    trustProxy: e.TRUST_PROXY,
    billing: {
      stripe: e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? { secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, prices: { basic: e.STRIPE_PRICE_BASIC, pro: e.STRIPE_PRICE_PRO }, apiBase: e.STRIPE_API_BASE }
        : undefined,
      publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
    },
    mail: {
      provider: e.MAIL_PROVIDER,
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      publicBaseUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? 'localhost' : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
      outboxRoute: e.MAIL_OUTBOX_ROUTE === '1',
    },
    anaf: { baseUrl: e.ANAF_PUBLIC_API_URL.replace(/\/+$/, '') },
    sms: {
      provider: e.SMS_PROVIDER,
      smsapiToken: e.SMSAPI_TOKEN,
      smsapiUrl: e.SMSAPI_URL.replace(/\/+$/, ''),
      segmentPriceBani: e.SMS_SEGMENT_PRICE_BANI,
      callbackSecret: e.SMS_CALLBACK_SECRET,
      publicBaseUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
      // The server sweeps the automatic reminders hourly (the first a minute after start).
      remindersMs: 3_600_000,
      // A customer is not texted at night: from 9:00 to 20:00 in the shop's time zone.
      reminderHours: [9, 20],
    },
    logistics: {
      geocoderUrl: e.GEOCODER_URL?.replace(/\/+$/, ''),
      geocoderUserAgent: e.GEOCODER_USER_AGENT,
      routingUrl: e.ROUTING_URL?.replace(/\/+$/, ''),
    },
    efactura: {
      clientId: e.ANAF_CLIENT_ID,
      clientSecret: e.ANAF_CLIENT_SECRET,
      redirectUri: e.ANAF_REDIRECT_URI,
      oauthUrl: e.ANAF_OAUTH_URL.replace(/\/+$/, ''),
      apiUrl: e.ANAF_API_URL.replace(/\/+$/, ''),
      tokenKey: e.ANAF_TOKEN_KEY,
      workerMs: e.ANAF_WORKER_MS,
      pollMs: e.ANAF_POLL_MS,
    },
    storageDir: path.resolve(e.DATA_DIR, 'files'),
    backup: {
      dir: e.BACKUP_DIR ? path.resolve(e.BACKUP_DIR) : undefined,
      at: e.BACKUP_AT,
      intervalMinutes: e.BACKUP_INTERVAL_MINUTES,
      keep: { daily: e.BACKUP_KEEP_DAILY, weekly: e.BACKUP_KEEP_WEEKLY, monthly: e.BACKUP_KEEP_MONTHLY },
      s3: e.BACKUP_S3_BUCKET
        ? {
            bucket: e.BACKUP_S3_BUCKET,
            prefix: e.BACKUP_S3_PREFIX,
            endpoint: e.BACKUP_S3_ENDPOINT?.replace(/\/+$/, ''),
            region: e.BACKUP_S3_REGION,
            forcePathStyle: e.BACKUP_S3_FORCE_PATH_STYLE === 'true' || e.BACKUP_S3_FORCE_PATH_STYLE === '1',
            accessKeyId: e.BACKUP_S3_ACCESS_KEY_ID,
            secretAccessKey: e.BACKUP_S3_SECRET_ACCESS_KEY,
          }
        : undefined,
    },
    migrateOnStart: e.MIGRATE_ON_START === 'true' || e.MIGRATE_ON_START === '1',
    metricsToken: e.METRICS_TOKEN,
    workers: e.WORKERS,
  };
}
