import type { LabelLayoutId, ProductLabel } from '@roaauto/shared/warehouse/labels';

/** The sizes offered, the ids of `labelLayouts` (listed here so a page does not load bwip-js before printing). */
export const labelSizes: LabelLayoutId[] = ['50x30', '58x40', 'a4-3x8', 'a4-4x10'];

/**
 * Product labels as a PDF, made in the browser and offline by the code the server would use. bwip-js,
 * pdfmake and the fonts load on first use only (`import()`), never with the app shell.
 */
export async function labelsPdf(labels: ProductLabel[], layout: LabelLayoutId, options: { withPrice?: boolean; title?: string } = {}): Promise<Blob> {
  const [{ labelLayouts, labelsDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/warehouse/labels'), import('@roaauto/shared/pdf/browser')]);
  const bytes = await renderPdf(labelsDefinition(labels, labelLayouts[layout], options));
  return new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
