import {
  DomainError,
  can,
  hasModule,
  mutationSchema,
  rowSchemas,
  supportedSyncSchemaVersions,
  syncTable,
  syncTables,
  type ErrorCode,
  type Mutation,
  type MutationResult,
  type PushedRequest,
  type PushResponse,
  type Refusal,
  type TableDef,
} from '@roaauto/shared';
import { z } from 'zod';
import type { UserAuth } from '../core/auth/guards';
import type { Database } from '../core/db';
import { withTenant, type TenantTx } from '../core/tenancy/tenant-scope';
import type { Entitlements } from '@roaauto/shared';
import type { GatedSyncHook } from '../module-kit';
import type { SyncHook, TouchedRows } from './hooks';
import type { PokeBus } from './poke-bus';
import { knownReferences, missingReference, referenceColumns } from './references';
import { PageCache, deflatePrefix, gzipWithTail, type CachedPrefix } from './pull-body';
import { createSyncStore, nearVersions, publicRow, type LastMutation, type PullState, type Row, type SyncStore } from './sync.store';
import { accessOf, addChildren, dropUnreadable, inScope, isScoped, pinCreated, readScopedPull, refreshScopes, scopeChange, scopeTriggers, type ScopeAccess } from './scope';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';

const gzipBytes = promisify(gzipCallback);
/** What a write must change for what some user reads row by row to change (see scope.ts). */
const triggers = scopeTriggers(syncTables);

/** A pull's answer, a PullResponse as JSON bytes, gzip-compressed when `encoding` says so. */
export type PullAnswer = { body: Buffer; encoding: 'gzip' | null };

const pageHead = Buffer.from('{"changes":[');
/** Smaller answers are not worth compressing (@fastify/compress's threshold in app.ts). */
const gzipFrom = 2048;
/**
 * Compressed bootstrap pages kept for other devices of the company (every device starts over at
 * once after a plan change, say): how long a page may be served after it was read. The memory they may
 * take (~100 kB a page of 1,000 changes) is SYNC_PAGE_CACHE_MB.
 */
const pageCacheTtlMs = 5_000;

/** Columns a client may never set: they come from the token or the server. */
const serverColumns = new Set(['id', 'tenant_id', 'created_at', 'updated_at', 'deleted_at', 'version', 'last_client_id']);
const columnsCache = new WeakMap<TableDef, string[]>();
/** Every stored column of a synced table, in a stable order. */
function storedColumns(def: TableDef): string[] {
  let cols = columnsCache.get(def);
  if (!cols) columnsCache.set(def, (cols = ['id', 'tenant_id', 'created_at', 'updated_at', 'deleted_at', 'version', 'last_client_id', ...Object.keys(def.columns)]));
  return cols;
}

const compiledCache = new WeakMap<TableDef, ReturnType<typeof rowSchemas>>();
/**
 * The table's row validators (`rowSchemas`), compiled by zod ahead of time: valid rows take generated
 * code (measured ~5× faster on a push than the schema's own parse); a row that fails falls back to the
 * schema's regular parser, so what is accepted and the rejection messages stay exactly the same.
 */
export function compiledRowSchemas(def: TableDef): ReturnType<typeof rowSchemas> {
  let s = compiledCache.get(def);
  if (!s) {
    const { full, patch } = rowSchemas(def);
    compiledCache.set(def, (s = { full: z.compile(full), patch: z.compile(patch) }));
  }
  return s;
}

type Rejection = { kind: 'reject'; code: ErrorCode; message: string; refusal?: Refusal };
type Verdict = { kind: 'row'; row: Row } | { kind: 'same' } | Rejection;
const reject = (code: ErrorCode, message: string): Rejection => ({ kind: 'reject', code, message });
/** A table rule's refusal: `validation_failed`, with the rule's code and parameters for the device. */
const refused = (refusal: Refusal): Rejection => ({ kind: 'reject', code: 'validation_failed', message: refusal.message, refusal });
const foreignId = reject('forbidden', 'This id is already used by another record');
/**
 * What every mutation of one push shares. `known` holds the `table:id` of the company's rows that
 * references name and that `state` does not hold (see references.ts).
 */
type ApplyContext = { auth: UserAuth; clientId: string; version: number; now: string; state: Map<string, Row>; known: Set<string> };
const notVisible = reject('forbidden', 'This record is not one your role reads');

/** A mutation's envelope (table, operation, id, data), checked per mutation; compiled like the rows. */
const mutationEnvelope = z.compile(mutationSchema);

/**
 * Why the database refused one row, as that row's mutation is answered; null for anything else (a
 * lost connection, a bug), which fails the push as before so that the device simply tries again.
 * PostgreSQL classes 22 (data), 23 (constraints) and 54 (limits); SQLite's constraint and size codes.
 */
function rowWriteProblem(err: unknown): Rejection | null {
  const code = typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : '';
  if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return reject('conflict', 'This conflicts with a record already stored (a value that must be unique is taken)');
  }
  if (/^(22|23|54)[0-9A-Z]{3}$/.test(code) || /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(code)) {
    return reject('validation_failed', 'The server cannot store this record');
  }
  return null;
}

/** The batch write of a push hit a row the database refuses: the push is redone row by row. */
class RowRefused extends Error {
  override name = 'RowRefused';
}

/** What applying a push's mutations produced, before anything is written. */
type Applied = {
  results: MutationResult[];
  touched: TouchedRows;
  appliedBy: Map<string, number[]>;
  /** The stored rows the push loaded, as they were before it (to tell whether it changed a column a scope reads). */
  before: ReadonlyMap<string, Row>;
};

/** The savepoint a push's recovery undoes to before it applies the mutations again. */
const pushSavepoint = 'sync_push';
const rowSavepoint = 'sync_row';

/** Whether the data names a column only the server sets (without making an array of its keys). */
function hasServerColumn(data: Record<string, unknown>): boolean {
  for (const k in data) if (serverColumns.has(k)) return true;
  return false;
}

/** The tables a pull reads, as the page says them (JSON text): a device downloads everything again only when they change. */
function tablesKey(tables: readonly TableDef[]): string {
  return JSON.stringify(tables.map((t) => t.name).join(','));
}

export class SyncService {
  private readonly store: SyncStore;
  private readonly pages: PageCache;
  /** Pages being read, by their cache key: settled once the page is kept (or known not to be). */
  private readonly reading = new Map<string, Promise<void>>();
  private readonly hooks: readonly GatedSyncHook[];

  constructor(
    private readonly database: Database,
    private readonly pokes: PokeBus,
    /** Told of an unexpected error in a table's rule (the mutation is refused; the push goes on). */
    private readonly onRuleError: (err: unknown) => void,
    /** `hooks`: the modules' steps of a push (app.ts passes those of the list file), each run when its modules are on. */
    options: { pageCacheBytes?: number; hooks?: readonly GatedSyncHook[] } = {},
  ) {
    this.hooks = options.hooks ?? [];
    this.store = createSyncStore(database);
    this.pages = new PageCache(options.pageCacheBytes ?? 32 * 1024 * 1024, pageCacheTtlMs);
  }

  /** Refuses a clientId that another user (of any company) already uses. */
  private async assertClientOwner(auth: UserAuth, clientId: string): Promise<void> {
    assertOwner(auth, await this.store.clientOwner(clientId));
  }

  async push(auth: UserAuth, entitlements: Entitlements, req: PushedRequest): Promise<PushResponse> {
    if (!supportedSyncSchemaVersions.includes(req.schemaVersion)) {
      throw new DomainError('upgrade_required', 'This app version is too old for the server; reload to update', {
        supported: supportedSyncSchemaVersions,
      });
    }
    const ids = req.mutations.map((m) => m.id);
    if (ids.some((id, i) => i > 0 && id <= (ids[i - 1] ?? 0))) {
      throw new DomainError('validation_failed', 'Mutation ids must be strictly increasing within a push');
    }
    // A malformed mutation keeps its number and becomes its own rejection; it stands in the list as a
    // mutation of no table, so nothing is looked up for it.
    const malformed = new Map<number, Rejection>();
    const mutations: Mutation[] = req.mutations.map((raw) => {
      const m = mutationEnvelope.safeParse(raw);
      if (m.success) return m.data;
      malformed.set(raw.id, reject('validation_failed', issues(m.error.issues)));
      return { id: raw.id, table: '', op: 'upsert', rowId: '' };
    });
    // Row ids that already exist in another company, looked up with the client's owner outside the
    // tenant scope (before the push's transaction, which on SQLite holds the only connection):
    // answered only as "forbidden".
    const { owner, foreign: found } = await this.store.ownerAndForeignIds(auth.tenantId, req.clientId, idsByTable(mutations));
    assertOwner(auth, owner);
    const foreign = new Set(found.map(({ table, id }) => `${table}:${id}`));
    const run = (recover: boolean) => this.pushOnce(auth, entitlements, req.clientId, mutations, malformed, foreign, recover);
    let outcome: Awaited<ReturnType<typeof run>>;
    try {
      outcome = await run(false);
    } catch (err) {
      // Nothing of the first attempt was committed; the second finds the rows the database refuses.
      if (!(err instanceof RowRefused)) throw err;
      outcome = await run(true);
    }
    if (outcome.published !== null) this.pokes.flush(auth.tenantId, outcome.published);
    for (const fn of outcome.afterCommit) {
      try {
        fn();
      } catch (err) {
        this.onRuleError(err);
      }
    }
    return outcome.response;
  }

  /**
   * One attempt at a push, in one transaction. The usual one writes the rows in batches; if the
   * database refuses one of them, the attempt is dropped (RowRefused) and a recovering one writes
   * row by row, each in a savepoint, to learn which rows are refused. Their mutations are then
   * refused and the whole push is applied again without them, hooks included, so nothing derived from
   * a refused row (an order's totals, its invoiced status, a reference to it) is stored.
   */
  private async pushOnce(
    auth: UserAuth, entitlements: Entitlements, clientId: string, mutations: readonly Mutation[], malformed: ReadonlyMap<number, Rejection>,
    foreign: ReadonlySet<string>, recover: boolean,
  ): Promise<{ response: PushResponse; published: number | null; afterCommit: readonly (() => void)[] }> {
    const now = new Date().toISOString();
    return withTenant(this.database, auth.tenantId, async (tx) => {
      const { last, version: taken } = await this.lockClient(tx, auth, clientId, now, mutations.at(-1)?.id ?? 0);
      const results: MutationResult[] = [];
      const fresh: Mutation[] = [];
      for (const m of mutations) {
        if (m.id <= last) results.push({ id: m.id, status: 'duplicate' });
        else fresh.push(m);
      }
      if (fresh.length === 0) return { response: { lastMutationId: last, results }, published: null, afterCommit: [] };
      if (fresh.some((m, i) => m.id !== last + 1 + i)) {
        throw new DomainError('conflict', `Mutations are missing: the server has up to ${last}`, { lastMutationId: last });
      }

      const version = taken ?? await this.store.nextVersion(tx);
      // Module and role verdicts are the same for every row of a table: decide them once per push.
      const verdicts = new Map<TableDef, Rejection | null>();
      const at = new Date(now);
      const refusals = (def: TableDef): Rejection | null => {
        if (!verdicts.has(def)) {
          verdicts.set(def, !hasModule(entitlements, def.module, at)
            ? reject('module_not_entitled', `The "${def.module}" module is not available in your plan`)
            : !can(auth.role, def.writePermission) ? reject('forbidden', `Your role (${auth.role}) may not change ${def.name}`) : null);
        }
        return verdicts.get(def) ?? null;
      };
      const forced = new Map(malformed);
      const hooks = this.hooks.filter((h) => h.modules.every((id) => hasModule(entitlements, id, at))).map((h) => h.run);
      // What the hooks of the attempt that is kept asked to run once the push is committed.
      const afterCommit: (() => void)[] = [];
      const applyAll = () => {
        afterCommit.length = 0;
        return this.applyAll(tx, fresh, { auth, clientId, version, now }, refusals, foreign, forced, hooks, { entitlements, afterCommit });
      };

      const lastMutationId = last + fresh.length;
      let applied: Applied;
      if (!recover) {
        applied = await applyAll();
        try {
          await this.write(tx, applied.touched, { clientId, lastMutationId, now });
        } catch (err) {
          if (rowWriteProblem(err)) throw new RowRefused('a row of the push was refused by the database', { cause: err });
          throw err;
        }
      } else {
        for (;;) {
          await this.store.savepoint(tx, pushSavepoint);
          applied = await applyAll();
          const refused = await this.writeEach(tx, applied.touched);
          if (refused.size === 0) {
            await this.store.releaseSavepoint(tx, pushSavepoint);
            break;
          }
          await this.store.rollbackToSavepoint(tx, pushSavepoint);
          await this.store.releaseSavepoint(tx, pushSavepoint);
          let more = false;
          for (const [id, why] of blame(refused, applied)) {
            if (!forced.has(id)) {
              forced.set(id, why);
              more = true;
            }
          }
          if (!more) throw new Error('the database refuses a row that no mutation of the push answers for');
        }
        await this.store.setLastMutation(tx, clientId, lastMutationId, now);
      }

      await this.updateScopes(tx, auth, applied.touched, version, applied.before);
      results.push(...applied.results);
      const changed = applied.touched.size > 0;
      if (changed) await this.pokes.publish(tx, version);
      return { response: { lastMutationId, results }, published: changed ? version : null, afterCommit };
    });
  }

  /**
   * Every fresh mutation against the rows as they stand, then the modules' hooks: the results and the
   * rows to write. `forced` are mutations refused before they are looked at (malformed, or refused by
   * the database in an earlier attempt of this push).
   */
  private async applyAll(
    tx: TenantTx, fresh: readonly Mutation[], push: Omit<ApplyContext, 'state' | 'known'>, refusals: (def: TableDef) => Rejection | null,
    foreign: ReadonlySet<string>, forced: ReadonlyMap<number, Rejection>, hooks: readonly SyncHook[],
    hookExtras: { entitlements: Entitlements; afterCommit: (() => void)[] },
  ): Promise<Applied> {
    const state = await this.loadRows(tx, fresh);
    await this.loadParents(tx, fresh, state);
    const before = new Map(state);
    const pushed = new Set(fresh.map((m) => `${m.table}:${m.rowId}`));
    const candidates = fresh.flatMap((m) => {
      const def = m.data ? syncTable(m.table) : undefined;
      return def && m.data && referenceColumns(def).length ? [{ def, values: m.data }] : [];
    });
    // Rows the push itself holds or makes are not looked up: `state` has them when they are checked.
    const known = await knownReferences(tx, this.store, candidates, (key) => state.has(key) || pushed.has(key));
    const ctx: ApplyContext = { ...push, state, known };
    const hidden = await this.hiddenRows(tx, push.auth, fresh, state);
    const touched: TouchedRows = new Map();
    const appliedBy = new Map<string, number[]>();
    const results: MutationResult[] = [];
    for (const m of fresh) {
      const def = syncTable(m.table);
      const key = `${m.table}:${m.rowId}`;
      const current = state.get(key) ?? null;
      const verdict: Verdict = forced.get(m.id)
        ?? (def ? this.applySafely(def, m, current, refusals(def) ?? (foreign.has(key) ? foreignId : hidden.has(key) ? notVisible : null), ctx)
          : reject('validation_failed', `Table "${m.table}" does not exist or does not sync`));
      if (verdict.kind === 'reject') {
        const visible = def && current && !current.deleted_at && !foreign.has(key) && !hidden.has(key) ? { ...publicRow(def, current), version: current.version } : null;
        results.push({
          id: m.id, status: 'rejected', code: verdict.code, message: verdict.message, row: visible,
          ...(verdict.refusal ? { rule: verdict.refusal.code, params: verdict.refusal.params } : {}),
        });
        continue;
      }
      if (def && verdict.kind === 'row') {
        state.set(key, verdict.row);
        touched.set(key, { def, row: verdict.row, isNew: touched.get(key)?.isNew ?? current === null });
        (appliedBy.get(key) ?? appliedBy.set(key, []).get(key))?.push(m.id);
      }
      results.push({ id: m.id, status: 'applied' });
    }
    for (const hook of hooks) {
      const refusedByHook = new Map<string, Rejection>();
      await hook({
        tx, store: this.store, state, touched, version: push.version, now: push.now, clientId: push.clientId,
        entitlements: hookExtras.entitlements, afterCommit: (fn) => hookExtras.afterCommit.push(fn),
        refuse: (key, refusal) => {
          if (appliedBy.has(key) && !refusedByHook.has(key)) refusedByHook.set(key, refused(refusal));
        },
      });
      if (refusedByHook.size) this.dropRefused(refusedByHook, { results, touched, appliedBy, before }, state, foreign, hidden);
    }
    return { results, touched, appliedBy, before };
  }

  /**
   * Takes back rows a hook refused (`refused`, by `table:id`): their mutations are answered as refused,
   * and so is every other row of the push that references one of them (a dangling reference otherwise),
   * until none is left; the rows are neither written nor left in `state` for later hooks.
   */
  private dropRefused(
    refused: Map<string, Rejection>, applied: Applied, state: Map<string, Row>, foreign: ReadonlySet<string>, hidden: ReadonlySet<string>,
  ): void {
    const { results, touched, appliedBy, before } = applied;
    for (let grew = true; grew;) {
      grew = false;
      for (const [key, { def, row }] of touched) {
        if (refused.has(key)) continue;
        for (const [column, targets] of referenceColumns(def)) {
          const id = row[column];
          const named = typeof id === 'string' ? targets.map((t) => `${t}:${id}`).find((k) => refused.has(k)) : undefined;
          if (!named) continue;
          const why = refused.get(named);
          if (why) refused.set(key, { ...why, message: `${column}: the record it names was refused (${why.message})` });
          grew = true;
          break;
        }
      }
    }
    const byId = new Map(results.map((r, i) => [r.id, i]));
    for (const [key, why] of refused) {
      const w = touched.get(key);
      touched.delete(key);
      const stored = before.get(key) ?? null;
      if (stored) state.set(key, stored);
      else state.delete(key);
      const visible = w && stored && !stored.deleted_at && !foreign.has(key) && !hidden.has(key) ? { ...publicRow(w.def, stored), version: stored.version } : null;
      for (const id of appliedBy.get(key) ?? []) {
        const at = byId.get(id);
        if (at === undefined) continue;
        results[at] = {
          id, status: 'rejected', code: why.code, message: why.message, row: visible,
          ...(why.refusal ? { rule: why.refusal.code, params: why.refusal.params } : {}),
        };
      }
      appliedBy.delete(key);
    }
  }

  /**
   * Rows stored before this push that the pushing user does not read (`table:id`): a change to one is
   * refused like a row of another company, and the refusal carries no copy of it.
   */
  private async hiddenRows(tx: TenantTx, auth: UserAuth, fresh: readonly Mutation[], state: ReadonlyMap<string, Row>): Promise<Set<string>> {
    const hidden = new Set<string>();
    const access = accessOf(auth.role, syncTables);
    if (!isScoped(access) && ![...access.values()].includes('none')) return hidden;
    const stored = new Map<string, string[]>();
    for (const m of fresh) {
      const a = access.get(m.table);
      if (!state.has(`${m.table}:${m.rowId}`) || a === 'all' || a === undefined) continue;
      if (a === 'none') hidden.add(`${m.table}:${m.rowId}`);
      else (stored.get(m.table) ?? stored.set(m.table, []).get(m.table))?.push(m.rowId);
    }
    for (const [table, ids] of stored) {
      const visible = await inScope(tx, auth.userId, table, ids);
      for (const id of ids) if (!visible.has(id)) hidden.add(`${table}:${id}`);
    }
    return hidden;
  }

  /**
   * After a write: rows a scoped user made stay theirs (scope.ts, pinCreated), and when the write
   * touched a table some scope depends on, the company's scopes are worked out again at its version.
   */
  private async updateScopes(tx: TenantTx, auth: UserAuth | null, touched: TouchedRows, version: number, before: ReadonlyMap<string, Row> = new Map()): Promise<void> {
    const access = auth ? accessOf(auth.role, syncTables) : null;
    const made = [...touched.values()].filter((w) => w.isNew);
    if (auth && access && isScoped(access)) await pinCreated(tx, auth.userId, access, made.map((w) => ({ table: w.def, id: w.row.id })), version);
    const rows = [...touched].map(([key, w]) => ({ key, table: w.def.name, row: w.row, isNew: w.isNew }));
    const change = scopeChange(triggers, rows, before);
    if (change === 'full') await refreshScopes(tx, syncTables, version);
    else for (const [table, ids] of change) await addChildren(tx, table, ids, version);
    if (auth && access && isScoped(access)) {
      const byTable = new Map<string, string[]>();
      for (const w of made) if (access.get(w.def.name) === 'scoped') (byTable.get(w.def.name) ?? byTable.set(w.def.name, []).get(w.def.name))?.push(w.row.id);
      for (const [table, ids] of byTable) await dropUnreadable(tx, auth.userId, table, ids, version);
    }
  }

  /**
   * Works out again which rows `userId` reads (after their role changed, say), at a new version of
   * the company, which devices are told of.
   */
  async refreshUserScope(tenantId: string, userId: string): Promise<void> {
    const version = await withTenant(this.database, tenantId, async (tx) => {
      const version = await this.store.nextVersion(tx);
      await refreshScopes(tx, syncTables, version, [userId]);
      await this.pokes.publish(tx, version);
      return version;
    });
    this.pokes.flush(tenantId, version);
  }

  /**
   * The client's row, locked for this transaction (one push per client at a time), created on first
   * use; with the company's next version when the store took it in the same statement (`upTo`: the
   * push's highest mutation id, so a push of duplicates alone takes none).
   */
  private async lockClient(tx: TenantTx, auth: UserAuth, clientId: string, now: string, upTo: number): Promise<{ last: number; version?: number }> {
    const row = await this.store.lockClient(tx, auth.userId, clientId, now, upTo);
    if (row?.user_id !== auth.userId) throw new DomainError('forbidden', 'This clientId belongs to another user; make a new one');
    return { last: row.last_mutation_id, ...(row.version === undefined ? {} : { version: row.version }) };
  }

  private async loadRows(tx: TenantTx, mutations: readonly Mutation[]): Promise<Map<string, Row>> {
    const state = new Map<string, Row>();
    for (const { table, row } of await this.store.loadRowsOf(tx, idsByTable(mutations))) state.set(`${table}:${row.id}`, row);
    return state;
  }

  /**
   * The parents of rows that declare one (an order line's order), for the tables' rules: from the
   * mutation's data or the stored row, loaded within the company (another company's id is not found).
   */
  private async loadParents(tx: TenantTx, mutations: readonly Mutation[], state: Map<string, Row>): Promise<void> {
    const wanted = new Map<string, Set<string>>();
    for (const m of mutations) {
      const parent = syncTable(m.table)?.parent;
      if (!parent) continue;
      const id = m.data?.[parent.column] ?? state.get(`${m.table}:${m.rowId}`)?.[parent.column];
      if (typeof id !== 'string' || state.has(`${parent.table}:${id}`)) continue;
      (wanted.get(parent.table) ?? wanted.set(parent.table, new Set()).get(parent.table))?.add(id);
    }
    for (const [table, ids] of wanted) {
      for (const r of await this.store.loadRows(tx, table, [...ids])) state.set(`${table}:${r.id}`, r);
    }
  }

  /** `apply`, with an unexpected error of a table's rule answered as that mutation's refusal. */
  private applySafely(def: TableDef, m: Mutation, current: Row | null, refusal: Rejection | null, ctx: ApplyContext): Verdict {
    try {
      return this.apply(def, m, current, refusal, ctx);
    } catch (err) {
      this.onRuleError(err);
      return reject('internal_error', 'The server could not check this change');
    }
  }

  /**
   * One mutation against the row as it stands: the new row, the same row (no change), or why not.
   * `refusal` is decided before the row is looked at (module, role, another company's id).
   */
  private apply(def: TableDef, m: Mutation, current: Row | null, refusal: Rejection | null, ctx: ApplyContext): Verdict {
    if (refusal) return refusal;
    const given = m.data ?? {};
    if ('tenant_id' in given && given.tenant_id !== ctx.auth.tenantId) return reject('forbidden', 'A row cannot belong to another company');
    const data = hasServerColumn(given) ? Object.fromEntries(Object.entries(given).filter(([k]) => !serverColumns.has(k))) : given;
    const parentOf = (row: Row) => (def.parent ? (ctx.state.get(`${def.parent.table}:${String(row[def.parent.column])}`) ?? null) : null);

    if (m.op === 'delete') {
      if (!current || current.deleted_at) return { kind: 'same' };
      const refusal = def.check?.({ row: current as never, previous: current as never, parent: parentOf(current), deleting: true, clientId: ctx.clientId });
      if (refusal) return refused(refusal);
      return { kind: 'row', row: { ...current, deleted_at: ctx.now, updated_at: ctx.now, version: ctx.version, last_client_id: ctx.clientId } };
    }
    if (current?.deleted_at) return reject('gone', 'This record was deleted');
    const schemas = compiledRowSchemas(def);
    let next: Row;
    if (current) {
      if (def.conflict === 'base-version' && m.baseVersion != null && m.baseVersion !== current.version && current.last_client_id !== ctx.clientId) {
        return reject('conflict', 'Someone else changed this record meanwhile');
      }
      const patch = schemas.patch.safeParse(data);
      if (!patch.success) return reject('validation_failed', issues(patch.error.issues));
      next = { ...current, ...patch.data, updated_at: ctx.now, version: ctx.version, last_client_id: ctx.clientId };
    } else {
      const full = schemas.full.safeParse(data);
      if (!full.success) return reject('validation_failed', issues(full.error.issues));
      // The validator's output is a fresh object: it becomes the stored row (one object per row, not two).
      next = full.data as Row;
      next.id = m.rowId;
      next.tenant_id = ctx.auth.tenantId;
      next.created_at = ctx.now;
      next.updated_at = ctx.now;
      next.deleted_at = null;
      next.version = ctx.version;
      next.last_client_id = ctx.clientId;
    }
    // A reference is checked when it is set: one already stored is not the device's to answer for.
    const patched = current ? data : null;
    const dangling = missingReference(
      def, next, (column) => !patched || (column in patched && patched[column] !== current?.[column]), (key) => ctx.state.has(key) || ctx.known.has(key),
    );
    if (dangling) return reject('validation_failed', dangling);
    const problem = def.check?.({ row: next as never, previous: current as never, parent: parentOf(next), deleting: false, clientId: ctx.clientId });
    if (problem) return refused(problem);
    return { kind: 'row', row: next };
  }

  /** The touched rows, and for a push the client's last mutation with them. */
  private async write(tx: TenantTx, touched: TouchedRows, client?: LastMutation): Promise<void> {
    await this.store.writeRows(tx, [...touched.values()].map(({ def, row, isNew }) => ({ table: def.name, columns: storedColumns(def), row, isNew })), client);
  }

  /** Like `write`, one row at a time, each in a savepoint: the rows the database refuses, and why. */
  private async writeEach(tx: TenantTx, touched: TouchedRows): Promise<Map<string, Rejection>> {
    const refused = new Map<string, Rejection>();
    const one = async (key: string, write: () => Promise<void>) => {
      await this.store.savepoint(tx, rowSavepoint);
      try {
        await write();
      } catch (err) {
        const why = rowWriteProblem(err);
        if (!why) throw err;
        await this.store.rollbackToSavepoint(tx, rowSavepoint);
        refused.set(key, why);
      }
      await this.store.releaseSavepoint(tx, rowSavepoint);
    };
    for (const [key, { def, row, isNew }] of touched) if (!isNew) await one(key, () => this.store.updateRow(tx, def.name, storedColumns(def), row));
    for (const [key, { def, row, isNew }] of touched) if (isNew) await one(key, () => this.store.insertRows(tx, def.name, storedColumns(def), [row]));
    return refused;
  }

  /**
   * One page of changes after `cursor`, as the JSON of a PullResponse: the changes, cursor and hasMore
   * (the same for every device of the company and possibly kept for the next device: see PageCache),
   * then the device's own last mutation and the entitlements version. A device asking for a page that
   * another is reading waits for it (all devices of a company start over at once after a plan change).
   * The device's state is always read after the page it is sent with, never before: its last mutation
   * may then be newer than the page (that change comes in a later page), never older (the device would
   * put a change the page already holds back on top of it).
   */
  async pull(auth: UserAuth, entitlements: Entitlements, clientId: string, cursor: number, limit: number, gzip: boolean): Promise<PullAnswer> {
    const now = new Date();
    const entitled = syncTables.filter((t) => hasModule(entitlements, t.module, now));
    const access = accessOf(auth.role, entitled);
    // A role that reads some tables row by row takes its own path (no page is shared with others).
    if (isScoped(access)) return this.scopedPull(auth, entitlements, clientId, entitled.filter((t) => access.get(t.name) !== 'none'), access, cursor, limit, gzip);
    const tables = entitled.filter((t) => access.get(t.name) === 'all');
    const ownerOk = (s: PullState) => !s.owner || (s.owner.tenantId === auth.tenantId && s.owner.userId === auth.userId);
    const gone = (s: PullState) => cursor > s.version || (cursor > 0 && cursor < s.purgedBefore);
    // Everything a page depends on besides the data: a role that reads less must key it too.
    const key = JSON.stringify([auth.tenantId, auth.role, cursor, limit, tables.map((t) => t.name)]);
    for (let waits = 0; ; waits++) {
      let cached: CachedPrefix | undefined;
      let pending: Promise<void> | undefined;
      let done: (() => void) | undefined;
      try {
        const { state, page } = await this.store.readPull(auth.tenantId, clientId, tables, cursor, limit, (s) => {
          if (!ownerOk(s) || gone(s) || cursor === s.version) return false;
          if (done) return true; // PostgreSQL's second look, in the page's snapshot
          cached = this.pages.get(key);
          if (cached?.kind === 'deflated' && !gzip) cached = undefined;
          if (cached) return false;
          // A device near the company's version gets the last page, which is never kept: nothing to share.
          if (s.version - cursor <= nearVersions) return true;
          pending = waits < 2 ? this.reading.get(key) : undefined;
          if (pending) return false;
          if (!this.reading.has(key)) this.reading.set(key, new Promise<void>((resolve) => (done = resolve)));
          return true;
        });
        if (!ownerOk(state)) throw new DomainError('forbidden', 'This clientId belongs to another user; make a new one');
        if (gone(state)) throw new DomainError('gone', 'This copy is too old to catch up; download everything again', { cursor: 0 });
        if (pending) {
          await pending;
          continue;
        }
        const tail = Buffer.from(`"lastMutationId":${state.lastMutationId},"entitlementsVersion":${entitlements.version},"role":${JSON.stringify(auth.role)},"tables":${tablesKey(tables)},"head":${state.version}}`);
        if (cached?.kind === 'deflated') return { body: gzipWithTail(cached.prefix, tail), encoding: 'gzip' };
        if (cached) return { body: Buffer.concat([cached.text, tail]), encoding: null };

        const hasMore = page?.hasMore ?? false;
        const next = !page ? state.version : hasMore ? page.upTo : Math.max(page.upTo, state.version);
        const prefix = Buffer.concat([pageHead, page?.changes ?? Buffer.alloc(0), Buffer.from(`],"cursor":${next},"hasMore":${hasMore},`)]);
        if (prefix.length + tail.length < gzipFrom || !gzip) {
          if (hasMore && prefix.length < gzipFrom) this.pages.set(key, { kind: 'text', text: prefix });
          return { body: Buffer.concat([prefix, tail]), encoding: null };
        }
        const deflated = await deflatePrefix(prefix);
        if (hasMore) this.pages.set(key, { kind: 'deflated', prefix: deflated });
        return { body: gzipWithTail(deflated, tail), encoding: 'gzip' };
      } finally {
        if (done) {
          this.reading.delete(key);
          done();
        }
      }
    }
  }

  /** `pull` for a user who reads some tables row by row (scope.ts): one snapshot, never cached. */
  private async scopedPull(
    auth: UserAuth, entitlements: Entitlements, clientId: string, tables: readonly TableDef[], access: ScopeAccess, cursor: number, limit: number, gzip: boolean,
  ): Promise<PullAnswer> {
    await this.assertClientOwner(auth, clientId);
    const read = await withTenant(this.database, auth.tenantId, (tx) => readScopedPull(tx, auth.userId, clientId, tables, access, cursor, limit), { snapshot: true });
    if (cursor > read.version || (cursor > 0 && cursor < read.purgedBefore)) {
      throw new DomainError('gone', 'This copy is too old to catch up; download everything again', { cursor: 0 });
    }
    const { page } = read;
    const hasMore = page?.hasMore ?? false;
    const next = !page ? read.version : hasMore ? page.upTo : Math.max(page.upTo, read.version);
    const body = Buffer.from(`{"changes":[${page?.changes.join(',') ?? ''}],"cursor":${next},"hasMore":${hasMore},`
      + `"lastMutationId":${read.lastMutationId},"entitlementsVersion":${entitlements.version},"role":${JSON.stringify(auth.role)},"tables":${tablesKey(tables)},"head":${read.version}}`);
    if (!gzip || body.length < gzipFrom) return { body, encoding: null };
    return { body: await gzipBytes(body, { level: 1 }), encoding: 'gzip' };
  }

  /**
   * Rows the server itself writes outside a push (a series given to a device, a print in the audit
   * trail, a document's counter): one new version of the company, pulled by every device like any
   * change. `fn` loads what it needs and returns the rows to write (`isNew` for an insert).
   */
  async serverWrite<T>(
    tenantId: string,
    fn: (ctx: {
      tx: TenantTx;
      load: (table: string, ids: readonly string[]) => Promise<Row[]>;
      /** Live rows of `table` whose `column` names one of `parentIds` (an order's lines). */
      children: (table: string, column: string, parentIds: readonly string[]) => Promise<Row[]>;
      version: number;
      now: string;
    }) => Promise<{ rows: { table: string; row: Record<string, unknown>; isNew: boolean }[]; result: T }>,
  ): Promise<T> {
    const now = new Date().toISOString();
    const { result, version } = await withTenant(this.database, tenantId, async (tx) => {
      const version = await this.store.nextVersion(tx);
      const out = await fn({
        tx, load: (table, ids) => this.store.loadRows(tx, table, ids), children: (table, column, parentIds) => this.store.loadChildren(tx, table, column, parentIds), version, now,
      });
      const touched: TouchedRows = new Map();
      for (const { table, row, isNew } of out.rows) {
        const def = syncTable(table);
        if (!def) throw new DomainError('validation_failed', `Unknown table ${table}`);
        // What the server writes is held to the same declaration as a push: a request's text that got
        // this far (a series' description, say) is refused as the client's mistake, not stored or a 500.
        const checked = rowSchemas(def).full.safeParse(Object.fromEntries(Object.keys(def.columns).map((k) => [k, row[k] ?? null])));
        if (!checked.success) throw new DomainError('validation_failed', issues(checked.error.issues));
        const stored = isNew
          ? Object.assign(checked.data, {
              id: row.id, tenant_id: tenantId, created_at: now, updated_at: now, deleted_at: null, version, last_client_id: null,
            })
          : { ...row, updated_at: now, version, last_client_id: null };
        touched.set(`${table}:${String(row.id)}`, { def, row: stored as Row, isNew });
      }
      await this.assertReferences(tx, touched);
      await this.write(tx, touched);
      await this.updateScopes(tx, null, touched, version);
      if (touched.size) await this.pokes.publish(tx, version);
      return { result: out.result, version: touched.size ? version : null };
    });
    if (version !== null) this.pokes.flush(tenantId, version);
    return result;
  }

  /**
   * The server's own writes name only the company's rows too: a new row's references, and those an
   * update changes (a reference already stored is left as it is).
   */
  private async assertReferences(tx: TenantTx, touched: TouchedRows): Promise<void> {
    const rows = [...touched.values()].filter((t) => referenceColumns(t.def).length > 0);
    if (!rows.length) return;
    const stored = new Map<string, Row>();
    for (const [table, ids] of groupIds(rows.filter((t) => !t.isNew).map((t) => [t.def.name, t.row.id]))) {
      for (const r of await this.store.loadRows(tx, table, ids)) stored.set(`${table}:${r.id}`, r);
    }
    const known = await knownReferences(tx, this.store, rows.map((t) => ({ def: t.def, values: t.row })), (key) => touched.has(key));
    for (const { def, row, isNew } of rows) {
      const before = isNew ? null : stored.get(`${def.name}:${row.id}`);
      const dangling = missingReference(def, row, (column) => !before || before[column] !== row[column], (key) => touched.has(key) || known.has(key));
      if (dangling) throw new DomainError('validation_failed', `${def.name}.${dangling}`);
    }
  }

  /** Refuses a clientId that another user uses; records it as this user's device when it is new. */
  async claimClient(auth: UserAuth, clientId: string): Promise<void> {
    await this.assertClientOwner(auth, clientId);
    const now = new Date().toISOString();
    await withTenant(this.database, auth.tenantId, (tx) => tx.db.insertInto('sync_clients').values({
      client_id: clientId, tenant_id: tx.tenantId, user_id: auth.userId, last_mutation_id: 0, created_at: now, last_seen_at: now,
    }).onConflict((oc) => oc.column('client_id').doNothing()).execute());
  }

  /** The company's current version (for the first poke of an event stream). */
  async currentVersion(tenantId: string): Promise<number> {
    return withTenant(this.database, tenantId, async (tx) => {
      const s = await tx.db.selectFrom('sync_tenant_state').select('version').executeTakeFirst();
      return s?.version ?? 0;
    });
  }
}

/**
 * The mutations that answer for rows the database refused: the row's own; for a row only a hook
 * changed, those of the rows it was derived from; failing both, every applied one (so each attempt
 * refuses at least one more mutation and recovery ends).
 */
function blame(refused: ReadonlyMap<string, Rejection>, applied: Applied): Map<number, Rejection> {
  const out = new Map<number, Rejection>();
  for (const [key, why] of refused) {
    let ids = applied.appliedBy.get(key) ?? [];
    if (!ids.length) ids = [...(applied.touched.get(key)?.sources ?? [])].flatMap((k) => applied.appliedBy.get(k) ?? []);
    if (!ids.length) ids = [...applied.appliedBy.values()].flat();
    for (const id of ids) if (!out.has(id)) out.set(id, why);
  }
  return out;
}

function assertOwner(auth: UserAuth, owner: { tenant_id: string; user_id: string } | undefined): void {
  if (owner && (owner.tenant_id !== auth.tenantId || owner.user_id !== auth.userId)) {
    throw new DomainError('forbidden', 'This clientId belongs to another user; make a new one');
  }
}

function groupIds(pairs: Iterable<readonly [string, string]>): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const [table, id] of pairs) (byTable.get(table) ?? byTable.set(table, []).get(table))?.push(id);
  return byTable;
}

function idsByTable(mutations: readonly Mutation[]): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const m of mutations) if (syncTable(m.table)) (byTable.get(m.table) ?? byTable.set(m.table, []).get(m.table))?.push(m.rowId);
  return byTable;
}

function issues(list: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return list.map((i) => `${i.path.map(String).join('.') || 'row'}: ${i.message}`).join('; ');
}
