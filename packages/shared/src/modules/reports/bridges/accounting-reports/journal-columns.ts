import type { Journal, JournalRow, JournalTotals } from './journals';

/**
 * A journal's columns, in the order the registers print them: one description both the page, the PDF and
 * the spreadsheets read, so they always show the same figures. Amounts are bani.
 */
export type JournalColumnKind = 'integer' | 'text' | 'date' | 'money';

export type JournalColumnId =
  | 'nr' | 'data' | 'numar' | 'partener' | 'cui' | 'total'
  | 'baza' | 'tva' | 'scutitCuDrept' | 'scutitFaraDrept' | 'tiBaza' | 'tiTva' | 'neimpozabil';

export type JournalColumn = {
  id: JournalColumnId;
  /** The VAT rate of a `baza`/`tva` column ("21"). */
  rate?: string;
  kind: JournalColumnKind;
  /** The column's heading in Romanian, as printed on the register. */
  label: string;
  /** A document's value (null: empty cell). */
  value: (row: JournalRow) => string | number | null;
  /** The column's total (null: none, as for the number or the partner). */
  total: (totals: JournalTotals) => number | null;
};

const money = (id: JournalColumnId, label: string, value: (r: JournalRow | JournalTotals) => number): JournalColumn =>
  ({ id, kind: 'money', label, value, total: value });

/** The columns of a journal: the rate columns are those of the month (`journal.rates`). */
export function journalColumns(journal: Pick<Journal, 'kind' | 'rates'>): JournalColumn[] {
  const partner = journal.kind === 'sales' ? 'Beneficiar' : 'Furnizor';
  const none = () => null;
  return [
    { id: 'nr', kind: 'integer', label: 'Nr. crt.', value: (r) => r.nr, total: none },
    { id: 'data', kind: 'date', label: 'Data', value: (r) => r.data, total: none },
    { id: 'numar', kind: 'text', label: 'Nr. document', value: (r) => r.numar, total: none },
    { id: 'partener', kind: 'text', label: partner, value: (r) => r.partener, total: none },
    { id: 'cui', kind: 'text', label: 'CUI/CNP', value: (r) => r.cui, total: none },
    money('total', 'Total document', (r) => r.total),
    ...journal.rates.flatMap((rate) => [
      { ...money('baza', `Bază ${rate}%`, (r) => r.cote[rate]?.baza ?? 0), rate },
      { ...money('tva', `TVA ${rate}%`, (r) => r.cote[rate]?.tva ?? 0), rate },
    ]),
    money('scutitCuDrept', 'Scutit cu drept de deducere', (r) => r.scutitCuDrept),
    money('scutitFaraDrept', 'Scutit fără drept de deducere', (r) => r.scutitFaraDrept),
    money('tiBaza', 'Taxare inversă bază', (r) => r.taxareInversa.baza),
    ...(journal.kind === 'purchases' ? [money('tiTva', 'Taxare inversă TVA', (r) => r.taxareInversa.tva)] : []),
    money('neimpozabil', 'Neimpozabil', (r) => r.neimpozabil),
  ];
}
