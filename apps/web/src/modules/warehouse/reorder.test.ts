import { describe, expect, it } from 'vitest';
import { reorderCount, reorderCsv, reorderList, type ReorderProduct, type SupplierCode } from './reorder';

const product = (id: string, min: string, stockMilli: number | null): ReorderProduct => ({ id, cod: id.toUpperCase(), nume: `Produs ${id}`, um: 'buc', stoc_minim: min, stoc_milli: stockMilli });
const code = (product_id: string, furnizor_nume: string | null, cod: string, created_at: string, furnizor_cui: string | null = null): SupplierCode => (
  { product_id, furnizor_nume, furnizor_cui, cod, created_at }
);

describe('reorderList', () => {
  it('lists products under their minimum with what brings them back to it, by supplier', () => {
    const groups = reorderList(
      [product('b', '4', 1000), product('a', '2.5', null), product('c', '1', 1000), product('d', '3', -2000)],
      [code('b', 'Zeta SRL', 'Z-1', '2026-01-01'), code('b', 'Alfa SRL', 'A-9', '2026-03-01', 'RO123'), code('d', 'Alfa SRL', 'A-4', '2026-02-01', 'RO123')],
    );
    expect(groups.map((g) => [g.supplier, g.lines.map((l) => [l.cod, l.stock, l.toOrder, l.supplierCode])])).toEqual([
      ['Alfa SRL', [['B', '1', '3', 'A-9'], ['D', '-2', '5', 'A-4']]],
      [null, [['A', '0', '2.5', null]]],
    ]);
  });

  it('leaves out a product at its minimum', () => {
    expect(reorderList([product('a', '2', 2000)], [])).toEqual([]);
  });

  it("counts the list's lines for the home page, whatever their supplier", () => {
    const products = [product('b', '4', 1000), product('a', '2.5', null), product('c', '1', 1000), product('e', '2', 2000)];
    expect(reorderCount(products, [])).toBe(reorderList(products, [code('b', 'Alfa SRL', 'A-9', '2026-03-01')]).flatMap((g) => g.lines).length);
    expect(reorderCount(products, [])).toBe(2);
    expect(reorderCount([], [])).toBe(0);
  });
});

describe('reorderCsv', () => {
  it('writes a BOM, ";" columns, the language\'s decimal mark and quotes what needs it', () => {
    const groups = reorderList([product('a', '2.5', 1000)], [code('a', 'Piese; Auto "Ion"', 'X', '2026-01-01')]);
    const csv = reorderCsv(groups, ['Furnizor', 'CUI', 'Cod', 'Cod furnizor', 'Denumire', 'UM', 'Stoc', 'Minim', 'De comandat'], 'Fără furnizor', 'ro');
    expect(csv.startsWith('\uFEFFFurnizor;CUI;')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe('"Piese; Auto ""Ion""";;A;X;Produs a;buc;1;2,5;1,5');
  });
});
