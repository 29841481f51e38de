import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PullResponse, PushResponse } from '@roaauto/shared';
import { tenantTables } from '../core/tenancy/tenant-tables';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, registerCompany } from '../test/sessions';

/**
 * Every statement a push and a pull send to the database reaches a company's rows through an index,
 * never by reading a whole table: a company with a million rows, or a database with a thousand
 * companies, must cost a push or a pull what a small one does. The statements are caught as the real
 * routes run them, then each is explained on the same database with the values it was sent with.
 * PostgreSQL is told to avoid sequential scans (`enable_seqscan = off`), so that its plan is the one a
 * large table gets, and every read of a company table must have an index condition on the company or the
 * row's id; SQLite's plan says SEARCH (through an index's leading columns) or SCAN (the whole table or index).
 */
type Caught = { text: string; values: unknown[] };

const caught: Caught[] = [];
let recording = false;

function record(text: string, values: unknown): void {
  if (!recording || !/^\s*(select|with|update|delete|insert)\b/i.test(text)) return;
  caught.push({ text, values: Array.isArray(values) ? values : values === undefined ? [] : [values] });
}

// SQLite: every statement is prepared on the app's connection; its runs are caught with their values.
type Prepare = (this: SQLite.Database, source: string) => SQLite.Statement;
const prepare = Object.getOwnPropertyDescriptor(SQLite.prototype, 'prepare')?.value as Prepare;
vi.spyOn(SQLite.prototype, 'prepare').mockImplementation(function (this: SQLite.Database, text: string) {
  const stmt = prepare.call(this, text);
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const run = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
    (stmt as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      record(text, args.length === 1 ? args[0] : args);
      return run(...args);
    };
  }
  return stmt;
});

// PostgreSQL: every query goes through a pooled client's `query`.
type Query = (this: pg.Client, ...args: unknown[]) => unknown;
const query = Object.getOwnPropertyDescriptor(pg.Client.prototype, 'query')?.value as Query;
function caughtQuery(this: pg.Client, ...args: unknown[]): unknown {
  const [first, second] = args;
  if (typeof first === 'string') record(first, second);
  else if (first && typeof first === 'object' && 'text' in first) record(String(first.text), (first as { values?: unknown[] }).values);
  return query.apply(this, args);
}
Object.defineProperty(pg.Client.prototype, 'query', { value: caughtQuery, configurable: true, writable: true });

/** The tables a statement names, by the name or alias its plan uses for them. */
function tablesOf(text: string): Map<string, string> {
  const names = new Map<string, string>();
  const keywords = new Set(['where', 'on', 'cross', 'inner', 'left', 'join', 'order', 'group', 'limit', 'union', 'set', 'using', 'natural']);
  for (const m of text.matchAll(/\b(?:from|join|update|into)\s+"?(\w+)"?(?:\s+(?:as\s+)?"?(\w+)"?)?/gi)) {
    const table = m[1] ?? '';
    names.set(table, table);
    const alias = m[2];
    if (alias && !keywords.has(alias.toLowerCase())) names.set(alias, table);
  }
  return names;
}

const engine = testEngine();

describe(`the statements of push and pull use indexes on ${engine}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    Object.defineProperty(pg.Client.prototype, 'query', { value: query, configurable: true, writable: true });
    await t.close();
  });

  async function push(s: { accessToken: string }, clientId: string, mutations: unknown[]): Promise<PushResponse> {
    const r = await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId, schemaVersion: 1, mutations } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<PushResponse>();
  }
  async function pull(s: { accessToken: string }, clientId: string, cursor: number, limit: number): Promise<PullResponse> {
    const r = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=${cursor}&limit=${limit}`, headers: bearer(s) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<PullResponse>();
  }

  it('never reads a whole table of companies’ rows', async () => {
    // Two companies with rows of their own, so that a statement missing its company filter has rows to read.
    const companies = [await registerCompany(t.app), await registerCompany(t.app)];
    const ids: string[] = [];
    for (const [n, s] of companies.entries()) {
      const device = randomUUID();
      let mutation = 0;
      for (let p = 0; p < 3; p++) {
        const mutations = Array.from({ length: 40 }, (_, k) => {
          const rowId = randomUUID();
          if (n === 0) ids.push(rowId);
          return { id: ++mutation, table: 'vehicles', op: 'upsert', rowId, data: { nr_inmatriculare: `CT ${p}${k} QP`, client_nume: `Client ${k}` } };
        });
        await push(s, device, mutations);
      }
    }

    const [owner] = companies;
    if (!owner) throw new Error('no company');
    const device = randomUUID();
    recording = true;
    // A new device: the company's rows in pages, then a pull from its up-to-date cursor.
    let cursor = 0;
    for (;;) {
      const page = await pull(owner, device, cursor, 50);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    await pull(owner, device, cursor, 500);
    // Changes to rows the server has (an update, a delete), a new row, then the pull that brings them back.
    await push(owner, device, [
      { id: 1, table: 'vehicles', op: 'upsert', rowId: ids[0], data: { nr_inmatriculare: 'CT 99 UPD', client_nume: 'Schimbat' } },
      { id: 2, table: 'vehicles', op: 'delete', rowId: ids[1] },
      { id: 3, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: { nr_inmatriculare: 'CT 98 NOU', client_nume: 'Nou' } },
    ]);
    await pull(owner, device, cursor, 500);
    recording = false;

    const statements = [...new Map(caught.map((c) => [c.text, c])).values()];
    // The pull's page and heads, the push's lookups, writes and bookkeeping: a dozen statements or more.
    expect(statements.length).toBeGreaterThanOrEqual(12);
    expect(await scansIn(statements)).toEqual([]);
    // The check itself finds a statement that forgets its company.
    expect(await scansIn([{ text: 'select id from vehicles where version > $1', values: [0] }])).toHaveLength(1);
  });

  /** The statements whose plan reads a whole table of companies' rows, each with the plan's line. */
  async function scansIn(statements: Caught[]): Promise<string[]> {
    const scans: string[] = [];
    // Several statements in one text (BEGIN with the tenant's settings) explain nothing.
    const single = statements.filter((s) => !s.text.includes(';'));
    if (t.database.engine === 'sqlite') {
      const db = new SQLite(t.database.file, { readonly: true });
      try {
        for (const s of single) {
          const names = tablesOf(s.text);
          const text = s.text.replace(/\$\d+/g, '?');
          const plan = db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...s.values) as { detail: string }[];
          for (const { detail } of plan) {
            const m = /^SCAN (\w+)(?! VIRTUAL TABLE)/.exec(detail);
            const table = m && names.get(m[1] ?? '');
            if (table && table in tenantTables) scans.push(`${detail}\n  in: ${s.text.slice(0, 400)}`);
          }
        }
      } finally {
        db.close();
      }
      return scans;
    }
    const client = new pg.Client({ connectionString: t.database.url });
    await client.connect();
    try {
      await client.query(`SET search_path TO ${t.database.schema}`);
      await client.query('SET enable_seqscan = off');
      for (const s of single) {
        const res = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${s.text}`, s.values);
        const walk = (node: PlanNode): void => {
          const table = node['Relation Name'];
          // An INSERT, UPDATE or DELETE names its table; the rows it changes are found by its child nodes.
          if (table && table in tenantTables && node['Node Type'] !== 'ModifyTable' && !reachesByKey(node)) {
            scans.push(`${node['Node Type']} on ${table}${node['Index Cond'] ? ` (${node['Index Cond']})` : ''}\n  in: ${s.text.slice(0, 400)}`);
          }
          for (const child of node.Plans ?? []) walk(child);
        };
        const plan = res.rows[0]?.['QUERY PLAN'][0].Plan;
        if (!plan) throw new Error(`no plan for ${s.text}`);
        walk(plan);
      }
    } finally {
      await client.end();
    }
    return scans;
  }
});

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Cond'?: string; Plans?: PlanNode[] };

/**
 * Whether a plan node that reads a table reaches its rows through an index condition on the company
 * or on a key (a row's id; a device's id in the sync bookkeeping). A sequential scan does not; nor does an index scan without such a condition,
 * which with sequential scans off is how PostgreSQL reads a whole table.
 */
function reachesByKey(node: PlanNode): boolean {
  const conds: string[] = [];
  const collect = (n: PlanNode) => {
    if (n['Index Cond']) conds.push(n['Index Cond']);
    if (n['Node Type'] === 'Bitmap Heap Scan' || n['Node Type'].startsWith('Bitmap')) for (const c of n.Plans ?? []) collect(c);
  };
  collect(node);
  return conds.some((c) => /\b(tenant_id|id|client_id) = /.test(c));
}
