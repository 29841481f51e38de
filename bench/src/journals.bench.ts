import { invoiceTotals, salesJournal, salesJournalSource, type SalesJournalSource } from '@roaauto/shared';

/**
 * A year's sales journal from 30,000 issued invoices (3 lines each, two VAT rates), as the page computes it
 * from the rows the local query returns (`salesJournalSql`: each document's VAT groups, taken out of it by
 * the engine): parsing the groups and adding them. Median of warm runs; baseline: JSON.parse of the same
 * groups, which the journal cannot do without.
 */
const runs = Number(process.env.BENCH_RUNS ?? 5);
const count = 30_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const rows: SalesJournalSource[] = Array.from({ length: count }, (_, i) => {
  const day = `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
  const cota = day < '2025-08-01' ? '19' : '21';
  const linii = [
    { cantitate: '1.5', pretUnitar: 15000 + i, categorie: 'S' as const, cota, motivScutire: null },
    { cantitate: '2', pretUnitar: 4590, categorie: 'S' as const, cota, motivScutire: null },
    { cantitate: '1', pretUnitar: 8900, categorie: 'S' as const, cota: day < '2025-08-01' ? '9' : '11', motivScutire: null },
  ];
  const totals = invoiceTotals(linii);
  return salesJournalSource({
    tip: i % 50 === 0 ? 'storno' : 'factura', serie_factura: 'ROA', nr_factura: i + 1, data_factura: day, client_nume: `Client ${i % 900}`,
    client_cod_fiscal: null, total_general: totals.total,
  }, { totals, tvaLaIncasare: false });
});

function timed(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const baseline: number[] = [];
const year: number[] = [];
for (let r = 0; r < runs; r++) {
  baseline.push(timed(() => { for (const row of rows) JSON.parse(row.grupe); }));
  year.push(timed(() => { for (let m = 1; m <= 12; m++) salesJournal(`2025-${String(m).padStart(2, '0')}`, rows.filter((x) => x.data_factura.startsWith(`2025-${String(m).padStart(2, '0')}`))); }));
}
const b = median(baseline);
const y = median(year);
console.log(`sales journal, a year of ${count} invoices (12 months): ${y.toFixed(0)} ms (target < 1000 ms); JSON.parse of the groups baseline ${b.toFixed(0)} ms; ratio ${(y / b).toFixed(2)}`);
