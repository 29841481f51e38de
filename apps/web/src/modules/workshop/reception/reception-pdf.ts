import type { ReceptionDocument } from '@roaauto/shared';

/** The reception sheet's PDF, made in the browser, offline, by the code the server uses (loaded on first use). */
export async function receptionPdf(doc: ReceptionDocument, logo: string | null): Promise<Blob> {
  const [{ receptionDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(receptionDefinition(doc, { logo }))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
