import type { ColumnType } from 'kysely';
import type { Columns, SyncedTableDef, ValueOf } from '@roaauto/shared';

/**
 * Kysely's view of the server database. Platform tables are added here as migrations create them;
 * synced tables come from their shared declarations (SyncedTables). A test checks that the migrations
 * and the declarations agree on both engines.
 * Timestamps are ISO-8601 UTC strings; booleans are 0/1 integers on both engines.
 */
export type AppMetaTable = { key: string; value: string };

export type TenantsTable = {
  id: string;
  name: string;
  cui: string | null;
  plan: string;
  /** JSON Record<ModuleId, boolean> */
  modules: string;
  /** JSON Limits */
  limits: string;
  billing_status: string;
  trial_ends_at: string | null;
  grace_ends_at: string | null;
  entitlements_version: number;
  /** occurredAt of the newest billing event applied (out-of-order events older than it are ignored) */
  billing_event_at: string | null;
  /** When the company fell back to Free (its server data is kept 90 days from then); null while it pays or tries. */
  free_since: string | null;
  /** When the retention sweep deleted its synced data. */
  data_deleted_at: string | null;
  /** The billing provider's customer id (Stripe `cus_…`). */
  billing_customer_id: string | null;
  created_at: string;
  updated_at: string;
};

export type UsersTable = {
  id: string;
  tenant_id: string;
  email: string;
  password_hash: string;
  name: string | null;
  role: string;
  active: number;
  token_version: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
};

export type InvitationsTable = {
  id: string;
  tenant_id: string;
  email: string;
  role: string;
  token_hash: string;
  expires_at: string;
  accepted_at: string | null;
  revoked_at: string | null;
  created_by: string;
  created_at: string;
};

export type PlatformAdminsTable = {
  id: string;
  email: string;
  password_hash: string;
  token_version: number;
  created_at: string;
  updated_at: string;
};

export type RefreshTokensTable = {
  id: string;
  family_id: string;
  subject_kind: 'user' | 'platform_admin';
  subject_id: string;
  token_hash: string;
  token_version: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  /** The device (User-Agent) the sign-in came from; migration 0012. */
  user_agent: string | null;
};

/** Single-use links to set a new password (migration 0012); only the token's hash is kept. */
export type PasswordResetsTable = {
  id: string;
  user_id: string;
  token_hash: string;
  /** The user who asked for it for someone else (the owner), null when asked by e-mail. */
  requested_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
};

/** Messages kept by the local mail provider (migration 0012). */
export type MailOutboxTable = { id: string; recipient: string; subject: string; text: string; html: string | null; created_at: string; attachments: string | null };

export type DocumentCountersTable = {
  tenant_id: string;
  doc_type: string;
  series: string;
  next_number: number;
  updated_at: string;
};

export type BillingEventsTable = {
  id: string;
  tenant_id: string;
  type: string;
  occurred_at: string;
  received_at: string;
  applied: number;
  payload: string;
  /** Deliveries of this event after the first (migration 0014; 0 when inserted). */
  duplicates: ColumnType<number, number | undefined, number>;
};

export type AuditLogTable = {
  id: string;
  tenant_id: string | null;
  actor_kind: 'user' | 'platform_admin' | 'billing' | 'system' | 'anonymous';
  actor_id: string | null;
  action: string;
  target: string | null;
  /** JSON object */
  details: string;
  ip: string | null;
  created_at: string;
};

/**
 * Sign-in failures per (account, client), and per account with client '*'. `account` is the email as
 * typed (normalised), whether or not an account has it.
 */
/** @fastify/rate-limit's counts on PostgreSQL (ops/rate-limit-store.ts). */
export type RateLimitsTable = {
  key: string;
  /** When the window ends (ms since the epoch; it began at the first request); rows past it are deleted now and then. */
  expires_at: number;
  hits: number;
};

export type SignInThrottleTable = {
  account: string;
  client: string;
  failures: number;
  last_attempt_at: string;
  /** Before this moment the next guess of this client for this account is refused unheard. */
  next_attempt_at: string;
};

/** The server's claim on each SMS it sends, once (migration 0022, modules/sms). */
export type SmsSendsTable = {
  message_id: string;
  tenant_id: string;
  state: 'pending' | 'sent' | 'failed';
  telefon: string;
  luna: string;
  lease_until: string | null;
  attempts: number;
  provider_id: string | null;
  created_at: string;
  updated_at: string;
};

/** Each automatic due-date reminder the server wrote, once per vehicle, kind and date (migration 0025, modules/sms). */
export type SmsRemindersTable = {
  tenant_id: string;
  vehicle_id: string;
  tip: 'itp' | 'rca' | 'revizie';
  data: string;
  message_id: string;
  created_at: string;
};

/** The secret addresses of calendar feeds, by the SHA-256 of their token (migration 0028, modules/appointments). */
export type CalendarFeedsTable = {
  id: string;
  tenant_id: string;
  hash: string;
  mecanic_id: string | null;
  created_at: string;
  revoked_at: string | null;
};

/** Each day-before appointment reminder written, once per appointment and start time (migration 0028, modules/appointments). */
export type AppointmentRemindersTable = {
  tenant_id: string;
  appointment_id: string;
  inceput: string;
  message_id: string;
  created_at: string;
};

/** Each season-change reminder of a stored tyre set, once per set and season change (migration 0038, modules/warehouse). */
export type TyreSetRemindersTable = { tenant_id: string; set_id: string; sezon: string; message_id: string; created_at: string };

/** A company's public booking page address (migration 0027, modules/appointments). */
export type BookingPagesTable = { tenant_id: string; slug: string; created_at: string; updated_at: string };

/** A booking waiting for the SMS code sent to the customer (migration 0027, modules/appointments). */
export type BookingPendingTable = {
  id: string;
  tenant_id: string;
  payload: string;
  code_hash: string;
  attempts: number;
  expires_at: string;
  used_at: string | null;
  created_at: string;
};

/** A customer's private link to their booking: the token's SHA-256 (migration 0027, modules/appointments). */
export type BookingLinksTable = { token_hash: string; tenant_id: string; appointment_id: string; created_at: string };
/** A company's authorization of the platform's ANAF application, tokens sealed (migration 0031, modules/accounting). */
export type EfacturaConnectionsTable = {
  tenant_id: string;
  access_token: string;
  refresh_token: string;
  expires_at: string;
  auto_send: number;
  auto_send_since: string | null;
  connected_by: string;
  connected_at: string;
  updated_at: string;
  /** Supplier invoices were read from ANAF's messages up to this moment (migration 0032). */
  received_until: string | null;
};

/** Each invoice's one upload to e-Factura and its outcome (migration 0031, modules/accounting). */
export type EfacturaSubmissionsTable = {
  invoice_id: string;
  tenant_id: string;
  standard: 'UBL' | 'CN';
  cif: string;
  serie: string;
  numar: number;
  data_factura: string;
  state: 'queued' | 'uploading' | 'uploaded' | 'ok' | 'nok' | 'error';
  upload_index: string | null;
  download_id: string | null;
  attempts: number;
  next_attempt_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  upload_started_at: string | null;
  errors: string | null;
  zip_key: string | null;
  created_at: string;
  updated_at: string;
};

export type SyncTenantStateTable = { tenant_id: string; version: number; purged_before: number };

/** Rows a user reads row by row (migration 0009, src/sync/scope.ts). */
export type SyncScopeTable = { tenant_id: string; user_id: string; table_name: string; row_id: string; in_scope: number; pinned: number; version: number };

export type SyncClientsTable = {
  client_id: string;
  tenant_id: string;
  user_id: string;
  last_mutation_id: number;
  created_at: string;
  last_seen_at: string;
};

/** The columns the server adds to every synced table (declared in packages/shared). */
export type SyncedRowSystem = {
  id: string;
  tenant_id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
  last_client_id: string | null;
};

/** A synced table's row as the server stores it: the declared columns' values and the server's own. */
export type SyncedRow<C extends Columns> = SyncedRowSystem & { -readonly [K in keyof C]: ValueOf<C[K]> };

/** Every synced table of every module, by name, typed from its shared declaration. */
export type SyncedTables = { [T in SyncedTableDef as T['name']]: SyncedRow<T['columns']> };

/** Background jobs (src/core/jobs). */
export type JobsTable = {
  id: string;
  name: string;
  /** The idempotency key: unique; a scheduled run's is `schedule:<name>:<slot ISO>`. */
  key: string;
  /** JSON. */
  payload: string;
  state: 'queued' | 'running' | 'done' | 'dead' | 'discarded';
  attempts: number;
  max_attempts: number;
  run_at: string;
  lease_token: string | null;
  lease_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
};

export type PlatformTables = {
  jobs: JobsTable;
  sync_tenant_state: SyncTenantStateTable;
  sync_clients: SyncClientsTable;
  sync_scope: SyncScopeTable;
  app_meta: AppMetaTable;
  tenants: TenantsTable;
  users: UsersTable;
  invitations: InvitationsTable;
  platform_admins: PlatformAdminsTable;
  refresh_tokens: RefreshTokensTable;
  document_counters: DocumentCountersTable;
  billing_events: BillingEventsTable;
  audit_log: AuditLogTable;
  sign_in_throttle: SignInThrottleTable;
  rate_limits: RateLimitsTable;
  password_resets: PasswordResetsTable;
  mail_outbox: MailOutboxTable;
  sms_sends: SmsSendsTable;
  sms_reminders: SmsRemindersTable;
  calendar_feeds: CalendarFeedsTable;
  appointment_reminders: AppointmentRemindersTable;
  tyre_set_reminders: TyreSetRemindersTable;
  booking_pages: BookingPagesTable;
  booking_pending: BookingPendingTable;
  booking_links: BookingLinksTable;
  efactura_connections: EfacturaConnectionsTable;
  efactura_submissions: EfacturaSubmissionsTable;
};

/** One object type (Kysely maps over it): the platform tables and the synced ones. */
export type DatabaseSchema = { [K in keyof (PlatformTables & SyncedTables)]: (PlatformTables & SyncedTables)[K] };
