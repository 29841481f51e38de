import { vatRate } from '../../fiscal/vat';
import { percentOf } from '../../money/decimal';
import type { RowOf } from '../../schema/table';
import type { DevizDocument, Party } from '../accounting/document';
import type { orderLinesTable, ordersTable } from './orders.tables';

type Order = RowOf<typeof ordersTable.columns>;
type OrderLine = RowOf<typeof orderLinesTable.columns>;

/**
 * A repair order as its estimate (deviz) document, built the same way in the browser and on the
 * server: lines in their order, labour before materials, VAT at the standard rate of the order's date
 * (none when the company is not registered for VAT).
 */
export function devizDocument(
  order: Order,
  lines: readonly (Pick<OrderLine, 'tip' | 'descriere' | 'ore' | 'pret_ora' | 'um' | 'cantitate' | 'pret_unitar' | 'total' | 'ordine'> & { mecanic?: string | null })[],
  seller: Party,
  extra: { tipDeviz?: string | null } = {},
): DevizDocument {
  const sorted = [...lines].sort((a, b) => (a.tip === b.tip ? a.ordine - b.ordine : a.tip === 'manopera' ? -1 : 1));
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
