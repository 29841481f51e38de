import type { RowOf } from '../../schema/table';
import type { Party } from '../core/party';
import type { ordersTable } from './orders.tables';
import type { vehicleReceptionsTable } from './photos.tables';
import { isSignaturePath, parseDamageMarks, type DamageMark } from './reception';

/** One side of the sheet: the vehicle as it came in (intake) or as it left (hand-back). */
export type ReceptionSideDocument = {
  km: number | null;
  /** Eighths of a tank, 0..8. */
  fuel: number | null;
  notes: string | null;
  /** SVG path data of the signature (checked), or null. */
  signature: string | null;
  signedBy: string | null;
  signedAt: string | null;
};

/** The vehicle reception sheet as printed and as the portal shows it. */
export type ReceptionDocument = {
  comanda: { numar: number | null; data: string };
  furnizor: Party;
  client: { nume: string | null; telefon: string | null };
  vehicul: { nrAuto: string | null; marca: string | null; model: string | null; vin: string | null };
  intake: ReceptionSideDocument & { marks: DamageMark[]; requests: string | null };
  handback: ReceptionSideDocument;
  /** How many photos were taken at intake and at hand-back. */
  photos: { intake: number; handback: number };
};

type Order = Pick<RowOf<typeof ordersTable.columns>, 'nr_comanda' | 'data_comanda' | 'client_nume' | 'client_telefon' | 'nr_auto' | 'marca_denumire' | 'model_denumire' | 'serie_sasiu'>;
type Reception = RowOf<typeof vehicleReceptionsTable.columns>;

const signatureOf = (d: string | null) => (d !== null && isSignaturePath(d) ? d : null);

/** An order's reception sheet as a document, the same in the browser and on the server. */
export function receptionDocument(order: Order, r: Reception, seller: Party, photos = { intake: 0, handback: 0 }): ReceptionDocument {
  return {
    comanda: { numar: order.nr_comanda, data: order.data_comanda },
    furnizor: seller,
    client: { nume: order.client_nume, telefon: order.client_telefon },
    vehicul: { nrAuto: order.nr_auto, marca: order.marca_denumire, model: order.model_denumire, vin: order.serie_sasiu },
    intake: {
      km: r.intake_km, fuel: r.intake_fuel, notes: r.intake_notes, marks: parseDamageMarks(r.damage_marks) ?? [], requests: r.customer_requests,
      signature: signatureOf(r.intake_signature), signedBy: r.intake_signed_by, signedAt: r.intake_signed_at,
    },
    handback: {
      km: r.handback_km, fuel: r.handback_fuel, notes: r.handback_notes,
      signature: signatureOf(r.handback_signature), signedBy: r.handback_signed_by, signedAt: r.handback_signed_at,
    },
    photos,
  };
}
