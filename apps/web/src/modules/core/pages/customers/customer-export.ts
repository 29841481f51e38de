import type { ExportColumn } from '@/app/export/table';
import type { CustomerListRow } from './customer-list';

type Translate = (key: string) => string;

/** The customers list's columns for CSV and XLSX. */
export function customerExportColumns(t: Translate): ExportColumn<CustomerListRow>[] {
  return [
    { header: t('core.export.name'), kind: 'text', value: (r) => r.nume },
    { header: t('core.export.kind'), kind: 'text', value: (r) => t(r.tip === 'pj' ? 'core.export.company' : 'core.export.person') },
    { header: t('core.export.phone'), kind: 'text', value: (r) => r.telefon },
    { header: t('core.export.taxId'), kind: 'text', value: (r) => r.cod_fiscal },
    { header: t('core.export.city'), kind: 'text', value: (r) => r.localitate },
  ];
}
