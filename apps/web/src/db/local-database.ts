import { SyncEngine, newId, syncTables, type SqlRow, type SqlValue, type SyncStatus, type SyncTransport, type Rejection, type WriteOp } from '@roaauto/shared';
import { fromWire, toWire, type WireError } from './wire-error';
import { openWorkerDatabase, type WorkerDatabase } from './worker-executor';

/** What a backup file holds: every synced table, the pending changes and the sync bookkeeping. */
export type Backup = {
  format: 'roaauto-backup';
  version: 1;
  schemaVersion: number;
  createdAt: string;
  tables: Record<string, SqlRow[]>;
};

type Ops = {
  query: (sql: string, params: readonly SqlValue[]) => Promise<SqlRow[]>;
  create: (table: string, data: Record<string, unknown>) => Promise<Record<string, unknown>>;
  update: (table: string, id: string, patch: Record<string, unknown>) => Promise<Record<string, unknown>>;
  remove: (table: string, id: string) => Promise<void>;
  write: (ops: WriteOp[]) => Promise<(Record<string, unknown> | null)[]>;
  sync: () => Promise<void>;
  rejections: () => Promise<Rejection[]>;
  pendingCount: () => Promise<number>;
  dismissRejections: () => Promise<void>;
  exportBackup: () => Promise<Backup>;
  importBackup: (backup: Backup) => Promise<void>;
};
type OpName = keyof Ops;

type Message =
  | { kind: 'req'; from: string; id: number; op: OpName; args: unknown[] }
  | { kind: 'res'; to: string; id: number; ok: boolean; value?: unknown; error?: WireError }
  | { kind: 'leader'; tabId: string }
  | { kind: 'hello' }
  | { kind: 'changed'; tables: string[] }
  | { kind: 'status'; status: SyncStatus };

const localTables = ['_sync_queue', '_sync_meta', '_sync_rejections'];
const backupSchemaVersion = 1;

export type LocalDatabaseOptions = {
  /** The OPFS file: one per (company, user), or the no-account one. */
  file: string;
  /** How the leader reaches the server; null while there is no account (nothing is sent). */
  transport: () => SyncTransport | null;
  /** Called in the leader tab once its engine runs (start the sync loop there). */
  onLeader?: (db: LocalDatabase, engine: SyncEngine) => void;
};

/**
 * The company's local database as every tab sees it. One tab (the leader, elected with Web Locks)
 * owns the worker and the sync engine; the other tabs send it their reads and writes over a
 * BroadcastChannel and hear about changes and sync status from it. When the leader closes, the next
 * tab takes over and re-sends what was still unanswered (writes carry their ids, so a repeat is harmless).
 */
export class LocalDatabase {
  private readonly tabId = newId();
  private readonly channel: BroadcastChannel;
  private engine: SyncEngine | null = null;
  private worker: WorkerDatabase | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { op: OpName; args: unknown[]; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly changeListeners = new Set<(tables: ReadonlySet<string>) => void>();
  private readonly statusListeners = new Set<(s: SyncStatus) => void>();
  private status: SyncStatus = { state: 'idle', pending: 0, lastSyncedAt: null, error: null, errorCode: null, rejections: 0 };
  private releaseLeadership: (() => void) | null = null;
  private closed = false;
  leader = false;

  private constructor(private readonly options: LocalDatabaseOptions) {
    this.channel = new BroadcastChannel(`roaauto-db:${options.file}`);
    this.channel.onmessage = (e: MessageEvent<Message>) => void this.onMessage(e.data);
  }

  static async open(options: LocalDatabaseOptions): Promise<LocalDatabase> {
    const db = new LocalDatabase(options);
    await db.elect();
    return db;
  }

  get file(): string {
    return this.options.file;
  }

  /**
   * Leader if nobody else holds the lock; otherwise a follower that queues for the lock and takes over
   * when the leader's tab goes away. The lock is kept for the tab's life.
   */
  private async elect(): Promise<void> {
    const name = `roaauto-leader:${this.options.file}`;
    const hold = () => new Promise<void>((release) => (this.releaseLeadership = release));
    const leader = await new Promise<boolean>((resolve, reject) => {
      void navigator.locks.request(name, { ifAvailable: true }, async (lock) => {
        if (!lock) return resolve(false);
        try {
          await this.becomeLeader();
        } catch (err) {
          reject(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        resolve(true);
        await hold();
      });
    });
    if (!leader) {
      this.post({ kind: 'hello' });
      void navigator.locks.request(name, async () => {
        if (this.closed) return;
        await this.becomeLeader();
        await hold();
      });
    }
  }

  private async becomeLeader(): Promise<void> {
    // Right after a reload the previous page's worker may still hold the file's OPFS handles for a
    // moment ("disk I/O error"): try again for a few seconds before giving up.
    let engine: SyncEngine | null = null;
    for (let attempt = 1; !engine; attempt++) {
      try {
        this.worker = await openWorkerDatabase(this.options.file);
        // Big pull pages: each page is one local transaction, and fewer of them download faster.
        const candidate = new SyncEngine(this.worker, this.options.transport(), { pullLimit: 5000 });
        await candidate.init();
        engine = candidate;
      } catch (err) {
        console.warn('local database: open failed, trying again', attempt, err);
        if (attempt >= 12) throw err;
        await new Promise((r) => setTimeout(r, 150 * attempt));
      }
    }
    engine.onChange((tables) => this.emitChanged([...tables]));
    engine.onStatus((s) => this.emitStatus(s));
    this.engine = engine;
    this.leader = true;
    this.emitStatus(engine.getStatus());
    this.post({ kind: 'leader', tabId: this.tabId });
    // What this tab asked of the old leader and never heard back about, it now does itself.
    for (const [id, w] of this.waiting) {
      this.waiting.delete(id);
      const fn = this.ops[w.op] as (...a: unknown[]) => Promise<unknown>;
      fn(...w.args).then(w.resolve, w.reject);
    }
    this.options.onLeader?.(this, engine);
  }

  private post(m: Message): void {
    if (!this.closed) this.channel.postMessage(m);
  }

  private emitChanged(tables: string[]): void {
    const set = new Set(tables);
    for (const l of this.changeListeners) l(set);
    this.post({ kind: 'changed', tables });
  }

  private emitStatus(s: SyncStatus): void {
    this.status = s;
    for (const l of this.statusListeners) l(s);
    this.post({ kind: 'status', status: s });
  }

  private async onMessage(m: Message): Promise<void> {
    switch (m.kind) {
      case 'req': {
        if (!this.leader) return;
        let reply: Message;
        try {
          const fn = this.ops[m.op] as (...a: unknown[]) => Promise<unknown>;
          reply = { kind: 'res', to: m.from, id: m.id, ok: true, value: await fn(...m.args) };
        } catch (err) {
          reply = { kind: 'res', to: m.from, id: m.id, ok: false, error: toWire(err) };
        }
        this.post(reply);
        return;
      }
      case 'res': {
        if (m.to !== this.tabId) return;
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        if (m.ok) w.resolve(m.value);
        else w.reject(m.error ? fromWire(m.error) : new Error('The leader tab did not say why'));
        return;
      }
      case 'hello':
        // A tab just opened: tell it where sync stands.
        if (this.leader) this.post({ kind: 'status', status: this.status });
        return;
      case 'leader':
        // A new leader: send again whatever the old one did not answer.
        for (const [id, w] of this.waiting) this.post({ kind: 'req', from: this.tabId, id, op: w.op, args: w.args });
        return;
      case 'changed':
        for (const l of this.changeListeners) l(new Set(m.tables));
        return;
      case 'status':
        this.status = m.status;
        for (const l of this.statusListeners) l(m.status);
        return;
    }
  }

  private call<K extends OpName>(op: K, ...args: Parameters<Ops[K]>): ReturnType<Ops[K]> {
    if (this.leader) return (this.ops[op] as (...a: unknown[]) => ReturnType<Ops[K]>)(...args);
    return new Promise<unknown>((resolve, reject) => {
      const id = this.nextId++;
      this.waiting.set(id, { op, args, resolve, reject });
      this.post({ kind: 'req', from: this.tabId, id, op, args });
    }) as ReturnType<Ops[K]>;
  }

  /** The leader's own implementations. */
  private readonly ops: Ops = {
    query: (sql, params) => this.need().all(sql, params),
    create: (table, data) => this.needEngine().create(table, data),
    update: (table, id, patch) => this.needEngine().update(table, id, patch),
    remove: (table, id) => this.needEngine().delete(table, id),
    write: (ops) => this.needEngine().write(ops),
    sync: () => this.needEngine().sync(),
    rejections: () => this.needEngine().rejections(),
    pendingCount: () => this.needEngine().pendingCount(),
    dismissRejections: () => this.needEngine().dismissRejections(),
    exportBackup: async () => {
      const db = this.need();
      const tables: Record<string, SqlRow[]> = {};
      for (const name of [...syncTables.map((t) => t.name), ...localTables]) tables[name] = await db.all(`SELECT * FROM "${name}"`);
      return { format: 'roaauto-backup', version: 1, schemaVersion: backupSchemaVersion, createdAt: new Date().toISOString(), tables };
    },
    importBackup: async (backup) => {
      validateBackup(backup);
      const db = this.need();
      // Issued invoices are fiscal documents: a backup older than them would lose them and hand out
      // their numbers again. Refused; the person keeps this device's data (or restores a newer file).
      const behind = invoicesBehind(await db.all(`SELECT id, serie, numar_start, ultimul_numar FROM invoice_series`), backup.tables.invoice_series ?? []);
      if (behind) throw new BackupError('invoices_behind', behind);
      await db.transaction(async (tx) => {
        for (const [name, rows] of Object.entries(backup.tables)) {
          await tx.run(`DELETE FROM "${name}"`);
          const first = rows[0];
          if (!first) continue;
          const def = syncTables.find((t) => t.name === name);
          // The search text is the device's own: made again here (a backup from an older app has none).
          const cols = Object.keys(first).filter((c) => c !== '_search');
          if (def?.search) cols.push('_search');
          const sql = `INSERT INTO "${name}" (${cols.map((c) => `"${c.replaceAll('"', '""')}"`).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
          for (const r of rows) await tx.run(sql, cols.map((c) => (c === '_search' && def?.search ? def.search(r as never) : (r[c] ?? null))));
        }
      });
      this.emitChanged(syncTables.map((t) => t.name));
    },
  };

  private need(): WorkerDatabase {
    if (!this.worker) throw new Error('the local database is not open in this tab');
    return this.worker;
  }

  private needEngine(): SyncEngine {
    if (!this.engine) throw new Error('the local database is not open in this tab');
    return this.engine;
  }

  query<T extends SqlRow = SqlRow>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.call('query', sql, params) as Promise<T[]>;
  }

  create(table: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    // The id is made here so that a request repeated to a new leader creates the same row.
    return this.call('create', table, { id: newId(), ...data });
  }

  update(table: string, id: string, patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call('update', table, id, patch);
  }

  remove(table: string, id: string): Promise<void> {
    return this.call('remove', table, id);
  }

  /**
   * Several changes in one local transaction (all or none), e.g. an order, its lines and its totals.
   * New rows get their ids here, so a request repeated to a new leader creates the same rows.
   */
  write(ops: readonly WriteOp[]): Promise<(Record<string, unknown> | null)[]> {
    const withIds = ops.map((o) => (o.op === 'create' && typeof o.data.id !== 'string' ? { ...o, data: { id: newId(), ...o.data } } : o));
    return this.call('write', withIds);
  }

  syncNow(): Promise<void> {
    return this.call('sync');
  }

  /** This device's sync client id (kept in the database; rules tie invoice series to it). */
  async clientId(): Promise<string> {
    const [row] = await this.query<{ value: string }>(`SELECT value FROM _sync_meta WHERE key = 'client_id'`);
    if (!row) throw new Error('The local database has no client id');
    return row.value;
  }

  rejections(): Promise<Rejection[]> {
    return this.call('rejections');
  }

  dismissRejections(): Promise<void> {
    return this.call('dismissRejections');
  }

  /** Local changes not yet acknowledged by the server. */
  pendingCount(): Promise<number> {
    return this.call('pendingCount');
  }

  exportBackup(): Promise<Backup> {
    return this.call('exportBackup');
  }

  importBackup(backup: Backup): Promise<void> {
    return this.call('importBackup', backup);
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  onChange(listener: (tables: ReadonlySet<string>) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onStatus(listener: (s: SyncStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => this.statusListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.channel.close();
    // Let another tab (or the next page) take the lead at once; it retries while the file is freed.
    this.releaseLeadership?.();
    await this.worker?.close();
  }

  /** Deletes this database (sign-out): only the leader can; other tabs should be closed first. */
  async destroy(): Promise<void> {
    this.closed = true;
    this.channel.close();
    await this.worker?.destroy();
    this.releaseLeadership?.();
  }
}

/** Why a file cannot be restored; the UI words each reason in the user's language. */
export class BackupError extends Error {
  constructor(readonly reason: 'not_backup' | 'newer_app' | 'bad_content' | 'invoices_behind', detail = '') {
    super(`${reason}${detail ? `: ${detail}` : ''}`);
    this.name = 'BackupError';
  }
}

/** The first series whose last number here is past the backup's (its name), or null. */
function invoicesBehind(here: readonly SqlRow[], inBackup: readonly SqlRow[]): string | null {
  const backupLast = new Map(inBackup.map((r) => [r.id, Number(r.ultimul_numar)]));
  const ahead = here.find((r) => Number(r.ultimul_numar) >= Number(r.numar_start) && Number(r.ultimul_numar) > (backupLast.get(r.id) ?? -1));
  return ahead ? String(ahead.serie) : null;
}

/** Refuses a file that is not one of our backups, is from a newer app version, or has foreign content. */
export function validateBackup(value: unknown): asserts value is Backup {
  const b = value as Partial<Backup> | null;
  if (!b || b.format !== 'roaauto-backup' || typeof b.tables !== 'object') throw new BackupError('not_backup');
  if (b.version !== 1 || typeof b.schemaVersion !== 'number' || b.schemaVersion > backupSchemaVersion) throw new BackupError('newer_app');
  const known = new Set([...syncTables.map((t) => t.name), ...localTables]);
  for (const [name, rows] of Object.entries(b.tables)) {
    if (!known.has(name) || !Array.isArray(rows)) throw new BackupError('bad_content', name);
  }
}
