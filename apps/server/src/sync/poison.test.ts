import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, newId, type SyncTransport } from '@roaauto/shared';
import { testDevices, type TestDevice } from '../test/devices';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { registerCompany } from '../test/sessions';

const order = (extra: Record<string, unknown>) => ({ data_comanda: '2026-03-02', status: 'DRAFT', total_manopera: 0, total_materiale: 0, total_general: 0, ...extra });

/**
 * A change as an older or tampered app would have queued it: written to the local table and the queue
 * without the shared validators (today's engine refuses these values before they are queued).
 */
async function queueUnchecked(d: TestDevice, table: string, data: Record<string, unknown>): Promise<string> {
  const id = newId();
  const now = new Date().toISOString();
  const columns = ['id', 'created_at', 'updated_at', ...Object.keys(data)];
  await d.db.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, [id, now, now, ...Object.values(data)] as never);
  await d.db.run(`INSERT INTO _sync_queue (table_name, row_id, op, data, base_version, created_at) VALUES (?, ?, 'upsert', ?, NULL, ?)`, [table, id, JSON.stringify(data), now]);
  return id;
}

describe(`a device with poisoned changes in its queue on ${testEngine()}`, () => {
  let t: TestApp;
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });

  it('still syncs everything after them; each is rolled back and listed, and no push fails', async () => {
    const s = await registerCompany(t.app);
    const otherCompany = await registerCompany(t.app);
    const stranger = await device(otherCompany);
    const foreignClient = await stranger.engine.create('clients', { tip: 'pj', nume: 'Alt Service SRL' });
    await stranger.engine.sync();

    const colleague = await device(s);
    const known = await colleague.engine.create('clients', { tip: 'pf', nume: 'Maria Pop' });
    await colleague.engine.create('invoice_series', { serie: 'ROA', numar_start: 1, ultimul_numar: 0, client_id: colleague.clientId, descriere: null, activa: 1 });
    await colleague.engine.sync();

    const answers: number[] = [];
    const counted = (tr: SyncTransport): SyncTransport => ({
      ...tr,
      push: async (body) => {
        try {
          const res = await tr.push(body);
          answers.push(200);
          return res;
        } catch (err) {
          answers.push(err instanceof ApiError ? err.status : 0);
          throw err;
        }
      },
    });
    const d = await device(s, counted);
    await d.engine.sync();

    const car = await d.engine.create('vehicles', { nr_inmatriculare: 'CT 01 BUN' });
    const poisoned = {
      nul: await queueUnchecked(d, 'clients', { tip: 'pf', nume: 'Ana\u0000Pop' }),
      overflow: await queueUnchecked(d, 'vehicles', { nr_inmatriculare: 'CT 02 RAU', oracle_id: 3_000_000_000 }),
      date: await queueUnchecked(d, 'orders', order({ data_comanda: '2026-02-30' })),
      surrogate: await queueUnchecked(d, 'clients', { tip: 'pf', nume: 'Ana \uD83D' }),
      foreign: String((await d.engine.create('vehicles', { nr_inmatriculare: 'CT 03 RAU', client_id: foreignClient.id })).id),
      // Passes every rule; the database holds a series name once per company (the colleague has it).
      stored: String((await d.engine.create('invoice_series', { serie: 'ROA', numar_start: 1, ultimul_numar: 0, client_id: d.clientId, descriere: null, activa: 1 })).id),
    };
    const repair = await d.engine.create('orders', order({ vehicle_id: car.id, nr_auto: 'CT 01 BUN' }));
    const hers = await d.engine.create('vehicles', { nr_inmatriculare: 'CT 04 BUN', client_id: known.id });
    await d.engine.update('vehicles', String(car.id), { client_telefon: '0722111222' });

    await d.engine.sync();
    expect(answers.every((status) => status < 500)).toBe(true);
    expect(answers.length).toBeGreaterThan(0);
    expect(d.engine.getStatus().state).toBe('idle');
    expect(await d.engine.pendingCount()).toBe(0);

    const refused = new Map((await d.engine.rejections()).map((r) => [r.rowId, r.code]));
    expect(Object.fromEntries(Object.entries(poisoned).map(([k, id]) => [k, refused.get(id)]))).toEqual({
      nul: 'validation_failed', overflow: 'validation_failed', date: 'validation_failed', surrogate: 'validation_failed', foreign: 'validation_failed', stored: 'conflict',
    });
    expect(refused.size).toBe(6);
    const ids = async (dev: TestDevice, table: string) => (await dev.rows(table)).map((r) => r.id);
    for (const id of Object.values(poisoned)) {
      for (const table of ['clients', 'vehicles', 'orders', 'invoice_series']) expect(await ids(d, table)).not.toContain(id);
    }

    const second = await device(s);
    await second.engine.sync();
    for (const dev of [d, second]) {
      const vehicles = await dev.rows<{ id: string; client_telefon: string | null; client_id: string | null }>('vehicles');
      expect(vehicles.map((v) => v.id).sort()).toEqual([String(car.id), String(hers.id)].sort());
      expect(vehicles.find((v) => v.id === car.id)?.client_telefon).toBe('0722111222');
      expect(vehicles.find((v) => v.id === hers.id)?.client_id).toBe(known.id);
      expect(await dev.rows<{ id: string; vehicle_id: string }>('orders')).toEqual([expect.objectContaining({ id: repair.id, vehicle_id: car.id })]);
      expect((await dev.rows<{ serie: string; client_id: string }>('invoice_series')).map((r) => [r.serie, r.client_id])).toEqual([['ROA', colleague.clientId]]);
      expect(await ids(dev, 'clients')).toEqual([known.id]);
    }
  });
});
