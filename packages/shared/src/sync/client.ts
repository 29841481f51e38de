import { z } from 'zod';
import { ApiError, DomainError } from '../errors';
import { newId } from '../ids';
import { syncTables } from '../schema/registry';
import { localTableDdl, rowSchemas, type TableDef } from '../schema/table';
import { refusalError, type RefusalParams } from '../schema/refusals';
import { fieldIssuesOf, issuesMessage, type ValidatorIssue } from '../validation/issues';
import { migrateLocal } from './local-schema';
import {
  defaultPullLimit,
  syncSchemaVersion,
  type Mutation,
  type MutationResult,
  type PullResponse,
  type PushRequest,
  type PushResponse,
} from './protocol';

export type SqlValue = string | number | null;
export type SqlRow = Record<string, SqlValue>;

/** The little the engine needs of a SQLite connection: wa-sqlite in the browser, better-sqlite3 in Node. */
export type SqlExecutor = {
  all<T extends SqlRow = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sql: string, params?: readonly SqlValue[]): Promise<void>;
  /** Runs `fn` in one transaction: all of it commits, or none of it. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** One statement run once per parameter list (optional: a worker does it in one message). */
  runMany?(sql: string, rows: readonly (readonly SqlValue[])[]): Promise<void>;
};

/** One local change of `SyncEngine.write`. */
export type WriteOp =
  | { op: 'create'; table: string; data: Record<string, unknown> }
  | { op: 'update'; table: string; id: string; patch: Record<string, unknown> }
  | { op: 'delete'; table: string; id: string };

/** How the engine reaches the server; a non-2xx answer is thrown as ApiError (402, 409, 410, 426…). */
export type SyncTransport = {
  push(body: PushRequest): Promise<PushResponse>;
  pull(query: { clientId: string; cursor: number; limit: number }): Promise<PullResponse>;
};

export type SyncState = 'idle' | 'syncing' | 'offline' | 'error' | 'not_entitled' | 'unauthorized' | 'upgrade_required';

export type SyncStatus = {
  state: SyncState;
  pending: number;
  lastSyncedAt: string | null;
  /** The server's answer as it said it (English: logs, support). */
  error: string | null;
  /** The error's code (`errors.ts`, e.g. `service_unavailable`), which the app says in the person's language. */
  errorCode: string | null;
  rejections: number;
  /**
   * While a pull runs: the rows it wrote so far, and where its cursor stands against the company's version
   * when it started (`head`, null from a server that does not say). Absent or null otherwise.
   */
  download?: DownloadProgress | null;
};

export type DownloadProgress = { rows: number; cursor: number; from: number; head: number | null };

export type Rejection = {
  id: number;
  mutationId: number;
  table: string;
  rowId: string;
  op: string;
  code: string;
  message: string;
  /** For a change a table rule refused: the refusal code and its parameters (schema/refusals.ts). */
  rule?: string;
  params?: RefusalParams;
  createdAt: string;
};

/** Stored refusal parameters, or none when what is stored is not an object of texts and numbers. */
function parseParams(text: unknown): RefusalParams {
  if (typeof text !== 'string') return {};
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    return Object.fromEntries(Object.entries(value).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number'));
  } catch {
    return {};
  }
}

type QueueEntry = { id: number; table_name: string; row_id: string; op: 'upsert' | 'delete'; data: string | null; base_version: number | null };

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;

const rowIdSchema = z.uuid();

/**
 * Characters of row data in one push. Even if every one took three bytes of UTF-8, a push stays under
 * the server's 8 MB body limit: a queue of big rows (logos, invoice documents) goes in several pushes
 * instead of one the server refuses again at every attempt. A single row always goes, however big.
 */
const pushChars = 2_500_000;

/** How often, at most, a download of many pages announces the tables it changed (live queries re-run on it). */
const notifyEvery = 1000;

export type SyncEngineOptions = {
  tables?: readonly TableDef[];
  pushBatch?: number;
  pullLimit?: number;
  now?: () => Date;
};

/**
 * The client side of sync. Local writes and their queue entries commit together; `sync()` pushes the
 * queue, pulls pages after the cursor and applies each page in one transaction that writes the
 * server's rows, drops acknowledged entries and re-applies still-pending local changes on top.
 */
export class SyncEngine {
  readonly tables: readonly TableDef[];
  private readonly byName: Map<string, TableDef>;
  private readonly pushBatch: number;
  private readonly pullLimit: number;
  private readonly now: () => Date;
  private running: Promise<void> | null = null;
  private again = false;
  private status: SyncStatus = { state: 'idle', pending: 0, lastSyncedAt: null, error: null, errorCode: null, rejections: 0 };
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private readonly changeListeners = new Set<(tables: ReadonlySet<string>) => void>();

  constructor(
    private readonly db: SqlExecutor,
    private transport: SyncTransport | null,
    options: SyncEngineOptions = {},
  ) {
    this.tables = options.tables ?? syncTables;
    this.byName = new Map(this.tables.map((t) => [t.name, t]));
    this.pushBatch = options.pushBatch ?? 500;
    this.pullLimit = options.pullLimit ?? defaultPullLimit;
    this.now = options.now ?? (() => new Date());
  }

  /** Creates or migrates the local tables and the sync bookkeeping; keeps whatever is already there. */
  async init(): Promise<void> {
    await this.db.transaction(async (tx) => {
      await migrateLocal(tx, this.tables);
      if (!(await this.meta(tx, 'client_id'))) await this.newClient(tx);
    });
    await this.refreshCounts();
  }

  setTransport(transport: SyncTransport | null): void {
    this.transport = transport;
  }

  // ---------- local writes ----------

  private table(name: string): TableDef {
    const t = this.byName.get(name);
    if (!t) throw new DomainError('validation_failed', `Unknown table ${name}`);
    return t;
  }

  async create(table: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const [row] = await this.write([{ op: 'create', table, data: input }]);
    return row ?? {};
  }

  async update(table: string, id: string, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    const [row] = await this.write([{ op: 'update', table, id, patch }]);
    return row ?? {};
  }

  async delete(table: string, id: string): Promise<void> {
    await this.write([{ op: 'delete', table, id }]);
  }

  /**
   * Several local changes in one transaction (an order with its lines and totals): each is validated
   * and checked by its table's rules against the rows as the earlier changes left them, all are
   * queued, and either all of them are written or none. Returns the written rows (null for deletes).
   */
  async write(ops: readonly WriteOp[]): Promise<(Record<string, unknown> | null)[]> {
    const touched = new Set<string>();
    const result = await this.db.transaction(async (tx) => {
      const out: (Record<string, unknown> | null)[] = [];
      for (const op of ops) {
        const def = this.table(op.table);
        touched.add(def.name);
        out.push(await this.writeOne(tx, def, op));
      }
      return out;
    });
    this.changed(touched);
    return result;
  }

  private async writeOne(tx: SqlExecutor, def: TableDef, op: WriteOp): Promise<Record<string, unknown> | null> {
    // What is wrong, field by field, in words the app says in the person's language (validation/issues.ts).
    const invalid = (issues: readonly ValidatorIssue[]) => {
      const list = fieldIssuesOf(issues);
      return new DomainError('validation_failed', issuesMessage(list), { issues: list });
    };
    const parentOf = async (row: Record<string, unknown>) => {
      if (!def.parent) return null;
      const [parent] = await tx.all(`SELECT * FROM ${q(def.parent.table)} WHERE id = ?`, [row[def.parent.column] as SqlValue]);
      return parent ?? null;
    };
    const check = async (row: Record<string, unknown>, previous: Record<string, unknown> | null, deleting: boolean) => {
      if (!def.check) return;
      const problem = def.check({ row: row as never, previous: previous as never, parent: await parentOf(row), deleting, clientId: (await this.meta(tx, 'client_id')) ?? '' });
      if (problem) throw refusalError(problem);
    };
    const now = this.now().toISOString();

    if (op.op === 'create') {
      const { id, ...data } = op.data;
      if (id != null && !rowIdSchema.safeParse(id).success) throw invalid([{ code: 'invalid_format', path: ['id'], message: 'a row id is a UUID' }]);
      const parsed = rowSchemas(def).full.safeParse(data);
      if (!parsed.success) throw invalid(parsed.error.issues);
      const row = { id: typeof id === 'string' ? id : newId(), created_at: now, updated_at: now, ...parsed.data };
      await check(row, null, false);
      await this.writeRow(tx, def, row, null);
      await this.enqueue(tx, def.name, row.id, 'upsert', parsed.data, null);
      return row;
    }
    const [current] = await tx.all(`SELECT * FROM ${q(def.name)} WHERE id = ?`, [op.id]);
    if (op.op === 'update') {
      const parsed = rowSchemas(def).patch.safeParse(op.patch);
      if (!parsed.success) throw invalid(parsed.error.issues);
      if (!current) throw new DomainError('not_found', 'This record does not exist (any more)');
      const row = { ...current, ...parsed.data, updated_at: now } as Record<string, unknown>;
      await check(row, current, false);
      await this.writeRow(tx, def, row, current._version as number | null);
      await this.enqueue(tx, def.name, op.id, 'upsert', parsed.data, current._version as number | null);
      return row;
    }
    if (current) await check(current, current, true);
    await tx.run(`DELETE FROM ${q(def.name)} WHERE id = ?`, [op.id]);
    await this.enqueue(tx, def.name, op.id, 'delete', null, (current?._version as number | null | undefined) ?? null);
    return null;
  }

  private async enqueue(tx: SqlExecutor, table: string, rowId: string, op: 'upsert' | 'delete', data: Record<string, unknown> | null, baseVersion: number | null): Promise<void> {
    await tx.run(`INSERT INTO _sync_queue (table_name, row_id, op, data, base_version, created_at) VALUES (?, ?, ?, ?, ?, ?)`, [
      table, rowId, op, data ? JSON.stringify(data) : null, baseVersion, this.now().toISOString(),
    ]);
  }

  private localColumns(def: TableDef): string[] {
    const cols = ['id', 'created_at', 'updated_at', ...Object.keys(def.columns), '_version'];
    if (def.search) cols.push('_search');
    return cols;
  }

  /**
   * The same upsert for every row of a JSON array of arrays (one per row, in `localColumns` order) bound as
   * the statement's one parameter: a page's rows of a table cost one statement and one bound string, not
   * a bind and a step per row through the wasm bindings.
   */
  private bulkUpsertSql(def: TableDef): string {
    const cols = this.localColumns(def);
    return `INSERT OR REPLACE INTO ${q(def.name)} (${cols.map(q).join(', ')}) SELECT ${cols.map((_, i) => `j.value ->> ${i}`).join(', ')} FROM json_each(?) j`;
  }

  private upsertSql(def: TableDef): string {
    const cols = this.localColumns(def);
    return `INSERT OR REPLACE INTO ${q(def.name)} (${cols.map(q).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  }

  private rowValues(def: TableDef, row: Record<string, unknown>, version: number | null): SqlValue[] {
    return this.localColumns(def).map((c) =>
      c === '_version' ? version : c === '_search' ? (def.search?.(row as never) ?? null) : ((row[c] ?? null) as SqlValue),
    );
  }

  private async writeRow(tx: SqlExecutor, def: TableDef, row: Record<string, unknown>, version: number | null): Promise<void> {
    await tx.run(this.upsertSql(def), this.rowValues(def, row, version));
  }

  // ---------- bookkeeping ----------

  private async meta(tx: SqlExecutor, key: string): Promise<string | null> {
    const [row] = await tx.all<{ value: string }>(`SELECT value FROM _sync_meta WHERE key = ?`, [key]);
    return row?.value ?? null;
  }

  private async setMeta(tx: SqlExecutor, key: string, value: string | number): Promise<void> {
    await tx.run(`INSERT INTO _sync_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [key, String(value)]);
  }

  /**
   * A new client identity: mutation numbers restart at 1 for the server, so the queue's ids are
   * counted from here (`mutation_offset`). Used at first start and when signing in to another account.
   */
  private async newClient(tx: SqlExecutor): Promise<void> {
    const [seq] = await tx.all<{ seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = '_sync_queue'`);
    const [first] = await tx.all<{ id: number | null }>(`SELECT MIN(id) AS id FROM _sync_queue`);
    const offset = first?.id != null ? first.id - 1 : (seq?.seq ?? 0);
    await this.setMeta(tx, 'client_id', newId());
    await this.setMeta(tx, 'mutation_offset', offset);
    await this.setMeta(tx, 'cursor', 0);
    await this.setMeta(tx, 'acked', 0);
    await this.setMeta(tx, 'entitlements_version', -1);
  }

  async clientId(): Promise<string> {
    const id = await this.meta(this.db, 'client_id');
    if (!id) throw new Error('SyncEngine.init() was not called');
    return id;
  }

  /** The entitlements version the server reported on the last pull (-1 before the first). */
  async serverEntitlementsVersion(): Promise<number> {
    return Number((await this.meta(this.db, 'entitlements_version')) ?? -1);
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM _sync_queue`);
    return row?.n ?? 0;
  }

  async rejections(): Promise<Rejection[]> {
    const rows = await this.db.all(`SELECT * FROM _sync_rejections ORDER BY id DESC LIMIT 200`);
    return rows.map((r) => ({
      id: Number(r.id), mutationId: Number(r.mutation_id), table: String(r.table_name), rowId: String(r.row_id),
      op: String(r.op), code: String(r.code), message: String(r.message), createdAt: String(r.created_at),
      ...(typeof r.rule === 'string' ? { rule: r.rule, params: parseParams(r.params) } : {}),
    }));
  }

  async dismissRejections(): Promise<void> {
    await this.db.run(`DELETE FROM _sync_rejections`);
    await this.refreshCounts();
  }

  // ---------- status ----------

  getStatus(): SyncStatus {
    return this.status;
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tables whose rows changed (locally or from the server): reactive queries re-run on this. */
  onChange(listener: (tables: ReadonlySet<string>) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(tables: Iterable<string>): void {
    const set = new Set(tables);
    if (set.size) for (const l of this.changeListeners) l(set);
    void this.refreshCounts();
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l(this.status);
  }

  private async refreshCounts(): Promise<void> {
    const [p] = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM _sync_queue`);
    const [r] = await this.db.all<{ n: number }>(`SELECT COUNT(*) AS n FROM _sync_rejections`);
    this.setStatus({ pending: p?.n ?? 0, rejections: r?.n ?? 0 });
  }

  // ---------- sync ----------

  /**
   * Push, then pull, once. Never two at a time: a call while one runs makes that one go round again
   * and resolves when it is done.
   */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do await this.syncOnce();
        while (this.takeAgain());
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Whether a sync was asked for while the last round ran (and clears the request). */
  private takeAgain(): boolean {
    const again = this.again;
    this.again = false;
    return again;
  }

  private async syncOnce(): Promise<void> {
    const transport = this.transport;
    if (!transport) return;
    this.setStatus({ state: 'syncing', error: null, errorCode: null });
    try {
      await this.pushAll(transport);
      await this.pullAll(transport);
      this.setStatus({ state: 'idle', lastSyncedAt: this.now().toISOString(), error: null, errorCode: null });
    } catch (err) {
      const state: SyncState =
        err instanceof ApiError
          ? err.status === 402 ? 'not_entitled' : err.status === 401 ? 'unauthorized' : err.status === 426 ? 'upgrade_required' : 'error'
          : 'offline';
      this.setStatus({ state, error: err instanceof Error ? err.message : String(err), errorCode: err instanceof ApiError ? err.code : null });
      throw err;
    } finally {
      await this.refreshCounts();
    }
  }

  private async pushAll(transport: SyncTransport): Promise<void> {
    let renumbered = false;
    for (;;) {
      const offset = Number(await this.meta(this.db, 'mutation_offset'));
      const queued = await this.db.all<QueueEntry>(`SELECT * FROM _sync_queue ORDER BY id LIMIT ?`, [this.pushBatch]);
      if (!queued.length) return;
      let n = 0;
      for (let chars = 0; n < queued.length; n++) {
        chars += queued[n]?.data?.length ?? 0;
        if (n > 0 && chars > pushChars) break;
      }
      const entries = queued.slice(0, n);
      const clientId = await this.clientId();
      const mutations: Mutation[] = entries.map((e) => ({
        id: e.id - offset,
        table: e.table_name,
        op: e.op,
        rowId: e.row_id,
        ...(e.data ? { data: JSON.parse(e.data) as Record<string, unknown> } : {}),
        baseVersion: e.base_version,
      }));
      let response: PushResponse;
      try {
        response = await transport.push({ clientId, schemaVersion: syncSchemaVersion, mutations });
      } catch (err) {
        if (!renumbered && err instanceof ApiError && err.status === 409 && typeof err.details.lastMutationId === 'number') {
          renumbered = true;
          // The server has fewer of our mutations than we think (a restored backup, say): number the
          // pending ones on from what it has and send them again.
          const first = entries[0]?.id ?? 1;
          await this.setMeta(this.db, 'mutation_offset', first - (err.details.lastMutationId + 1));
          continue;
        }
        throw err;
      }
      await this.applyPushResults(entries, mutations, response, offset);
    }
  }

  /** Drops what the server acknowledged; rolls rejected rows back to the server's copy, pending changes on top. */
  private async applyPushResults(entries: QueueEntry[], mutations: Mutation[], response: PushResponse, offset: number): Promise<void> {
    const touched = new Set<string>();
    await this.db.transaction(async (tx) => {
      const results = new Map<number, MutationResult>(response.results.map((r) => [r.id, r]));
      const serverRows = new Map<string, { def: TableDef; row: Record<string, unknown> | null }>();
      for (const [i, m] of mutations.entries()) {
        const r = results.get(m.id);
        const def = this.byName.get(m.table);
        if (!r || !def) continue;
        if (r.status === 'rejected') {
          const e = entries[i];
          await tx.run(`INSERT INTO _sync_rejections (mutation_id, table_name, row_id, op, data, code, message, rule, params, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
            m.id, m.table, m.rowId, m.op, e?.data ?? null, r.code ?? 'internal_error', r.message ?? '', r.rule ?? null,
            r.params ? JSON.stringify(r.params) : null, this.now().toISOString(),
          ]);
          serverRows.set(`${m.table}\u0000${m.rowId}`, { def, row: r.row ?? null });
        }
      }
      await tx.run(`DELETE FROM _sync_queue WHERE id <= ?`, [response.lastMutationId + offset]);
      await this.setMeta(tx, 'acked', response.lastMutationId);
      for (const [key, { def, row }] of serverRows) {
        const rowId = key.split('\u0000')[1] ?? '';
        if (row) await this.writeRow(tx, def, row, typeof row.version === 'number' ? row.version : null);
        else await tx.run(`DELETE FROM ${q(def.name)} WHERE id = ?`, [rowId]);
        await this.reapplyPending(tx, def, rowId);
        touched.add(def.name);
      }
    });
    this.changed(touched);
  }

  /**
   * Pulls pages until the cursor reaches the server's version. The next page is asked for as soon as a
   * page arrives (its cursor is in the answer), so the download of one page and the local write of the
   * one before overlap. While more pages follow, the tables that changed are announced at most every
   * `notifyEvery` ms (live queries re-run once, not once per page), and once more at the end.
   */
  private async pullAll(transport: SyncTransport): Promise<void> {
    const clientId = await this.clientId();
    let ahead: Promise<PullResponse> | null = null;
    let progress = null as DownloadProgress | null;
    const pending = new Set<string>();
    let notified = Date.now();
    let indexesDropped = false;
    try {
      for (;;) {
        const cursor = Number(await this.meta(this.db, 'cursor'));
        const asked = ahead;
        ahead = null;
        let page: PullResponse;
        try {
          page = await (asked ?? transport.pull({ clientId, cursor, limit: this.pullLimit }));
        } catch (err) {
          if (err instanceof ApiError && err.status === 410) {
            await this.rebootstrap();
            progress = null;
            continue;
          }
          throw err;
        }
        const known = Number(await this.meta(this.db, 'entitlements_version'));
        const knownTables = await this.meta(this.db, 'tables');
        const role = await this.meta(this.db, 'role');
        const tablesChanged = page.tables !== undefined && knownTables !== null ? knownTables !== page.tables : known !== page.entitlementsVersion;
        if ((tablesChanged || (role !== null && page.role !== undefined && role !== page.role)) && cursor !== 0) {
          // The company's modules changed: tables appeared or went; fetch everything again. (Clearing the
          // copy empties every list until the download ends, so a change that keeps the tables never does.)
          await this.rebootstrap();
          progress = null;
          continue;
        }
        if (page.hasMore && cursor === 0 && !indexesDropped) {
          // A whole download of several pages: the tables' own indexes are built once at the end, which
          // costs a fraction of keeping them up to date row by row. (Were the download cut short, the
          // next start builds them: `migrateLocal` creates every missing index.)
          await this.dropIndexes();
          indexesDropped = true;
        }
        if (page.hasMore) {
          ahead = transport.pull({ clientId, cursor: page.cursor, limit: this.pullLimit });
          // Its failure is seen when it is awaited (or not at all, if this page's write fails first).
          ahead.catch(() => undefined);
        }
        for (const t of await this.applyPage(page)) pending.add(t);
        progress = { rows: (progress?.rows ?? 0) + page.changes.length, cursor: page.cursor, from: progress?.from ?? cursor, head: progress?.head ?? page.head ?? null };
        if (page.hasMore) this.setStatus({ download: progress });
        if (!page.hasMore || Date.now() - notified >= notifyEvery) {
          this.changed(pending);
          pending.clear();
          notified = Date.now();
        }
        if (!page.hasMore) return;
      }
    } finally {
      if (indexesDropped) await this.buildIndexes();
      if (pending.size) this.changed(pending);
      if (progress) this.setStatus({ download: null });
    }
  }

  /** Drops the synced tables' secondary indexes (never the primary keys). */
  private async dropIndexes(): Promise<void> {
    const names = this.tables.map((t) => t.name);
    await this.db.transaction(async (tx) => {
      const indexes = await tx.all<{ name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (SELECT value FROM json_each(?))`, [JSON.stringify(names)]);
      for (const { name } of indexes) await tx.run(`DROP INDEX IF EXISTS ${q(name)}`);
    });
  }

  /** Creates the synced tables' indexes that are missing (as declared: `localTableDdl`). */
  private async buildIndexes(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const t of this.tables) for (const ddl of localTableDdl(t).slice(1)) await tx.run(ddl);
    });
  }

  /** Forgets the server's rows (never the pending changes) and starts again from cursor 0. */
  async rebootstrap(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const t of this.tables) await tx.run(`DELETE FROM ${q(t.name)}`);
      await this.setMeta(tx, 'cursor', 0);
      for (const t of this.tables) {
        const ids = await tx.all<{ row_id: string }>(`SELECT DISTINCT row_id FROM _sync_queue WHERE table_name = ?`, [t.name]);
        for (const { row_id } of ids) await this.reapplyPending(tx, t, row_id);
      }
    });
    this.changed(this.tables.map((t) => t.name));
  }

  /** Writes one page in one transaction; answers the tables it changed (announced by the caller). */
  private async applyPage(page: PullResponse): Promise<Set<string>> {
    const touched = new Set<string>();
    await this.db.transaction(async (tx) => {
      const offset = Number(await this.meta(tx, 'mutation_offset'));
      await tx.run(`DELETE FROM _sync_queue WHERE id <= ?`, [page.lastMutationId + offset]);
      // A page holds each row once (its latest state), so its writes can go table by table in batches.
      const upserts = new Map<TableDef, SqlValue[][]>();
      const deletes = new Map<TableDef, SqlValue[][]>();
      const rows = new Set<string>();
      for (const c of page.changes) {
        const def = this.byName.get(c.table);
        if (!def) continue;
        if (c.op === 'delete' || c.op === 'remove') (deletes.get(def) ?? deletes.set(def, []).get(def))?.push([c.rowId]);
        else (upserts.get(def) ?? upserts.set(def, []).get(def))?.push(this.rowValues(def, { ...c.data, id: c.rowId }, c.version));
        rows.add(`${c.table}\u0000${c.rowId}`);
        touched.add(def.name);
      }
      for (const [def, list] of upserts) await tx.run(this.bulkUpsertSql(def), [JSON.stringify(list)]);
      for (const [def, list] of deletes) await tx.run(`DELETE FROM ${q(def.name)} WHERE id IN (SELECT value FROM json_each(?))`, [JSON.stringify(list.map((d) => d[0]))]);
      const pending = await tx.all<{ table_name: string; row_id: string }>(`SELECT DISTINCT table_name, row_id FROM _sync_queue`);
      for (const p of pending) {
        const def = this.byName.get(p.table_name);
        if (def && rows.has(`${p.table_name}\u0000${p.row_id}`)) await this.reapplyPending(tx, def, p.row_id);
      }
      await this.setMeta(tx, 'cursor', page.cursor);
      await this.setMeta(tx, 'entitlements_version', page.entitlementsVersion);
      if (page.role !== undefined) await this.setMeta(tx, 'role', page.role);
      if (page.tables !== undefined) await this.setMeta(tx, 'tables', page.tables);
    });
    return touched;
  }

  /** Puts the still-pending local changes of one row back on top of the server's copy. */
  private async reapplyPending(tx: SqlExecutor, def: TableDef, rowId: string): Promise<void> {
    const pending = await tx.all<QueueEntry>(`SELECT * FROM _sync_queue WHERE table_name = ? AND row_id = ? ORDER BY id`, [def.name, rowId]);
    for (const e of pending) {
      if (e.op === 'delete') {
        await tx.run(`DELETE FROM ${q(def.name)} WHERE id = ?`, [rowId]);
        continue;
      }
      const data = e.data ? (JSON.parse(e.data) as Record<string, unknown>) : {};
      const [current] = await tx.all(`SELECT * FROM ${q(def.name)} WHERE id = ?`, [rowId]);
      if (current) {
        await this.writeRow(tx, def, { ...current, ...data }, current._version as number | null);
      } else if (rowSchemas(def).full.safeParse(data).success) {
        const now = this.now().toISOString();
        await this.writeRow(tx, def, { created_at: now, updated_at: now, ...data, id: rowId }, null);
      }
    }
  }
}
