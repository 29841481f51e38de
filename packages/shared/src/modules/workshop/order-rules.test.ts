import { describe, expect, it } from 'vitest';
import { vatRate } from '../../fiscal/vat';
import { newId } from '../../ids';
import { canTransition, lineTotal, nextStatuses, orderTotals, type LineAmounts } from './order-rules';
import { orderLinesTable, ordersTable } from './orders.tables';

const labour = (ore: string, pret_ora: number): LineAmounts => ({ tip: 'manopera', ore, pret_ora, cantitate: null, pret_unitar: null });
const material = (cantitate: string, pret_unitar: number): LineAmounts => ({ tip: 'material', ore: null, pret_ora: null, cantitate, pret_unitar });

describe('order totals', () => {
  it('adds labour and materials in bani, each line rounded once', () => {
    const lines = [labour('0.5', 15000), labour('1.25', 15000), labour('2', 12000), material('4', 4550), material('2.5', 1999), material('0.333', 1000)];
    expect(lines.map(lineTotal)).toEqual([7500, 18750, 24000, 18200, 4998, 333]);
    expect(orderTotals(lines)).toEqual({ total_manopera: 50250, total_materiale: 23531, total_general: 73781 });
  });

  it('is zero for an empty order and ignores incomplete lines', () => {
    expect(orderTotals([])).toEqual({ total_manopera: 0, total_materiale: 0, total_general: 0 });
    expect(lineTotal({ ...labour('1', 100), pret_ora: null })).toBe(0);
  });

  it('copes with large quantities', () => {
    expect(orderTotals([material('10000', 99_999_99)]).total_general).toBe(99_999_990_000);
  });

  it('shows VAT by the rate of the order date', () => {
    expect(vatRate('RO', '2025-07-31')).toBe(19);
    expect(vatRate('RO', '2025-08-01')).toBe(21);
    expect(vatRate('RO', '2025-08-01', 'reduced')).toBe(11);
    expect(vatRate('RO', '2025-08-01', 'reduced2')).toBeNull();
    expect(vatRate('IL', '2025-01-01')).toBe(18);
  });
});

describe('order workflow', () => {
  it('goes DRAFT → VALIDAT → FACTURAT, reopens VALIDAT → DRAFT, never leaves FACTURAT', () => {
    expect(canTransition('DRAFT', 'VALIDAT')).toBe(true);
    expect(canTransition('VALIDAT', 'DRAFT')).toBe(true);
    expect(canTransition('VALIDAT', 'FACTURAT')).toBe(true);
    expect(canTransition('DRAFT', 'FACTURAT')).toBe(false);
    expect(canTransition('FACTURAT', 'DRAFT')).toBe(false);
    expect(canTransition('FACTURAT', 'VALIDAT')).toBe(false);
    expect(nextStatuses('DRAFT')).toEqual(['VALIDAT']);
    expect(nextStatuses('VALIDAT')).toEqual(['DRAFT']);
    expect(nextStatuses('FACTURAT')).toEqual([]);
  });

  const now = '2026-11-23T10:00:00.000Z';
  const order = (patch: Record<string, unknown> = {}) => ({
    id: newId(), created_at: now, updated_at: now, nr_comanda: 1, data_comanda: '2026-11-23', vehicle_id: newId(), tip_deviz_id: null,
    status: 'DRAFT', km_intrare: 120000, observatii: null, client_nume: 'Ion', client_telefon: null, client_email: null,
    client_cod_fiscal: null, client_adresa: null, nr_auto: 'B 123 ABC', serie_sasiu: null, marca_denumire: null, model_denumire: null,
    total_manopera: 0, total_materiale: 0, total_general: 0, token_client: null, created_by: null, oracle_id: null, ...patch,
  });
  const check = (row: Record<string, unknown>, previous: Record<string, unknown> | null, deleting = false) =>
    ordersTable.check?.({ row: row as never, previous: previous as never, parent: null, deleting, clientId: 'device' })?.message ?? null;

  it('enforces the workflow on order rows', () => {
    const draft = order();
    expect(check(draft, null)).toBeNull();
    expect(check({ ...draft, status: 'VALIDAT' }, null)).toMatch(/starts as a draft/);
    expect(check({ ...draft, status: 'VALIDAT' }, draft)).toBeNull();
    expect(check({ ...draft, status: 'FACTURAT' }, draft)).toMatch(/cannot go from DRAFT to FACTURAT/);
    const validated = { ...draft, status: 'VALIDAT' };
    expect(check({ ...validated, km_intrare: 1 }, validated)).toMatch(/reopen it first/);
    expect(check({ ...validated, status: 'DRAFT' }, validated)).toBeNull();
    expect(check({ ...validated, status: 'FACTURAT' }, validated)).toMatch(/issuing its invoice/);
    const invoiced = { ...draft, status: 'FACTURAT' };
    expect(check({ ...invoiced, observatii: 'x' }, invoiced)).toMatch(/invoiced order cannot be changed/);
    expect(check(invoiced, invoiced, true)).toMatch(/Only a draft/);
    expect(check(validated, validated, true)).toMatch(/Only a draft/);
    expect(check(draft, draft, true)).toBeNull();
    expect(check({ ...draft, status: 'VALIDAT', vehicle_id: null, nr_auto: null }, { ...draft, vehicle_id: null, nr_auto: null })).toMatch(/needs a vehicle/);
  });

  it('moves an order to another customer row at any status, and nothing else with it', () => {
    const invoiced = order({ status: 'FACTURAT', client_id: newId() });
    const merged = { ...invoiced, client_id: newId(), updated_at: '2026-11-24T10:00:00.000Z' };
    expect(check(merged, invoiced)).toBeNull();
    expect(check({ ...merged, client_nume: 'Altul' }, invoiced)).toMatch(/invoiced order cannot be changed/);
    const validated = order({ status: 'VALIDAT', client_id: null });
    expect(check({ ...validated, client_id: newId() }, validated)).toBeNull();
  });

  it('refuses line changes unless the order is a draft, and wrong line totals', () => {
    const parent = order();
    const line = {
      id: newId(), created_at: now, updated_at: now, order_id: parent.id, tip: 'manopera', descriere: 'Schimb ulei', norma_id: null,
      ore: '0.5', pret_ora: 15000, um: null, cantitate: null, pret_unitar: null, total: 7500, mecanic_id: null, ordine: 0, oracle_id: null,
    };
    const lineCheck = (row: Record<string, unknown>, p: Record<string, unknown> | null, previous: Record<string, unknown> | null = null, deleting = false) =>
      orderLinesTable.check?.({ row: row as never, previous: previous as never, parent: p, deleting, clientId: 'device' })?.message ?? null;
    expect(lineCheck(line, parent)).toBeNull();
    expect(lineCheck(line, null)).toMatch(/does not exist/);
    expect(lineCheck(line, { ...parent, status: 'VALIDAT' })).toMatch(/reopen it first/);
    expect(lineCheck(line, { ...parent, status: 'VALIDAT' }, line, true)).toMatch(/reopen it first/);
    expect(lineCheck(line, { ...parent, status: 'FACTURAT' })).toMatch(/cannot be changed/);
    expect(lineCheck({ ...line, total: 7501 }, parent)).toMatch(/does not match/);
    expect(lineCheck({ ...line, ore: null }, parent)).toMatch(/needs hours/);
    expect(lineCheck({ ...line, order_id: newId() }, parent, line)).toMatch(/cannot move/);
    expect(lineCheck({ ...line, descriere: ' ' }, parent)).toMatch(/description/);
  });
});
