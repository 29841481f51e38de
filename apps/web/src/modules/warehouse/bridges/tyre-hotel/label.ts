import { tyreSetUrl, type TyreLabel, type TyreLabelSize } from '@roaauto/shared';
import type { TyreSetRow, WheelRow } from './tyre-sets';

/** What a set's label prints, its QR holding the set's page on this app's address. */
export function labelOf(set: TyreSetRow, wheels: readonly WheelRow[], origin: string): TyreLabel {
  return {
    url: tyreSetUrl(origin, set.id), cod: set.cod, client: set.client_nume, nrAuto: set.nr_auto, sezon: set.sezon, an: set.an,
    dimensiune: set.dimensiune, raft: set.raft, etaj: set.etaj, pozitie: set.pozitie, roti: wheels.length,
    peJante: wheels.length > 0 && wheels.every((w) => Boolean(w.pe_janta)),
  };
}

/** The label as a PDF, rendered on this device (offline too). */
export async function labelPdf(label: TyreLabel, size: TyreLabelSize): Promise<Blob> {
  const [{ tyreLabelDefinition }, { renderPdf }] = await Promise.all([import('@roaauto/shared/pdf'), import('@roaauto/shared/pdf/browser')]);
  return new Blob([(await renderPdf(tyreLabelDefinition(label, size))) as Uint8Array<ArrayBuffer>], { type: 'application/pdf' });
}
