import { describe, expect, it } from 'vitest';
import { seriesRule, type SeriesRow } from './series-rule';

const me = '0190f5a2-0000-7000-8000-0000000000d1';
const other = '0190f5a2-0000-7000-8000-0000000000d2';
const rule = seriesRule((code) => ({ code: `x.${code}`, params: {}, message: code }));
const used: SeriesRow = { serie: 'FA', numar_start: 1, ultimul_numar: 4, client_id: me, activa: 1, tip_document: null };
const fresh: SeriesRow = { ...used, ultimul_numar: 0 };
const code = (row: SeriesRow, previous: SeriesRow | null, clientId = me, deleting = false) => rule({ row, previous, parent: null, deleting, clientId })?.code ?? null;

describe('seriesRule (the one rule of device-held series)', () => {
  it('lets the holding device create, number by one and rename an unused series', () => {
    expect(code(fresh, null)).toBeNull();
    expect(code({ ...used, ultimul_numar: 5 }, used)).toBeNull();
    expect(code({ ...fresh, serie: 'FB', numar_start: 100, ultimul_numar: 99 }, fresh)).toBeNull();
    expect(code(fresh, null, me, true)).toBeNull();
  });

  it('refuses with the module\'s codes', () => {
    expect(code(fresh, null, other)).toBe('x.series.create_for_self');
    expect(code(used, null)).toBe('x.series.new_start');
    expect(code({ ...used, serie: 'fa' }, used)).toBe('x.series.name_format');
    expect(code({ ...used, ultimul_numar: 5 }, used, other)).toBe('x.series.held_by_other');
    expect(code({ ...used, client_id: other }, used)).toBe('x.series.move_server');
    expect(code({ ...used, tip_document: 'chitanta' }, used)).toBe('x.series.keeps_kind');
    expect(code({ ...used, serie: 'FB' }, used)).toBe('x.series.keeps_name');
    expect(code({ ...used, ultimul_numar: 6 }, used)).toBe('x.series.numbers_consecutive');
    expect(code(used, null, me, true)).toBe('x.series.delete_used');
    expect(code(fresh, null, other, true)).toBe('x.series.held_by_other');
  });

  it('reads a row without a kind as the default kind it is given', () => {
    const nir = seriesRule((c) => ({ code: c, params: {}, message: c }), 'nir');
    expect(nir({ row: { ...used, tip_document: 'nir' }, previous: { ...used, tip_document: null }, parent: null, deleting: false, clientId: me })).toBeNull();
    expect(rule({ row: { ...used, tip_document: 'nir' }, previous: { ...used, tip_document: null }, parent: null, deleting: false, clientId: me })?.code).toBe('x.series.keeps_kind');
  });
});
