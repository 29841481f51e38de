import type { TenantTx } from '../../core/tenancy/tenant-scope';

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
