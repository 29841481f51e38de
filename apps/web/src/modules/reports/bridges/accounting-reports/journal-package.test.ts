import { describe, expect, it } from 'vitest';
import { invoiceTotals, salesJournalSource, type SqlRow } from '@roaauto/shared';
import { sampleInvoice } from '@roaauto/shared/pdf/fixtures';
import { journalPackageFiles } from './journal-package';

const t = (key: string) => key;

describe("the journals in the accountant's package", () => {
  it('are the sales and purchase journals of the month as CSV, each a row per document and the totals', async () => {
    const doc = sampleInvoice(2, { serie: 'ROA', numar: 7, data: '2026-11-10', dataLivrare: '2026-11-10' });
    const totals = invoiceTotals(doc.linii);
    const asked: string[] = [];
    const source = {
      async query<T extends SqlRow = SqlRow>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
        asked.push(String(params[0]));
        if (!sql.includes('FROM invoices')) return [];
        const row = salesJournalSource({
          tip: 'factura', serie_factura: 'ROA', nr_factura: 7, data_factura: '2026-11-10', client_nume: doc.cumparator.nume,
          client_cod_fiscal: doc.cumparator.codFiscal ?? null, total_general: totals.total,
        }, { ...doc, totals });
        return [row as unknown as T];
      },
    };
    const files = await journalPackageFiles(t, source, '2026-11');
    expect(files.map((f) => f.path)).toEqual(['jurnale/jurnal-vanzari-2026-11.csv', 'jurnale/jurnal-cumparari-2026-11.csv']);
    expect(asked).toEqual(['2026-11-01', '2026-11-01']);
    const [sales, purchases] = files.map((f) => String(f.content).replace(/^\uFEFF/, '').trim().split('\r\n'));
    // Headings, the one invoice, the totals; its total in lei with a decimal comma.
    expect(sales).toHaveLength(3);
    expect(sales?.[1]).toContain('ROA');
    expect(sales?.[1]).toContain((totals.total / 100).toFixed(2).replace('.', ','));
    expect(purchases).toHaveLength(2);
  });
});
