import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, localTableDdl, syncTables, type SqlValue } from '@roaauto/shared';
import { NetworkError } from '@/app/api';
import type * as Api from '@/app/api';
import type { LocalDatabase } from '@/db/local-database';
import { deviceSeries, issueBlocker, nextSeriesName, type KnownSeries } from './device-series';
import { createDeviceSeries, heldSeriesSql, knownSeriesSql } from './series';

// The server's answers to "make this series", and an account that has a company.
const apiFetch = vi.hoisted(() => vi.fn<(path: string, init: { json?: { serie?: string } }) => Promise<unknown>>());
vi.mock('@/app/api', async (original) => ({ ...(await original<typeof Api>()), apiFetch }));
vi.mock('@/app/session', () => ({ useSession: () => ({ account: { tenant: { id: 't1', name: 'Service' } }, accessToken: () => Promise.resolve('token') }) }));

const known = (serie: string, mine = 0, activa = 1): KnownSeries => ({ serie, activa, mine });
const base = { loaded: true, held: [], known: [], base: null, hasAccount: true, online: true };

describe('the name of a new series', () => {
  it("is the profile's proposal, upper-cased, then the first of 2, 3… that is free", () => {
    expect(nextSeriesName(null, new Set())).toBe('ROA');
    expect(nextSeriesName('  tar ', new Set())).toBe('TAR');
    expect(nextSeriesName('TAR', new Set(['TAR']))).toBe('TAR2');
    expect(nextSeriesName('ROA', new Set(['ROA', 'ROA2', 'ROA4']))).toBe('ROA3');
    expect(nextSeriesName('', new Set(['ROA']))).toBe('ROA2');
  });
});

describe("this device's series on the new-invoice page", () => {
  it('says nothing while the data is read', () => {
    expect(deviceSeries({ ...base, loaded: false })).toEqual({ kind: 'loading' });
  });

  it('numbers in the first series this device holds', () => {
    const held = [{ serie: 'ROA2', ultimul_numar: 6 }, { serie: 'ROA5', ultimul_numar: 0 }];
    expect(deviceSeries({ ...base, held, known: [known('ROA'), known('ROA2', 1), known('ROA5', 1)] })).toEqual({ kind: 'held', serie: 'ROA2', next: 7 });
  });

  it('without an account, the first invoice makes the series, and the page names it beforehand', () => {
    expect(deviceSeries({ ...base, hasAccount: false, base: 'tar' })).toEqual({ kind: 'madeOnIssue', serie: 'TAR' });
    expect(deviceSeries({ ...base, hasAccount: false, online: false })).toEqual({ kind: 'madeOnIssue', serie: 'ROA' });
  });

  it('with an account and no series here: the next free name, the series of the other devices (why not ROA), and whether the internet is missing', () => {
    const company = [known('ROA'), known('ROB'), known('OLD', 0, 0)];
    expect(deviceSeries({ ...base, known: company })).toEqual({ kind: 'missing', proposed: 'ROA2', others: ['ROA', 'ROB'], needsInternet: false });
    expect(deviceSeries({ ...base, known: company, online: false })).toMatchObject({ kind: 'missing', needsInternet: true });
    // The company's first device with an account: nobody else holds a series.
    expect(deviceSeries({ ...base, base: 'SRV' })).toEqual({ kind: 'missing', proposed: 'SRV', others: [], needsInternet: false });
  });

  it('the issue button says why it waits: the series, a fully reversed invoice, the company details', () => {
    const missing = deviceSeries({ ...base, known: [known('ROA')] });
    const held = deviceSeries({ ...base, held: [{ serie: 'ROA', ultimul_numar: 0 }] });
    expect(issueBlocker({ missingProfile: false, fullyReversed: false, series: missing })).toBe('series');
    expect(issueBlocker({ missingProfile: true, fullyReversed: false, series: missing })).toBe('series');
    expect(issueBlocker({ missingProfile: true, fullyReversed: false, series: held })).toBe('profile');
    expect(issueBlocker({ missingProfile: false, fullyReversed: true, series: missing })).toBe('reversed');
    expect(issueBlocker({ missingProfile: false, fullyReversed: false, series: held })).toBeNull();
    expect(issueBlocker({ missingProfile: false, fullyReversed: false, series: deviceSeries({ ...base, hasAccount: false }) })).toBeNull();
  });
});

/** The device's own tables on SQLite, this device being client `me`. */
let sqlite: Database.Database;
beforeAll(() => {
  sqlite = new Database(':memory:');
  const declared = syncTables.find((t) => t.name === 'invoice_series');
  if (!declared) throw new Error('invoice_series is not a synced table');
  for (const sql of localTableDdl(declared)) sqlite.exec(sql);
  sqlite.exec(`CREATE TABLE _sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
  sqlite.exec(`INSERT INTO _sync_meta (key, value) VALUES ('client_id', 'me')`);
});
afterAll(() => sqlite.close());
beforeEach(() => {
  sqlite.exec(`DELETE FROM invoice_series`);
  apiFetch.mockReset();
});

function addSeries(serie: string, clientId: string, created: string, activa = 1): void {
  sqlite.prepare(`INSERT INTO invoice_series (id, serie, numar_start, ultimul_numar, client_id, descriere, activa, created_at, updated_at) VALUES (?, ?, 1, 0, ?, NULL, ?, ?, ?)`)
    .run(`id-${serie}`, serie, clientId, activa, created, created);
}
const query = <T>(sql: string, params: readonly SqlValue[] = []) => Promise.resolve(sqlite.prepare<SqlValue[], T>(sql).all(...params));

describe('the series queries on the device', () => {
  it("know every series of the company and which are this device's", async () => {
    addSeries('ROA', 'first-phone', '2026-01-01');
    addSeries('ROA2', 'me', '2026-02-01');
    addSeries('OLD', 'me', '2025-01-01', 0);
    expect(await query<KnownSeries>(knownSeriesSql)).toEqual([known('OLD', 1, 0), known('ROA'), known('ROA2', 1)]);
    expect((await query<{ serie: string }>(heldSeriesSql)).map((s) => s.serie)).toEqual(['ROA2']);
  });
});

describe('one tap makes the series', () => {
  /** A device whose sync brings `arrives` (series another device made since the last sync). */
  function device(arrives: [serie: string, clientId: string][]) {
    const syncNow = vi.fn(() => {
      for (const [serie, clientId] of arrives.splice(0)) addSeries(serie, clientId, '2026-03-01');
      return Promise.resolve();
    });
    const db = { query, syncNow, clientId: () => Promise.resolve('me') } as unknown as LocalDatabase;
    return { db, syncNow };
  }
  const asked = () => apiFetch.mock.calls.map(([, init]) => init.json?.serie);

  it('under the name shown', async () => {
    addSeries('ROA', 'first-phone', '2026-01-01');
    const { db, syncNow } = device([]);
    apiFetch.mockResolvedValue({});
    await expect(createDeviceSeries(db, 'ROA2', null)).resolves.toBe('ROA2');
    expect(asked()).toEqual(['ROA2']);
    expect(syncNow).toHaveBeenCalledTimes(1);
  });

  it('under the next free name when another device took that one before this device synced it', async () => {
    addSeries('ROA', 'first-phone', '2026-01-01');
    const { db } = device([['ROA2', 'tablet']]);
    apiFetch.mockRejectedValueOnce(new ApiError(409, 'conflict', 'The series ROA2 already exists')).mockResolvedValue({});
    await expect(createDeviceSeries(db, 'ROA2', null)).resolves.toBe('ROA3');
    expect(asked()).toEqual(['ROA2', 'ROA3']);
  });

  it('says offline as it is, and gives up after a few names refused', async () => {
    const { db } = device([]);
    apiFetch.mockRejectedValue(new NetworkError('Failed to fetch'));
    await expect(createDeviceSeries(db, 'ROA', null)).rejects.toBeInstanceOf(NetworkError);
    expect(asked()).toEqual(['ROA']);
    apiFetch.mockReset();
    apiFetch.mockRejectedValue(new ApiError(409, 'conflict', 'taken'));
    await expect(createDeviceSeries(db, 'ROA', null)).rejects.toMatchObject({ code: 'conflict' });
    expect(asked()).toEqual(['ROA', 'ROA2', 'ROA3', 'ROA4']);
  });
});
