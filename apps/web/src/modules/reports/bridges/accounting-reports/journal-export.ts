import { journalColumns, type Journal, type JournalColumn, type JournalRow } from '@roaauto/shared';
import type { ExportCell, ExportColumn, ExportTable } from '@/app/export/table';
import { exportTable } from '@/app/export/table';

export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A journal column's heading in the app's language. */
export function journalHeader(t: Translate, kind: Journal['kind'], c: JournalColumn): string {
  switch (c.id) {
    case 'partener': return t(kind === 'sales' ? 'reports.journals.columns.buyer' : 'reports.journals.columns.supplier');
    case 'baza': return t('reports.journals.columns.base', { rate: c.rate ?? '' });
    case 'tva': return t('reports.journals.columns.vat', { rate: c.rate ?? '' });
    case 'nr': return t('reports.journals.columns.nr');
    case 'data': return t('reports.journals.columns.date');
    case 'numar': return t('reports.journals.columns.number');
    case 'cui': return t('reports.journals.columns.taxId');
    case 'total': return t('reports.journals.columns.total');
    case 'scutitCuDrept': return t('reports.journals.columns.exemptDeductible');
    case 'scutitFaraDrept': return t('reports.journals.columns.exemptNotDeductible');
    case 'tiBaza': return t('reports.journals.columns.reverseBase');
    case 'tiTva': return t('reports.journals.columns.reverseVat');
    case 'neimpozabil': return t('reports.journals.columns.notTaxable');
  }
  return c.label;
}

/** The journal's columns as the export kernel takes them. */
export function journalExportColumns(t: Translate, journal: Journal): ExportColumn<JournalRow>[] {
  return journalColumns(journal).map((c) => ({ header: journalHeader(t, journal.kind, c), kind: c.kind, value: c.value }));
}

/** The totals row: "TOTAL" under the first column, each amount column's total. */
export function journalFooter(t: Translate, journal: Journal): ExportCell[] {
  return journalColumns(journal).map((c, i) => (i === 0 ? t('reports.journals.total') : c.total(journal.totals)));
}

/** The whole journal as a table for CSV and XLSX, its totals as the last row. */
export function journalExportTable(t: Translate, journal: Journal): ExportTable {
  return exportTable(journalExportColumns(t, journal), journal.rows, journalFooter(t, journal));
}
