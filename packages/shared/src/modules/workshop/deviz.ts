import { vatRate } from '../../fiscal/vat';
import { percentOf } from '../../money/decimal';
import type { RowOf } from '../../schema/table';
import type { Party } from '../core/party';
import type { orderLinesTable, ordersTable } from './orders.tables';
import { lineCounts } from './order-rules';

export type DevizLine = {
  tip: 'manopera' | 'material';
  descriere: string;
  /** Hours for labour, quantity for materials. */
  cantitate: string;
  um: string;
  /** Hourly rate or unit price, net, in bani. */
  pretUnitar: number;
  valoare: number;
  mecanic: string | null;
};

/** A repair order's estimate (deviz), as printed for the customer. */
export type DevizDocument = {
  numar: number | null;
  data: string;
  status: 'DRAFT' | 'VALIDAT' | 'FACTURAT';
  furnizor: Party;
  client: { nume: string | null; telefon: string | null; codFiscal: string | null; adresa: string | null };
  vehicul: { nrAuto: string | null; marca: string | null; model: string | null; vin: string | null; km: number | null };
  tipDeviz: string | null;
  linii: DevizLine[];
  /** Net totals in bani; VAT at the order date's standard rate (0 for a non-payer). */
  totals: { manopera: number; materiale: number; baza: number; cotaTva: string; tva: number; total: number };
  observatii: string | null;
};

type Order = RowOf<typeof ordersTable.columns>;
type OrderLine = RowOf<typeof orderLinesTable.columns>;

/**
 * A repair order as its estimate (deviz) document, built the same way in the browser and on the
 * server: lines in their order, labour before materials, VAT at the standard rate of the order's date
 * (none when the company is not registered for VAT). Lines the customer declined are left out.
 */
export function devizDocument(
  order: Order,
  lines: readonly (Pick<OrderLine, 'tip' | 'descriere' | 'ore' | 'pret_ora' | 'um' | 'cantitate' | 'pret_unitar' | 'total' | 'ordine'> & Partial<Pick<OrderLine, 'decizie_client'>> & { mecanic?: string | null })[],
  seller: Party,
  extra: { tipDeviz?: string | null } = {},
): DevizDocument {
  // Lines the customer declined are not part of the estimate any more (nor of its totals).
  const sorted = lines.filter(lineCounts).sort((a, b) => (a.tip === b.tip ? a.ordine - b.ordine : a.tip === 'manopera' ? -1 : 1));
  const cota = seller.platitorTva ? String(vatRate('RO', order.data_comanda) ?? 0) : '0';
  const baza = order.total_general;
  const tva = percentOf(baza, cota);
  return {
    numar: order.nr_comanda,
    data: order.data_comanda,
    status: order.status,
    furnizor: seller,
    client: { nume: order.client_nume, telefon: order.client_telefon, codFiscal: order.client_cod_fiscal, adresa: order.client_adresa },
    vehicul: { nrAuto: order.nr_auto, marca: order.marca_denumire, model: order.model_denumire, vin: order.serie_sasiu, km: order.km_intrare },
    tipDeviz: extra.tipDeviz ?? null,
    linii: sorted.map((l) => l.tip === 'manopera'
      ? { tip: l.tip, descriere: l.descriere, cantitate: l.ore ?? '0', um: 'ore', pretUnitar: l.pret_ora ?? 0, valoare: l.total, mecanic: l.mecanic ?? null }
      : { tip: l.tip, descriere: l.descriere, cantitate: l.cantitate ?? '0', um: l.um ?? 'buc', pretUnitar: l.pret_unitar ?? 0, valoare: l.total, mecanic: l.mecanic ?? null }),
    totals: { manopera: order.total_manopera, materiale: order.total_materiale, baza, cotaTva: cota, tva, total: baza + tva },
    observatii: order.observatii,
  };
}
