import { computed, onBeforeUnmount, shallowRef } from 'vue';
import type * as SharedPdf from '@roaauto/shared/pdf';
import type { PdfDefinition } from '@roaauto/shared/pdf';
import { useLiveQuery } from '@/app/live-query';

type Pdf = typeof SharedPdf;

/**
 * An issued stock document (a NIR or a delivery note) read from the device, and its PDF made here on
 * demand (offline too) as a link to download; the PDF engine loads only when it is asked for.
 */
export function useStockDocument<D>(table: 'stock_receipts' | 'delivery_notes', id: () => string, definition: (pdf: Pdf, doc: D) => PdfDefinition) {
  const q = useLiveQuery<{ document: string }>([table], `SELECT document FROM ${table} WHERE id = ?`, () => [id()]);
  const doc = computed(() => {
    const row = q.rows.value[0];
    return row ? (JSON.parse(row.document) as D) : null;
  });
  const pdfUrl = shallowRef<string | null>(null);
  async function makePdf(): Promise<void> {
    const d = doc.value;
    if (!d) return;
    const [pdf, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
    const blob = new Blob([(await renderPdf(definition(pdf, d))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
    if (pdfUrl.value) URL.revokeObjectURL(pdfUrl.value);
    pdfUrl.value = URL.createObjectURL(blob);
  }
  onBeforeUnmount(() => {
    if (pdfUrl.value) URL.revokeObjectURL(pdfUrl.value);
  });
  return { loading: q.loading, doc, pdfUrl, makePdf };
}
