import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DomainError, defaultVat, issueOps, lineTotal, newId, sellerFromProfile,
  type CompanyProfile, type InvoiceLine, type InvoiceSeries, type LineAmounts, type Party, type PullResponse, type PushResponse,
} from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import { testDevices } from '../test/devices';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { bearer, registerCompany } from '../test/sessions';
import { createLocalPokeBus } from './poke-bus';
import { SyncService } from './sync.service';

const vehicle = (plate: string, extra: Record<string, unknown> = {}) => ({ nr_inmatriculare: plate, ...extra });
const order = (extra: Record<string, unknown> = {}) => ({ data_comanda: '2026-03-02', status: 'DRAFT', total_manopera: 0, total_materiale: 0, total_general: 0, ...extra });
const statuses = (r: PushResponse) => r.results.map((x) => (x.status === 'rejected' ? `${x.status}:${x.code ?? ''}` : x.status));

describe(`push input the engines cannot store, on ${testEngine()}`, () => {
  let t: TestApp;
  const devices = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    devices.closeAll();
    await t.close();
  });

  const push = (s: Session, clientId: string, mutations: object[]) =>
    t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: { clientId, schemaVersion: 1, mutations: mutations.map((m, i) => ({ id: i + 1, ...m })) } });
  const pull = async (s: Session, clientId: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${clientId}&cursor=0&limit=5000`, headers: bearer(s) })).json<PullResponse>();

  it('refuses NUL, lone surrogates, int4 overflows and impossible dates one mutation at a time', async () => {
    const s = await registerCompany(t.app);
    const clientId = randomUUID();
    const good = [randomUUID(), randomUUID()];
    const res = await push(s, clientId, [
      { table: 'vehicles', op: 'upsert', rowId: good[0], data: vehicle('CT 01 AAA') },
      { table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pf', nume: 'Ana\u0000Pop' } },
      { table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('CT 02 AAA', { oracle_id: 3_000_000_000 }) },
      { table: 'orders', op: 'upsert', rowId: randomUUID(), data: order({ data_comanda: '2026-02-30' }) },
      { table: 'clients', op: 'upsert', rowId: randomUUID(), data: { tip: 'pf', nume: 'Ana \uD83D' } },
      { table: 'vehicles', op: 'upsert', rowId: good[0], data: { client_nume: 'Ion\u0000' } },
      { table: 'vehicles', op: 'upsert', rowId: good[1], data: vehicle('CT 03 AAA', { oracle_id: 2_147_483_647 }) },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<PushResponse>();
    expect(body.lastMutationId).toBe(7);
    expect(statuses(body)).toEqual(['applied', ...Array<string>(5).fill('rejected:validation_failed'), 'applied']);
    expect(body.results[5]?.row).toMatchObject({ id: good[0], client_nume: null });
    const changes = (await pull(s, clientId)).changes;
    expect(changes.map((c) => c.rowId).sort()).toEqual([...good].sort());
  });

  it('answers a row\'s own malformed fields as that mutation\'s rejection, not as a refused push', async () => {
    const s = await registerCompany(t.app);
    const clientId = randomUUID();
    const ok = randomUUID();
    const res = await push(s, clientId, [
      { table: 'vehicles', op: 'upsert', rowId: 'not-a-uuid', data: vehicle('B 01 XYZ') },
      { table: 'vehicles', op: 'merge', rowId: randomUUID(), data: vehicle('B 02 XYZ') },
      { table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: ['x'] },
      { table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('B 03 XYZ'), baseVersion: -1 },
      { table: 'x'.repeat(200), op: 'upsert', rowId: randomUUID(), data: {} },
      { table: 'vehicles', op: 'upsert', rowId: ok, data: vehicle('B 04 XYZ') },
    ]);
    expect(res.statusCode).toBe(200);
    const body = res.json<PushResponse>();
    expect(body.lastMutationId).toBe(6);
    expect(statuses(body)).toEqual([...Array<string>(5).fill('rejected:validation_failed'), 'applied']);
    expect((await pull(s, clientId)).changes.map((c) => c.rowId)).toEqual([ok]);
  });

  it('stores no reference to another company\'s row, and answers it like an id that does not exist', async () => {
    const a = await registerCompany(t.app);
    const b = await registerCompany(t.app);
    const cb = randomUUID();
    const [bVehicle, bClient, bOrder] = [randomUUID(), randomUUID(), randomUUID()];
    expect(statuses((await push(b, cb, [
      { table: 'vehicles', op: 'upsert', rowId: bVehicle, data: vehicle('B 99 BBB') },
      { table: 'clients', op: 'upsert', rowId: bClient, data: { tip: 'pf', nume: 'Client B' } },
      { table: 'orders', op: 'upsert', rowId: bOrder, data: order({ nr_auto: 'B 99 BBB' }) },
    ])).json<PushResponse>())).toEqual(['applied', 'applied', 'applied']);
    const bInvoice = randomUUID();
    await t.app.database.db.insertInto('invoices').values({
      id: bInvoice, tenant_id: b.tenant?.id ?? '', created_at: '2026-03-01T00:00:00.000Z', updated_at: '2026-03-01T00:00:00.000Z', deleted_at: null,
      version: 99, last_client_id: null, serie_id: randomUUID(), serie_factura: 'B', nr_factura: 1, tip: 'factura', data_factura: '2026-03-01',
      data_livrare: '2026-03-01', data_scadenta: null, modalitate_plata: 'numerar', order_id: null, storno_de_id: null, client_nume: 'X',
      client_cod_fiscal: null, nr_auto: null, total_fara_tva: 0, tva: 0, total_general: 0, document: '{}', emis_de: null,
    }).execute();

    const ca = randomUUID();
    const aOrder = randomUUID();
    expect(statuses((await push(a, ca, [{ table: 'orders', op: 'upsert', rowId: aOrder, data: order({ nr_auto: 'A 01 AAA' }) }])).json<PushResponse>())).toEqual(['applied']);
    const crafted = await t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(a), payload: {
        clientId: ca, schemaVersion: 1, mutations: [
          { id: 2, table: 'orders', op: 'upsert', rowId: randomUUID(), data: order({ factura_id: bInvoice }) },
          { id: 3, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('A 02 AAA', { client_id: bClient }) },
          { id: 4, table: 'orders', op: 'upsert', rowId: aOrder, data: { vehicle_id: bVehicle } },
          { id: 5, table: 'order_lines', op: 'upsert', rowId: randomUUID(), data: { order_id: bOrder, tip: 'manopera', descriere: 'x', ore: '1', pret_ora: 100, total: 100, ordine: 0 } },
          { id: 6, table: 'document_events', op: 'upsert', rowId: randomUUID(), data: { document: 'deviz', document_id: bOrder, actiune: 'tiparire', descriere: 'Deviz', user_id: b.user.id, client_id: ca } },
          { id: 7, table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('A 03 AAA', { client_id: randomUUID() }) },
          { id: 8, table: 'document_events', op: 'upsert', rowId: randomUUID(), data: { document: 'deviz', document_id: aOrder, actiune: 'tiparire', descriere: 'Deviz', user_id: a.user.id, client_id: cb } },
        ],
      },
    });
    expect(crafted.statusCode).toBe(200);
    const r = crafted.json<PushResponse>();
    expect(statuses(r)).toEqual(Array<string>(7).fill('rejected:validation_failed'));
    // Another company's id and an id nobody uses get the same answer: nothing tells them apart.
    expect(r.results[1]?.message?.replace(bClient, 'ID')).toBe(r.results[5]?.message?.replace(/[0-9a-f-]{36}/, 'ID'));
    expect(JSON.stringify(r)).not.toContain('B 99 BBB');
    const stored = await t.app.database.db.selectFrom('orders').select(['id', 'vehicle_id', 'factura_id']).where('tenant_id', '=', a.tenant?.id ?? '').execute();
    expect(stored).toEqual([{ id: aOrder, vehicle_id: null, factura_id: null }]);
    expect((await pull(a, ca)).changes.map((c) => c.rowId)).toEqual([aOrder]);
  });

  it('keeps the offline flows that reference the company\'s own rows: same push, another device, deleted rows, users and devices', async () => {
    const s = await registerCompany(t.app);
    const d1 = randomUUID();
    const d2 = randomUUID();
    const [client, gone, car, repair, line] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    expect(statuses((await push(s, d1, [
      { table: 'clients', op: 'upsert', rowId: client, data: { tip: 'pf', nume: 'Ana' } },
      { table: 'clients', op: 'upsert', rowId: gone, data: { tip: 'pf', nume: 'Șters' } },
      { table: 'clients', op: 'delete', rowId: gone },
    ])).json<PushResponse>())).toEqual(['applied', 'applied', 'applied']);
    const res = (await push(s, d2, [
      { table: 'vehicles', op: 'upsert', rowId: car, data: vehicle('CJ 01 ABC', { client_id: client }) },
      { table: 'orders', op: 'upsert', rowId: repair, data: order({ vehicle_id: car, created_by: s.user.id }) },
      { table: 'order_lines', op: 'upsert', rowId: line, data: { order_id: repair, tip: 'manopera', descriere: 'Revizie', ore: '1', pret_ora: 100, total: 100, ordine: 0 } },
      { table: 'vehicles', op: 'upsert', rowId: randomUUID(), data: vehicle('CJ 02 ABC', { client_id: gone }) },
      { table: 'document_events', op: 'upsert', rowId: randomUUID(), data: { document: 'deviz', document_id: repair, actiune: 'tiparire', descriere: 'Deviz', user_id: s.user.id, client_id: d1 } },
    ])).json<PushResponse>();
    expect(statuses(res)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
  });

  it('checks the references of rows the server writes itself', async () => {
    const a = await registerCompany(t.app);
    const b = await registerCompany(t.app);
    const bVehicle = randomUUID();
    await push(b, randomUUID(), [{ table: 'vehicles', op: 'upsert', rowId: bVehicle, data: vehicle('B 98 BBB') }]);
    const sync = new SyncService(t.app.database, createLocalPokeBus(), (err) => {
      throw err;
    });
    const write = (vehicleId: string) => sync.serverWrite(a.tenant?.id ?? '', () => Promise.resolve({
      rows: [{ table: 'orders', row: { id: randomUUID(), ...order({ vehicle_id: vehicleId }) }, isNew: true }], result: null,
    }));
    await expect(write(bVehicle)).rejects.toBeInstanceOf(DomainError);
    await expect(write(bVehicle)).rejects.toMatchObject({ code: 'validation_failed' });
    const ownCar = randomUUID();
    await push(a, randomUUID(), [{ table: 'vehicles', op: 'upsert', rowId: ownCar, data: vehicle('A 98 AAA') }]);
    await expect(write(ownCar)).resolves.toBeNull();
    const orders = await t.app.database.db.selectFrom('orders').select('vehicle_id').where('tenant_id', '=', a.tenant?.id ?? '').execute();
    expect(orders).toEqual([{ vehicle_id: ownCar }]);
  });

  describe('a row the database refuses', () => {
    const buyer: Party = {
      tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: 'J12/345/2010', adresa: 'Str. Fabricii 5',
      localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null,
      capitalSocial: null, platitorTva: true,
    };
    const line = (descriere: string): InvoiceLine => ({ descriere, um: 'buc', cantitate: '1', pretUnitar: 10000, ...defaultVat({ platitorTva: true }, '2026-11-23'), valoare: 0 });

    it('is refused alone: the rest of the push is stored, and nothing derived from it is left behind', async () => {
      const s = await registerCompany(t.app);
      const a = await devices.device(s);
      await a.engine.write([{
        op: 'create', table: 'company_profile', data: {
          nume: 'Service Auto Someș SRL', cui: 'RO14399840', platitor_tva: 1, tva_la_incasare: 0, reg_com: 'J12/1234/2015',
          adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', iban: 'RO49AAAA1B31007593840000',
        },
      }]);
      const series = await t.app.inject({ method: 'POST', url: '/api/accounting/series', headers: bearer(s), payload: { clientId: a.clientId, serie: 'ROA' } });
      expect(series.statusCode).toBe(201);
      const orderId = newId();
      const amounts: LineAmounts = { tip: 'manopera', ore: '1', pret_ora: 10000, cantitate: null, pret_unitar: null };
      await a.engine.write([
        { op: 'create', table: 'orders', data: { id: orderId, ...order({ nr_auto: 'CJ 10 ABC' }) } },
        { op: 'create', table: 'order_lines', data: { order_id: orderId, descriere: 'Revizie', ordine: 0, total: lineTotal(amounts), ...amounts } },
      ]);
      await a.engine.write([{ op: 'update', table: 'orders', id: orderId, patch: { status: 'VALIDAT', total_manopera: 10000, total_general: 10000 } }]);
      await a.engine.sync();
      const [profile] = await a.rows<CompanyProfile>('company_profile');
      const [roa] = await a.rows<InvoiceSeries>('invoice_series');
      const [stored] = await a.rows<{ nr_comanda: number }>('orders');
      if (!profile || !roa || !stored) throw new Error('setup');
      // Two invoices numbered from the same copy of the series (a device whose state was restored, say):
      // every rule passes, but the database holds a number once per series.
      const issue = (forOrder: boolean) => issueOps({
        series: roa, seller: sellerFromProfile(profile), tvaLaIncasare: false, buyer, lines: [line('Revizie')], data: '2026-11-23',
        dataLivrare: '2026-11-23', dataScadenta: null, modalitatePlata: 'ordin_plata', storno: null, observatii: null,
        order: forOrder ? { id: orderId, nr_comanda: stored.nr_comanda, nr_auto: 'CJ 10 ABC' } : null,
        emitent: { userId: s.user.id, name: null }, updateOrder: true,
      }, a.clientId);
      const first = issue(false);
      const second = issue(true);
      await a.engine.write(first.ops);
      await a.engine.write(second.ops);
      const after = await a.engine.create('vehicles', vehicle('CJ 11 ABC'));
      const statusesSeen: number[] = [];
      const sessionPush = async (body: object) => {
        const r = await t.app.inject({ method: 'POST', url: '/api/sync/push', headers: bearer(s), payload: body });
        statusesSeen.push(r.statusCode);
        return r;
      };
      const offset = Number((await a.db.all<{ value: string }>(`SELECT value FROM _sync_meta WHERE key = 'mutation_offset'`))[0]?.value ?? 0);
      const queue = await a.db.all<{ id: number; table_name: string; row_id: string; op: string; data: string | null; base_version: number | null }>(`SELECT * FROM _sync_queue ORDER BY id`);
      const res = await sessionPush({
        clientId: a.clientId, schemaVersion: 1,
        mutations: queue.map((e) => ({
          id: e.id - offset, table: e.table_name, op: e.op, rowId: e.row_id, ...(e.data ? { data: JSON.parse(e.data) as object } : {}), baseVersion: e.base_version,
        })),
      });
      expect(statusesSeen).toEqual([200]);
      const body = res.json<PushResponse>();
      const byRow = (id: string, table: string) => body.results[queue.findIndex((e) => e.row_id === id && e.table_name === table)];
      expect(byRow(first.invoiceId, 'invoices')).toMatchObject({ status: 'applied' });
      expect(byRow(second.invoiceId, 'invoices')).toMatchObject({ status: 'rejected', code: 'conflict' });
      expect(byRow(orderId, 'orders')).toMatchObject({ status: 'rejected' });
      expect(byRow(String(after.id), 'vehicles')).toMatchObject({ status: 'applied' });
      const db = t.app.database.db;
      const invoices = await db.selectFrom('invoices').select(['id', 'nr_factura']).where('tenant_id', '=', s.tenant?.id ?? '').execute();
      expect(invoices).toEqual([{ id: first.invoiceId, nr_factura: 1 }]);
      const o = await db.selectFrom('orders').select(['status', 'factura_id']).where('id', '=', orderId).executeTakeFirst();
      expect(o).toEqual({ status: 'VALIDAT', factura_id: null });
      const events = await db.selectFrom('document_events').select('document_id').where('tenant_id', '=', s.tenant?.id ?? '').execute();
      expect(events).toEqual([{ document_id: first.invoiceId }]);
    });
  });
});
