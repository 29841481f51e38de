import { toCsv } from '@/app/export/csv';
import type { MonthSource } from './handoff/handoff';
import type { PackageFile } from './handoff/slots';
import { journalExportTable, type Translate } from './journal-export';
import { journalOf, journalQuery } from './journal-query';

/**
 * The month's sales and purchase journals as CSV for the accountant's package (`jurnale/`), the same tables
 * as the journal pages' CSV export.
 */
export async function journalPackageFiles(t: Translate, source: MonthSource, month: string): Promise<PackageFile[]> {
  const files: PackageFile[] = [];
  for (const [kind, name] of [['sales', 'jurnal-vanzari'], ['purchases', 'jurnal-cumparari']] as const) {
    const q = journalQuery(kind, month);
    const journal = journalOf(kind, month, await source.query(q.sql, q.params));
    files.push({ path: `jurnale/${name}-${month}.csv`, content: toCsv(journalExportTable(t, journal)) });
  }
  return files;
}
