import { lineCounts, type LineDecision, type LineKind } from '../../../workshop/order-rules';
import { lineValue, type InvoiceLine } from '../../document';

type OrderLineLike = {
  tip: LineKind; descriere: string; ore: string | null; pret_ora: number | null; um: string | null; cantitate: string | null; pret_unitar: number | null;
  decizie_client?: LineDecision | null;
};

/** An order's lines as invoice lines: labour as hours × hourly rate, materials as quantity × unit price. */
export function invoiceLinesFromOrder(lines: readonly OrderLineLike[], vat: Pick<InvoiceLine, 'categorie' | 'cota' | 'motivScutire'>): InvoiceLine[] {
  // A line the customer declined through the portal is not invoiced.
  return lines.filter(lineCounts).map((l) => {
    const line = l.tip === 'manopera'
      ? { descriere: l.descriere, um: 'ore', cantitate: l.ore ?? '0', pretUnitar: l.pret_ora ?? 0 }
      : { descriere: l.descriere, um: l.um?.trim() || 'buc', cantitate: l.cantitate ?? '0', pretUnitar: l.pret_unitar ?? 0 };
    return { ...line, ...vat, valoare: lineValue(line) };
  });
}
