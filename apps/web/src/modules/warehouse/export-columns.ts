import type { ExportColumn } from '@/app/export/table';
import { quantityText, type StockRow } from './movements';
import type { ProductListRow } from './products';

type Translate = (key: string) => string;

/** The products list's columns for CSV and XLSX (the stock as a decimal, in the product's unit). */
export function productExportColumns(t: Translate): ExportColumn<ProductListRow>[] {
  return [
    { header: t('warehouse.export.code'), kind: 'text', value: (r) => r.cod },
    { header: t('warehouse.export.name'), kind: 'text', value: (r) => r.nume },
    { header: t('warehouse.export.unit'), kind: 'text', value: (r) => r.um },
    { header: t('warehouse.export.price'), kind: 'money', value: (r) => r.pret_vanzare },
    { header: t('warehouse.export.stock'), kind: 'decimal', value: (r) => quantityText(r.stoc_milli).replace(',', '.') },
  ];
}

/** The stock list's columns for CSV and XLSX. */
export function stockExportColumns(t: Translate): ExportColumn<StockRow>[] {
  return [
    { header: t('warehouse.export.code'), kind: 'text', value: (r) => r.cod },
    { header: t('warehouse.export.name'), kind: 'text', value: (r) => r.nume },
    { header: t('warehouse.export.location'), kind: 'text', value: (r) => r.locatie },
    { header: t('warehouse.export.quantity'), kind: 'decimal', value: (r) => quantityText(r.cantitate_milli).replace(',', '.') },
    { header: t('warehouse.export.unit'), kind: 'text', value: (r) => r.um },
  ];
}
