import { formatDecimal, formatMoney, searchKey, type DocumentDiscount, type LineDiscount, type VatCategory } from '@roaauto/shared';
import type { Translate } from '@/app/errors';

/**
 * How the app's pages say a document's VAT and quantities to the shop: "TVA 21%", "Scutit de TVA",
 * "1 oră", "20 de ore". The VAT category letters (S, Z, E, AE, O) are for the accountant and stay where
 * one reads them: the PDF and the e-Factura XML.
 */
export function vatLabel(t: Translate, vat: { categorie: VatCategory; cota: string | number }): string {
  return t(`accounting.vat.${vat.categorie}`, { c: Number(vat.cota) });
}

/** Units that mean hours, as shops write them ("oră", "ore", "ora"). */
const hourUnits = new Set(['ora', 'ore']);

/**
 * A quantity with its unit: hours in words with the right plural ("1 oră", "1,5 ore", "20 de ore"),
 * any other unit as the shop wrote it ("2 buc"). `quantity` is the stored decimal ("1.5"),
 * `shown` the same number as the page writes it ("1,5").
 */
export function quantityWithUnit(t: Translate, quantity: string, shown: string, um: string): string {
  const n = Math.abs(Number(quantity));
  if (hourUnits.has(searchKey(um)) && Number.isFinite(n)) return t('accounting.units.hours', { q: shown }, n);
  return `${shown} ${um}`.trim();
}

/** A line's discount as the pages say it: "Reducere 10% — Discount fidelitate: −12,34 RON". */
export function lineDiscountLabel(t: Translate, d: LineDiscount, locale: string): string {
  const what = d.procent !== null ? `${t('accounting.issue.discount.line')} ${formatDecimal(d.procent, locale)}%` : t('accounting.issue.discount.line');
  return `${what} — ${d.motiv}: ${d.suma < 0 ? '+' : '\u2212'}${formatMoney(Math.abs(d.suma))}`;
}

/** A document discount's row in the totals: "Reducere 5% (TVA 21%)". */
export function documentDiscountLabel(t: Translate, d: DocumentDiscount, locale: string): string {
  const percent = d.procent !== null ? ` ${formatDecimal(d.procent, locale)}%` : '';
  return `${t('accounting.issue.discount.line')}${percent} (${vatLabel(t, d)})`;
}
