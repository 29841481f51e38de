import type { ExportColumn } from '@/app/export/table';
import type { OrderListRow } from './order-list-query';

type Translate = (key: string) => string;

/** The orders list's columns for CSV and XLSX. */
export function orderExportColumns(t: Translate): ExportColumn<OrderListRow>[] {
  return [
    { header: t('workshop.export.number'), kind: 'integer', value: (r) => r.nr_comanda },
    { header: t('workshop.export.date'), kind: 'date', value: (r) => r.data_comanda },
    { header: t('workshop.export.status'), kind: 'text', value: (r) => t(`workshop.orders.status.${r.status}`) },
    { header: t('workshop.export.plate'), kind: 'text', value: (r) => r.nr_auto },
    { header: t('workshop.export.customer'), kind: 'text', value: (r) => r.client_nume },
    { header: t('workshop.export.vehicle'), kind: 'text', value: (r) => [r.marca_denumire, r.model_denumire].filter(Boolean).join(' ') || null },
    { header: t('workshop.export.total'), kind: 'money', value: (r) => r.total_general },
  ];
}
