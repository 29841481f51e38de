import type { DevizDocument } from '@roaauto/shared';

/** The deviz (estimate) PDF, made in the browser, offline, by the code the server uses (loaded on first use: about 2 MB). */
export async function devizPdf(doc: DevizDocument, logo: string | null): Promise<Blob> {
  const [{ devizDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(devizDefinition(doc, { logo }))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
