import {
  accountingGlance, appointmentsGlance, glanceComparison, glanceForPeriods, previousPeriod, salesJournal, salesJournalSource, salesJournalSql, sameLastYear,
  smsGlance, tyreHotelGlance,
  warehouseCostsGlance, workshopGlance, type GlanceQuery, type InvoiceDocument, type Period, type SalesJournalSource,
} from '@roaauto/shared';

/**
 * The reports' own code in the bench's page (bundled from the shared sources), reading the database in the
 * SQL runner worker as the app's pages read theirs: one message per query.
 */
type Param = string | number | null;
const worker = new Worker('/runner.js', { type: 'module' });
let next = 0;
type Answer = { id: number; ok: boolean; rows?: unknown; error?: string };
const waiting = new Map<number, { resolve: (answer: Answer) => void; reject: (err: Error) => void }>();
worker.onmessage = (e: MessageEvent<Answer>) => {
  const w = waiting.get(e.data.id);
  if (!w) return;
  waiting.delete(e.data.id);
  if (e.data.ok) w.resolve(e.data);
  else w.reject(new Error(e.data.error));
};
function ask(message: object): Promise<Answer> {
  const id = ++next;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}
const query: GlanceQuery = async <T>(sql: string, params: readonly Param[]) => (await ask({ type: 'rows', sql, params })).rows as T[];

const named = { workshopGlance, accountingGlance, warehouseCostsGlance, tyreHotelGlance, smsGlance, appointmentsGlance };
const computes = Object.values(named);

Object.assign(window, {
  bench: {
    load: (ddl: string[]) => ask({ type: 'load', ddl, dataUrl: '/data.json' }),
    /** The month at a glance as the reports page asks for it (`glanceComparison`): every source, for the period, the one before and a year earlier. */
    async glance(period: Period, today: string): Promise<number> {
      const t0 = performance.now();
      await glanceComparison(computes, query, period, today);
      return performance.now() - t0;
    },
    /**
     * The same glance, each source timed on its own (ms per source, summed over the periods) and each
     * query's round trip with its SQL, slowest first: where the time goes.
     */
    async profile(period: Period, today: string) {
      const periods = [period, previousPeriod(period), sameLastYear(period)];
      const sources: Record<string, number> = {};
      const queries: { sql: string; ms: number; rows: number }[] = [];
      const timed: GlanceQuery = async <T>(sql: string, params: readonly Param[]) => {
        const t0 = performance.now();
        const rows = await query<T & Record<string, Param>>(sql, params);
        queries.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 120), ms: performance.now() - t0, rows: rows.length });
        return rows;
      };
      for (const [name, compute] of Object.entries(named)) {
        const t0 = performance.now();
        await glanceForPeriods(compute, timed, periods, today);
        sources[name] = performance.now() - t0;
      }
      return { sources, queries: queries.sort((a, b) => b.ms - a.ms).slice(0, 12) };
    },
    /** Any statement's rows (a pragma, the sizes in dbstat). */
    sql: async (sql: string) => (await ask({ type: 'rows', sql, params: [] })).rows,
    /** The plan SQLite picks for a query. */
    explain: async (sql: string, params: Param[]) => (await ask({ type: 'rows', sql: `EXPLAIN QUERY PLAN ${sql}`, params })).rows,
    /** A year's sales journal: each month's documents read and their journal made, as the journal page does (`salesJournalSql`). */
    async journalYear(year: number): Promise<{ ms: number; rows: number }> {
      const t0 = performance.now();
      let rows = 0;
      for (let m = 1; m <= 12; m++) {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const docs = await query<SalesJournalSource>(salesJournalSql, [`${month}-01`, `${month}-31`]);
        rows += salesJournal(month, docs).rows.length;
      }
      return { ms: performance.now() - t0, rows };
    },
    /** The same year as the journal read it before: every whole document to the page, parsed there. */
    async journalYearWholeDocuments(year: number): Promise<{ ms: number; rows: number }> {
      const t0 = performance.now();
      let rows = 0;
      for (let m = 1; m <= 12; m++) {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const docs = await query<Omit<SalesJournalSource, 'grupe' | 'total' | 'tva_la_incasare'> & { document: string }>(
          'SELECT tip, serie_factura, nr_factura, data_factura, client_nume, client_cod_fiscal, total_general, document FROM invoices WHERE data_factura BETWEEN ? AND ?',
          [`${month}-01`, `${month}-31`],
        );
        rows += salesJournal(month, docs.map(({ document, ...r }) => salesJournalSource(r, JSON.parse(document) as InvoiceDocument))).rows.length;
      }
      return { ms: performance.now() - t0, rows };
    },
  },
});
