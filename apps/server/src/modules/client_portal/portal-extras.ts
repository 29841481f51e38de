import { fuelText, type CarView, type DamageKind } from '@roaauto/shared';
import type { TenantTx } from '../../core/tenancy/tenant-scope';
import { orderPhotos } from '../workshop/photos';
import { receptionForOrder } from '../workshop/reception';

/** A photo of the order (lineId null) or of one of its lines, as the portal page shows it. */
export type PortalPhoto = { id: string; lineId: string | null; caption: string | null; url: string };

/** The vehicle reception sheet (fișă de recepție), as the portal page shows it. */
export type PortalReception = {
  km: number | null;
  /** Fuel level as people say it ("1/2"). */
  combustibil: string | null;
  /** Visible damage noted at intake. */
  daune: string[];
  /** What the customer asked for. */
  cereri: string | null;
  semnatLa: string | null;
  pdfUrl: string | null;
};

/** What the page shows beside the estimate: photos (of the order and its lines) and the reception sheet. */
export type PortalExtras = { photos: PortalPhoto[]; reception: PortalReception | null };

/**
 * The order's photos and reception sheet for its portal page. Photos and reception sheets are kept by
 * the workshop's inspection tables; until this module reads them the page shows neither. The one place
 * to plug them in: return them here (in the company's scope `tx`), with URLs under `/p/<token>/…` served by routes that resolve the token
 * the same way (portal.routes.ts).
 */
export async function noExtras(_tx: TenantTx, _orderId: string, _token: string): Promise<PortalExtras> {
  return { photos: [], reception: null };
}

const viewNames: Record<CarView, string> = { left: 'lateral stânga', right: 'lateral dreapta', top: 'sus', front: 'față', back: 'spate' };
const kindNames: Record<DamageKind, string> = { scratch: 'Zgârietură', dent: 'Lovitură', crack: 'Fisură', missing: 'Lipsă', other: 'Altele' };

/**
 * The workshop's photos and reception sheet of the order (workshop/photos.ts, workshop/reception.ts):
 * the uploaded photos of the order and of its lines (the sheet's own photos stay on the sheet), and the
 * sheet's intake, with URLs under the link's path (portal.routes.ts serves them for that order only).
 */
export async function workshopExtras(tx: TenantTx, orderId: string, token: string): Promise<PortalExtras> {
  const photos = (await orderPhotos(tx, orderId)).filter((p) => p.receptionId === null)
    .map((p) => ({ id: p.id, lineId: p.lineId, caption: p.caption, url: `/p/${token}/photos/${p.id}` }));
  const sheet = await receptionForOrder(tx, orderId);
  const intake = sheet?.doc.intake;
  return {
    photos,
    reception: intake
      ? {
          km: intake.km,
          combustibil: fuelText(intake.fuel),
          daune: intake.marks.map((m) => `${kindNames[m.kind]} (${viewNames[m.view]})${m.note ? `: ${m.note}` : ''}`),
          cereri: intake.requests,
          semnatLa: intake.signedAt,
          pdfUrl: `/p/${token}/receptie.pdf`,
        }
      : null,
  };
}
