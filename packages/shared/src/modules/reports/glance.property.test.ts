import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoiceTotals, lineDiscount, lineValue, type InvoiceLine } from '../accounting/document';
import { invoicesTable } from '../accounting/invoices.tables';
import { paymentsTable } from '../accounting/payments.tables';
import { appointmentsTable } from '../appointments/appointments.tables';
import { smsMessagesTable } from '../sms/sms.tables';
import { catalogTipuriDevizTable, mecaniciTable } from '../workshop/catalog.tables';
import { orderLinesTable, ordersTable } from '../workshop/orders.tables';
import { accountingGlance } from './bridges/accounting-reports';
import { appointmentsGlance } from './bridges/appointments-reports';
import { smsGlance } from './bridges/sms-reports';
import { workshopGlance } from './bridges/workshop-reports';
import type { GlanceFigureId, GlanceResult, Period } from './glance';
import { glanceTestDb } from './glance-test-db';

/**
 * For random documents, each figure is the sum of the documents it comes from: the orders, lines,
 * invoices (credit notes negative, discounts applied), messages and appointments inside the period,
 * and none outside it.
 */
const period: Period = { from: '2025-07-20', to: '2025-08-10' };
const inside = (d: string) => d >= period.from && d <= period.to;
const day = fc.integer({ min: 1, max: 40 }).map((n) => new Date(Date.UTC(2025, 6, 10 + n)).toISOString().slice(0, 10));

const order = fc.record({
  date: day, status: fc.constantFrom('DRAFT', 'VALIDAT', 'FACTURAT'), mechanic: fc.constantFrom(null, 'm1', 'm2'), type: fc.constantFrom(null, 't1', 't2'),
  lines: fc.array(fc.record({ hundredths: fc.integer({ min: 0, max: 1200 }), price: fc.integer({ min: 0, max: 30000 }), declined: fc.boolean(), mechanic: fc.constantFrom(null, 'm1', 'm2') }), { maxLength: 4 }),
  materials: fc.integer({ min: 0, max: 500_000 }),
});
const invoiceLine = fc.record({
  q: fc.integer({ min: 1, max: 20 }), price: fc.integer({ min: 1, max: 100_000 }), cota: fc.constantFrom('19', '21', '9', '11', '5'), discount: fc.option(fc.integer({ min: 1, max: 50 })),
});
const invoice = fc.record({ date: day, storno: fc.boolean(), lines: fc.array(invoiceLine, { minLength: 1, maxLength: 4 }) });
const sms = fc.record({ date: day, status: fc.constantFrom('queued', 'sent', 'delivered', 'failed'), cost: fc.option(fc.integer({ min: 0, max: 200 })) });
const appointment = fc.record({ date: day, status: fc.constantFrom('booked', 'confirmed', 'arrived', 'no_show', 'cancelled', 'done') });

const figure = (r: GlanceResult, id: GlanceFigureId) => r.figures.find((f) => f.id === id)?.value;
const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((s, x) => s + f(x), 0);

describe('the figures are the sums of their documents', () => {
  it('for random orders, invoices, messages and appointments', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(order, { maxLength: 12 }), fc.array(invoice, { maxLength: 10 }), fc.array(sms, { maxLength: 8 }), fc.array(appointment, { maxLength: 8 }),
      async (orders, invoices, messages, appointments) => {
        const t = glanceTestDb([ordersTable, orderLinesTable, mecaniciTable, catalogTipuriDevizTable, invoicesTable, paymentsTable, smsMessagesTable, appointmentsTable]);
        try {
          const made = orders.map((o, i) => {
            const lines = o.lines.map((l) => ({ ...l, total: Math.round((l.hundredths * l.price) / 100) }));
            const labour = sum(lines.filter((l) => !l.declined), (l) => l.total);
            t.insert('orders', {
              id: `o${i}`, data_comanda: o.date, status: o.status, mecanic_id: o.mechanic, tip_deviz_id: o.type, client_nume: `c${i % 3}`,
              total_manopera: labour, total_materiale: o.materials, total_general: labour + o.materials,
            });
            for (const l of lines) {
              t.insert('order_lines', {
                order_id: `o${i}`, tip: 'manopera', descriere: 'x', ore: (l.hundredths / 100).toFixed(2), total: l.total, mecanic_id: l.mechanic, decizie_client: l.declined ? 'respins' : null,
              });
            }
            return { ...o, lines, labour };
          });
          const docs = invoices.map((inv, i) => {
            const sign = inv.storno ? '-' : '';
            const linii: InvoiceLine[] = inv.lines.map((l) => {
              const base = { cantitate: `${sign}${l.q}`, pretUnitar: l.price };
              const reducere = l.discount === null ? null : lineDiscount(base, { procent: String(l.discount) });
              return { descriere: 'x', um: 'buc', ...base, categorie: 'S', cota: l.cota, motivScutire: null, reducere, valoare: lineValue({ ...base, reducere }) };
            });
            const totals = invoiceTotals(linii);
            t.insert('invoices', {
              id: `i${i}`, tip: inv.storno ? 'storno' : 'factura', data_factura: inv.date, data_livrare: inv.date, serie_id: 's', serie_factura: 'A', nr_factura: i + 1,
              client_nume: 'x', total_fara_tva: totals.baza, tva: totals.tva, total_general: totals.total, document: JSON.stringify({ linii, totals }),
            });
            return { ...inv, totals };
          });
          messages.forEach((m) => t.insert('sms_messages', { status: m.status, cost: m.cost, telefon: '0', text: 'x', trimis_la: m.status === 'queued' ? null : `${m.date}T12:00:00.000Z` }));
          appointments.forEach((a) => t.insert('appointments', { data: a.date, status: a.status, inceput: `${a.date}T08:00:00.000Z`, sfarsit: `${a.date}T09:00:00.000Z` }));

          const w = await workshopGlance(t.query, period, period.to);
          const inPeriod = made.filter((o) => inside(o.date));
          const done = inPeriod.filter((o) => o.status !== 'DRAFT');
          expect(figure(w, 'ordersOpened')).toBe(inPeriod.length);
          expect(figure(w, 'ordersValidated')).toBe(done.length);
          expect(figure(w, 'ordersInvoiced')).toBe(done.filter((o) => o.status === 'FACTURAT').length);
          expect(figure(w, 'revenue')).toBe(sum(done, (o) => o.labour + o.materials));
          expect(figure(w, 'labour')).toBe(sum(done, (o) => o.labour));
          expect(figure(w, 'materials')).toBe(sum(done, (o) => o.materials));
          const sold = done.flatMap((o) => o.lines.filter((l) => !l.declined).map((l) => ({ ...l, who: l.mechanic ?? o.mechanic ?? '' })));
          expect(figure(w, 'hoursSold')).toBe(sum(sold, (l) => l.hundredths));
          for (const b of w.breakdowns.find((x) => x.id === 'hoursByMechanic')?.rows ?? []) expect(b.value).toBe(sum(sold.filter((l) => l.who === b.key), (l) => l.hundredths));
          expect(sum(w.breakdowns.find((x) => x.id === 'revenueByServiceType')?.rows ?? [], (r) => r.value)).toBe(figure(w, 'revenue'));
          expect(sum(w.series[0]?.points ?? [], (p) => p.value)).toBe(figure(w, 'revenue'));

          const a = await accountingGlance(t.query, period, period.to);
          const issued = docs.filter((d) => inside(d.date));
          expect(figure(a, 'revenue')).toBe(sum(issued, (d) => d.totals.baza));
          expect(figure(a, 'vatCollected')).toBe(sum(issued, (d) => d.totals.tva));
          for (const r of a.breakdowns.find((x) => x.id === 'vatByRate')?.rows ?? []) {
            const groups = issued.flatMap((d) => d.totals.grupe).filter((g) => `${g.categorie} ${g.cota}` === r.key);
            expect([r.value, r.base]).toEqual([sum(groups, (g) => g.tva), sum(groups, (g) => g.baza)]);
          }
          expect(figure(a, 'creditNotes')).toBe(issued.filter((d) => d.storno).length);
          expect(figure(a, 'unpaid')).toBe(sum(issued.filter((d) => !d.storno), (d) => d.totals.total));

          const s = await smsGlance(t.query, period, period.to);
          const sent = messages.filter((m) => inside(m.date) && (m.status === 'sent' || m.status === 'delivered'));
          expect([figure(s, 'smsSent'), figure(s, 'smsCost')]).toEqual([sent.length, sum(sent, (m) => m.cost ?? 0)]);

          const p = await appointmentsGlance(t.query, period, period.to);
          const booked = appointments.filter((x) => inside(x.date) && x.status !== 'cancelled');
          expect([figure(p, 'appointmentsBooked'), figure(p, 'appointmentsNoShow')]).toEqual([booked.length, booked.filter((x) => x.status === 'no_show').length]);
        } finally {
          t.close();
        }
      },
    ), { seed: 20_251_207, numRuns: 25 });
  });
});
