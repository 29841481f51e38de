import { describe, expect, it } from 'vitest';
import { receivableCustomers, receivables, type ReceivableRow } from './receivables';

const row = (patch: Partial<ReceivableRow>): ReceivableRow => ({
  id: 'i', serie_factura: 'ROA', nr_factura: 1, data_factura: '2026-11-01', data_scadenta: '2026-11-15', client_nume: 'Transport Rapid SRL',
  client_cod_fiscal: 'RO18547290', total_general: 100_000, stornat: 0, platit: 0, ...patch,
});

describe('what is to be collected', () => {
  const rows = [
    row({ id: 'a' }),
    row({ id: 'b', nr_factura: 2, client_cod_fiscal: '18547290', platit: 40_000, data_scadenta: '2026-12-31' }),
    row({ id: 'c', nr_factura: 3, platit: 100_000 }),
    row({ id: 'd', nr_factura: 4, stornat: -100_000 }),
    row({ id: 'e', nr_factura: 5, client_nume: 'Ion Pop', client_cod_fiscal: null, total_general: 20_000, data_scadenta: null }),
  ];

  it('lists the invoices with something left, by customer (by tax id, with or without RO), with totals and what is overdue', () => {
    const groups = receivables(rows, '2026-12-01', { overdueOnly: false, customer: null });
    expect(groups.map((g) => [g.name, g.invoices.map((i) => i.id), g.left, g.overdue])).toEqual([
      ['Transport Rapid SRL', ['a', 'b'], 160_000, 100_000],
      ['Ion Pop', ['e'], 20_000, 0],
    ]);
    expect(groups[0]?.invoices.map((i) => i.balance.state)).toEqual(['overdue', 'partly_paid']);
  });

  it('filters overdue invoices and one customer', () => {
    expect(receivables(rows, '2026-12-01', { overdueOnly: true, customer: null }).flatMap((g) => g.invoices.map((i) => i.id))).toEqual(['a']);
    expect(receivables(rows, '2026-12-01', { overdueOnly: false, customer: 'ion pop' }).flatMap((g) => g.invoices.map((i) => i.id))).toEqual(['e']);
    expect(receivableCustomers(rows, '2026-12-01')).toEqual([{ customer: 'ion pop', name: 'Ion Pop' }, { customer: '18547290', name: 'Transport Rapid SRL' }]);
  });
});
