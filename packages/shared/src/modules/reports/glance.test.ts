import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoicesTable } from '../accounting/invoices.tables';
import { paymentsTable } from '../accounting/payments.tables';
import { invoiceTotals, type DocumentDiscount, type InvoiceLine } from '../accounting/document';
import { appointmentsTable } from '../appointments/appointments.tables';
import { smsMessagesTable } from '../sms/sms.tables';
import { tyreSetsTable } from '../warehouse/tyre-sets.tables';
import { stockMovementCostsTable, stockMovementsTable, warehouseSettingsTable } from '../warehouse/warehouse.tables';
import { catalogTipuriDevizTable, mecaniciTable } from '../workshop/catalog.tables';
import { orderLinesTable, ordersTable } from '../workshop/orders.tables';
import { accountingGlance } from './bridges/accounting-reports';
import { appointmentsGlance } from './bridges/appointments-reports';
import { smsGlance } from './bridges/sms-reports';
import { tyreHotelGlance, warehouseCostsGlance } from './bridges/warehouse-reports';
import { workshopGlance } from './bridges/workshop-reports';
import {
  averageBani, mergeGlance, calendarMonth, periodDays, previousPeriod, revenueBuckets, sameLastYear, type GlanceFigureId, type GlanceResult, type Period,
} from './glance';
import { glanceTestDb, type TestDb } from './glance-test-db';

/**
 * Every figure of the month at a glance against data computed by hand. The period runs over the VAT
 * change of 2025-08-01 (19% → 21%, 9% → 11%), so invoices of both rates are in it.
 */
const period: Period = { from: '2025-07-15', to: '2025-08-14' };
const today = '2025-08-12';

let t: TestDb;
beforeAll(() => {
  t = glanceTestDb([
    ordersTable, orderLinesTable, mecaniciTable, catalogTipuriDevizTable, invoicesTable, paymentsTable, stockMovementsTable,
    stockMovementCostsTable, warehouseSettingsTable, tyreSetsTable, smsMessagesTable, appointmentsTable,
  ]);
  t.insert('mecanici', { id: 'm1', nume: 'Popa', prenume: 'Dan' });
  t.insert('mecanici', { id: 'm2', nume: 'Ionescu', prenume: null });
  t.insert('catalog_tipuri_deviz', { id: 't1', denumire: 'Revizie' });
  t.insert('catalog_tipuri_deviz', { id: 't2', denumire: 'Frâne' });
  const order = (id: string, data: string, status: string, labour: number, materials: number, extra: Record<string, string | null> = {}) =>
    t.insert('orders', { id, data_comanda: data, status, total_manopera: labour, total_materiale: materials, total_general: labour + materials, ...extra });
  order('o1', '2025-07-20', 'FACTURAT', 30000, 20000, { mecanic_id: 'm1', tip_deviz_id: 't1', client_id: 'c1', client_nume: 'Ion Pop' });
  order('o2', '2025-08-02', 'VALIDAT', 10000, 5000, { mecanic_id: 'm2', tip_deviz_id: 't2', client_id: 'c2', client_nume: 'Ana Dobre' });
  order('o3', '2025-08-05', 'DRAFT', 99999, 0, { mecanic_id: 'm2' });
  order('o4', '2025-08-20', 'VALIDAT', 70000, 0, { mecanic_id: 'm1', client_id: 'c2' });
  order('o5', '2025-08-10', 'FACTURAT', 0, 8000, { client_id: 'c1', client_nume: 'Ion Pop' });
  const labour = (order_id: string, ore: string, total: number, extra: Record<string, string | null> = {}) =>
    t.insert('order_lines', { order_id, tip: 'manopera', descriere: 'Manoperă', ore, total, ...extra });
  labour('o1', '2.50', 25000, { mecanic_id: 'm1' });
  labour('o1', '0.50', 5000);
  t.insert('order_lines', { order_id: 'o1', tip: 'material', descriere: 'Ulei', cantitate: '4', total: 20000 });
  labour('o2', '1.00', 10000, { mecanic_id: 'm1' });
  labour('o2', '3.00', 30000, { decizie_client: 'respins' });
  labour('o3', '5.00', 50000);
  labour('o4', '7.00', 70000);

  const vat = (cota: string) => ({ categorie: 'S' as const, cota, motivScutire: null });
  const line = (cantitate: string, pretUnitar: number, valoare: number, cota: string, reducere: InvoiceLine['reducere'] = null): InvoiceLine =>
    ({ descriere: 'x', um: 'buc', cantitate, pretUnitar, ...vat(cota), reducere, valoare });
  const invoice = (
    id: string, tip: string, data: string, totals: [number, number], linii: InvoiceLine[], extra: Record<string, string | null> = {}, reduceri: DocumentDiscount[] = [],
  ) =>
    t.insert('invoices', {
      id, tip, data_factura: data, data_livrare: data, serie_id: 's', serie_factura: 'ROA', nr_factura: 1, client_nume: 'x',
      total_fara_tva: totals[0], tva: totals[1], total_general: totals[0] + totals[1],
      document: JSON.stringify({ linii, reduceri, totals: invoiceTotals(linii, reduceri) }), ...extra,
    });
  // 2 h labour at 150 lei and 4 l of oil at 50 lei less 10%, at 19%: base 480 lei, VAT 91.20 lei.
  invoice('f1', 'factura', '2025-07-20', [48000, 9120], [line('2', 15000, 30000, '19'), line('4', 5000, 18000, '19', { procent: '10', suma: 2000, motiv: 'Discount' })],
    { data_scadenta: '2025-08-19' });
  // At 21% and 11%, with 10 lei off the 21% lines: 140 lei + 29.40 VAT, 10 lei + 1.10 VAT.
  invoice('f2', 'factura', '2025-08-02', [15000, 3050], [line('1', 10000, 10000, '21'), line('2', 2500, 5000, '21'), line('1', 1000, 1000, '11')],
    { data_scadenta: '2025-08-09' }, [{ ...vat('21'), baza: 15000, procent: null, suma: 1000, motiv: 'Discount' }]);
  // A credit note for 1 l of f1's oil: −45 lei, −8.55 VAT.
  invoice('s1', 'storno', '2025-08-05', [-4500, -855], [line('-1', 5000, -4500, '19', { procent: '10', suma: -500, motiv: 'Discount' })], { storno_de_id: 'f1' });
  invoice('f3', 'factura', '2025-08-20', [99900, 20979], [line('1', 99900, 99900, '21')]);
  t.insert('payments', { factura_id: 'f1', suma: 20000, data: '2025-07-25' });
  t.insert('payments', { factura_id: 'f1', suma: 10000, data: '2025-07-26', anulata_la: '2025-07-27T10:00:00.000Z' });
  t.insert('payments', { factura_id: 'f1', suma: 5000, data: '2025-08-13' });

  const move = (id: string, tip: string, cantitate: string, data: string, doc: readonly [string, string] | null, cost: number | null = null) => {
    t.insert('stock_movements', { id, tip, product_id: 'p1', location_id: 'l1', cantitate, data, created_at: `${data}T08:00:00.000Z`, doc_tip: doc?.[0] ?? null, doc_id: doc?.[1] ?? null });
    if (cost !== null) t.insert('stock_movement_costs', { movement_id: id, cost_unitar: cost });
  };
  move('mv1', 'intrare', '10', '2025-07-01', ['nir', 'n1'], 1000);
  move('mv2', 'iesire', '-2', '2025-07-20', ['comanda', 'o1']);
  move('mv3', 'intrare', '10', '2025-07-25', ['nir', 'n2'], 1600);
  move('mv4', 'iesire', '-3', '2025-08-02', ['comanda', 'o2']);
  move('mv5', 'retur', '1', '2025-08-03', ['comanda', 'o2']);
  move('mv6', 'iesire', '-1', '2025-08-04', ['aviz', 'a1']);
  move('mv7', 'iesire', '-4', '2025-08-20', ['comanda', 'o4']);

  const set = (primit_la: string, predat_la: string | null) => t.insert('tyre_sets', { primit_la, predat_la, status: predat_la ? 'predat' : 'depozitat' });
  set('2025-06-01T09:00:00.000Z', null);
  set('2025-07-16T08:00:00.000Z', '2025-08-14T17:00:00.000Z');
  set('2025-08-14T23:00:00.000Z', null);
  set('2025-08-15T01:00:00.000Z', null);
  set('2025-01-01T09:00:00.000Z', '2025-07-01T09:00:00.000Z');

  const sms = (status: string, trimis_la: string | null, cost: number | null) => t.insert('sms_messages', { status, trimis_la, cost, telefon: '0722', text: 'x' });
  sms('sent', '2025-07-20T10:00:00.000Z', 35);
  sms('delivered', '2025-08-14T20:00:00.000Z', 70);
  sms('failed', '2025-08-01T10:00:00.000Z', 35);
  sms('sent', '2025-08-01T11:00:00.000Z', null);
  sms('sent', '2025-08-15T00:00:00.000Z', 35);
  sms('queued', null, null);

  for (const [data, status] of [['2025-07-15', 'booked'], ['2025-08-14', 'confirmed'], ['2025-08-01', 'no_show'], ['2025-08-02', 'cancelled'], ['2025-08-20', 'done']] as const) {
    t.insert('appointments', { data, status, inceput: `${data}T08:00:00.000Z`, sfarsit: `${data}T09:00:00.000Z` });
  }
});
afterAll(() => t.close());

const figure = (r: Pick<GlanceResult, 'figures'>, id: GlanceFigureId) => r.figures.find((f) => f.id === id)?.value;
const rows = (r: GlanceResult, id: string) => r.breakdowns.find((b) => b.id === id)?.rows.map((x) => [x.label, x.value, ...(x.base === undefined ? [] : [x.base])]);

describe('the workshop figures', () => {
  it('count orders by status and sum the validated ones, labour and materials apart', async () => {
    const r = await workshopGlance(t.query, period, today);
    expect(r.revenueBasis).toBe('orders');
    expect(figure(r, 'ordersOpened')).toBe(4);
    expect(figure(r, 'ordersValidated')).toBe(3);
    expect(figure(r, 'ordersInvoiced')).toBe(2);
    expect(figure(r, 'revenue')).toBe(50000 + 15000 + 8000);
    expect(figure(r, 'labour')).toBe(40000);
    expect(figure(r, 'materials')).toBe(33000);
    expect(figure(r, 'averageOrder')).toBe(24333);
    expect(r.series[0]?.points).toEqual([{ date: '2025-07-20', value: 50000 }, { date: '2025-08-02', value: 15000 }, { date: '2025-08-10', value: 8000 }]);
  });

  it('sells hours per mechanic (the line\'s, else the order\'s; declined lines and drafts left out)', async () => {
    const r = await workshopGlance(t.query, period, today);
    expect(figure(r, 'hoursSold')).toBe(400);
    expect(rows(r, 'hoursByMechanic')).toEqual([['Popa Dan', 400]]);
    expect(rows(r, 'labourByMechanic')).toEqual([['Popa Dan', 40000]]);
  });

  it('splits revenue per service type and ranks customers', async () => {
    const r = await workshopGlance(t.query, period, today);
    expect(rows(r, 'revenueByServiceType')).toEqual([['Revizie', 50000], ['Frâne', 15000], ['', 8000]]);
    expect(rows(r, 'topCustomers')).toEqual([['Ion Pop', 58000], ['Ana Dobre', 15000]]);
  });
});

describe('the accounting figures', () => {
  it('count invoiced revenue with credit notes negative, VAT per rate across the rate change', async () => {
    const r = await accountingGlance(t.query, period, today);
    expect(r.revenueBasis).toBe('invoices');
    expect(figure(r, 'revenue')).toBe(48000 + 15000 - 4500);
    expect(figure(r, 'invoicesIssued')).toBe(2);
    expect(figure(r, 'creditNotes')).toBe(1);
    expect(rows(r, 'vatByRate')).toEqual([['21%', 2940, 14000], ['19%', 9120 - 855, 48000 - 4500], ['11%', 110, 1000]]);
    expect(figure(r, 'vatCollected')).toBe(2940 + 8265 + 110);
    expect(r.series[0]?.points).toEqual([{ date: '2025-07-20', value: 48000 }, { date: '2025-08-02', value: 15000 }, { date: '2025-08-05', value: -4500 }]);
  });

  it('leaves unpaid what credit notes and payments up to the day have not settled, overdue past the due date', async () => {
    const r = await accountingGlance(t.query, period, today);
    // f1: 571.20 − 53.55 − 200 paid (the cancelled payment and the one after today do not count); f2: all of 180.50, due on the 9th.
    expect(figure(r, 'unpaid')).toBe(57120 - 5355 - 20000 + 18050);
    expect(figure(r, 'overdue')).toBe(18050);
    // At the end of an earlier period nothing was overdue yet and the credit note did not exist.
    const july = await accountingGlance(t.query, { from: '2025-07-01', to: '2025-07-31' }, today);
    expect(figure(july, 'unpaid')).toBe(57120 - 20000);
    expect(figure(july, 'overdue')).toBe(0);
  });
});

describe('the warehouse figures', () => {
  it('values the stock at the period\'s end and costs the parts orders consumed, less their returns', async () => {
    const r = await warehouseCostsGlance(t.query, period, today);
    // CMP: 10 at 10 lei, 2 out (20), 10 in at 16 lei (18 for 240), 3 out (40), 1 back (13.33), 1 out (13.33): 15 for 200 lei.
    expect(figure(r, 'stockValue')).toBe(20000);
    expect(figure(r, 'partsCost')).toBe(2000 + (4000 - 1333));
  });

  it('counts the tyre hotel\'s sets stored at the end, received and handed back', async () => {
    const r = await tyreHotelGlance(t.query, period, today);
    expect([figure(r, 'tyreSetsStored'), figure(r, 'tyreSetsIn'), figure(r, 'tyreSetsOut')]).toEqual([2, 2, 1]);
  });
});

describe('sms and appointments', () => {
  it('count messages sent and their cost', async () => {
    const r = await smsGlance(t.query, period, today);
    expect([figure(r, 'smsSent'), figure(r, 'smsCost')]).toEqual([3, 105]);
  });

  it('count appointments booked (not cancelled) and no-shows', async () => {
    const r = await appointmentsGlance(t.query, period, today);
    expect([figure(r, 'appointmentsBooked'), figure(r, 'appointmentsNoShow')]).toEqual([3, 1]);
  });
});

describe('the sources together', () => {
  it('take the invoices\' revenue over the orders\', and make the margin on materials', async () => {
    const all = await Promise.all([workshopGlance, accountingGlance, warehouseCostsGlance].map((c) => c(t.query, period, today)));
    const merged = mergeGlance(all);
    expect(merged.revenueBasis).toBe('invoices');
    expect(figure(merged, 'revenue')).toBe(58500);
    expect(figure(merged, 'materialsMargin')).toBe(33000 - 4667);
    expect(merged.series[0]?.points.map((p) => p.value)).toEqual([48000, 15000, -4500]);
    const ordersOnly = mergeGlance([all[0] ?? { figures: [], breakdowns: [], series: [] }]);
    expect(ordersOnly.revenueBasis).toBe('orders');
    expect(figure(ordersOnly, 'materialsMargin')).toBeUndefined();
  });
});

describe('periods', () => {
  it('compare a month with the month before and the same month a year earlier', () => {
    const aug = calendarMonth('2025-08-17');
    expect(aug).toEqual({ from: '2025-08-01', to: '2025-08-31' });
    expect(previousPeriod(aug)).toEqual({ from: '2025-07-01', to: '2025-07-31' });
    expect(previousPeriod(calendarMonth('2025-03-05'))).toEqual({ from: '2025-02-01', to: '2025-02-28' });
    expect(sameLastYear(calendarMonth('2024-02-10'))).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(previousPeriod(calendarMonth('2025-01-05'))).toEqual({ from: '2024-12-01', to: '2024-12-31' });
  });

  it('compare any range with the days just before it and the same days a year earlier', () => {
    expect(periodDays(period)).toBe(31);
    expect(previousPeriod(period)).toEqual({ from: '2025-06-14', to: '2025-07-14' });
    expect(sameLastYear({ from: '2024-02-20', to: '2024-02-29' })).toEqual({ from: '2023-02-20', to: '2023-02-28' });
  });

  it('buckets revenue per day for a month and per month beyond two months', () => {
    const pts = [{ date: '2025-08-02', value: 5 }, { date: '2025-08-02', value: 7 }, { date: '2025-09-30', value: 1 }];
    const days = revenueBuckets(calendarMonth('2025-08-01'), pts);
    expect(days).toHaveLength(31);
    expect(days[1]).toEqual({ key: '2025-08-02', value: 12 });
    expect(revenueBuckets({ from: '2025-01-01', to: '2025-12-31' }, pts).filter((b) => b.value !== 0)).toEqual([{ key: '2025-08', value: 12 }, { key: '2025-09', value: 1 }]);
  });

  it('averages in whole bani', () => {
    expect(averageBani(10, 3)).toBe(3);
    expect(averageBani(-11, 2)).toBe(-6);
    expect(averageBani(5, 0)).toBe(0);
  });
});
