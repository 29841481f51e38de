import { describe, expect, it } from 'vitest';
import { defaultVat, isValidCnp } from '@roaauto/shared';
import type { OrderLineRow, OrderRow } from '@/modules/workshop/order-rows';
import { invoiceStartFromOrder } from './from-order';

const order = (over: Partial<OrderRow> = {}): OrderRow =>
  ({
    id: 'o1', nr_comanda: 12, nr_auto: 'B 123 ABC', client_nume: 'Ion Popescu', client_cod_fiscal: null, client_adresa: 'Str. Lungă 1',
    client_telefon: '0722 123 456', ...over,
  }) as OrderRow;
const line = (over: Partial<OrderLineRow>): OrderLineRow => ({
  id: 'l', order_id: 'o1', tip: 'manopera', descriere: 'Operație', norma_id: null, ore: '1.5', pret_ora: 15000, um: null, cantitate: null,
  pret_unitar: null, total: 22500, mecanic_id: null, ordine: 0, ...over,
});
const vat = defaultVat({ platitorTva: true }, '2026-04-01');
const cnp = Array.from({ length: 10 }, (_, d) => `180010122114${d}`).find((c) => isValidCnp(c)) ?? '';

describe('an invoice from an order (order_invoicing)', () => {
  it("takes the order's customer, lines (labour first) and number; the order is the one the invoice closes", () => {
    const lines = [
      line({ id: 'm', tip: 'material', descriere: 'Filtru', ore: null, pret_ora: null, um: 'buc', cantitate: '2', pret_unitar: 4590, ordine: 0 }),
      line({ id: 'b', descriere: 'Montaj', ordine: 1 }),
      line({ id: 'a', descriere: 'Diagnoză', ordine: 0 }),
    ];
    const start = invoiceStartFromOrder(order(), lines, vat);
    expect(start.caption).toEqual({ key: 'accounting.issue.forOrder', params: { n: 12 }, testId: 'invoice-for-order' });
    expect(start.order).toEqual({ id: 'o1', nr_comanda: 12, nr_auto: 'B 123 ABC' });
    expect(start.telefon).toBe('0722 123 456');
    expect(start.lines.map((l) => [l.descriere, l.um, l.cantitate, l.pretUnitar, l.categorie, l.cota, l.valoare])).toEqual([
      ['Diagnoză', 'ore', '1.5', 15000, 'S', '21', 22500],
      ['Montaj', 'ore', '1.5', 15000, 'S', '21', 22500],
      ['Filtru', 'buc', '2', 4590, 'S', '21', 9180],
    ]);
    expect(start.buyer).toEqual({ tip: 'pf', nume: 'Ion Popescu', codFiscal: '', cnp: '', adresa: 'Str. Lungă 1', tara: 'RO' });
  });

  it('a valid CNP makes the buyer a person; any other code a company, in the EU state its VAT number names', () => {
    expect(invoiceStartFromOrder(order({ client_cod_fiscal: ` ${cnp} ` }), [], vat).buyer).toMatchObject({ tip: 'pf', cnp, codFiscal: '' });
    expect(invoiceStartFromOrder(order({ client_cod_fiscal: 'ro14399840' }), [], vat).buyer).toMatchObject({ tip: 'pj', codFiscal: 'RO14399840', cnp: '', tara: 'RO' });
    expect(invoiceStartFromOrder(order({ client_cod_fiscal: 'HU12892312' }), [], vat).buyer).toMatchObject({ tip: 'pj', tara: 'HU' });
  });

  it('an order not numbered yet is named by a dash; a seller not registered for VAT invoices without VAT', () => {
    const start = invoiceStartFromOrder(order({ nr_comanda: null, client_nume: null, client_adresa: null }), [line({})], defaultVat({ platitorTva: false }, '2026-04-01'));
    expect(start.caption.params).toEqual({ n: '—' });
    expect(start.buyer).toMatchObject({ nume: '', adresa: '' });
    expect(start.lines[0]).toMatchObject({ categorie: 'O', cota: '0' });
  });

  it("takes the buyer from the order's customer row: trade-register number, VAT status, the address by its parts", () => {
    const customer = {
      id: 'c1', tip: 'pj' as const, nume: 'Transport Rapid SRL', telefon: '021 312 3456', email: null, cod_fiscal: 'RO18547290', adresa: 'Bd. Unirii 10',
      judet: 'B', sector: 3, localitate: null, reg_com: 'J40/100/2010', platitor_tva: 1, cnp: null,
    };
    const start = invoiceStartFromOrder(order({ client_id: 'c1', client_nume: 'Nume vechi' }), [], vat, customer);
    expect(start.buyer).toEqual({
      tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: '', regCom: 'J40/100/2010', adresa: 'Bd. Unirii 10',
      localitate: 'Sector 3', judet: 'B', tara: 'RO',
    });
    expect(start.telefon).toBe('021 312 3456');
    // A row that is not the order's customer is not used.
    expect(invoiceStartFromOrder(order({ client_id: 'c2' }), [], vat, customer).buyer).toMatchObject({ nume: 'Ion Popescu' });
  });

  it('leaves out the lines the customer declined through the client portal', () => {
    const lines = [line({ id: 'a', descriere: 'Diagnoză', decizie_client: 'aprobat' }), line({ id: 'b', descriere: 'Montaj', ordine: 1, decizie_client: 'respins' })];
    expect(invoiceStartFromOrder(order(), lines, vat).lines.map((l) => l.descriere)).toEqual(['Diagnoză']);
  });
});
