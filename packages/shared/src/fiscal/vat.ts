/**
 * VAT rates as dated data: the rate of a supply is the one in force on the supply's date. Issue-time
 * code never holds a rate as a constant; it asks this table.
 */
export type VatKind = 'standard' | 'reduced' | 'reduced2';
export type VatPeriod = { from: string; to: string | null; rates: Partial<Record<VatKind, number>> };

export const vatPeriods: Readonly<Record<'RO' | 'IL', readonly VatPeriod[]>> = {
  // Codul fiscal art. 291; Legea 141/2025 raised the rates from 2025-08-01.
  RO: [
    { from: '2017-01-01', to: '2025-07-31', rates: { standard: 19, reduced: 9, reduced2: 5 } },
    { from: '2025-08-01', to: null, rates: { standard: 21, reduced: 11 } },
  ],
  IL: [
    { from: '2015-10-01', to: '2024-12-31', rates: { standard: 17 } },
    { from: '2025-01-01', to: null, rates: { standard: 18 } },
  ],
};

/** The rate (percent) of a kind on a date (YYYY-MM-DD), or null when that kind did not exist then. */
export function vatRate(country: keyof typeof vatPeriods, date: string, kind: VatKind = 'standard'): number | null {
  const period = vatPeriods[country].find((p) => p.from <= date && (p.to === null || date <= p.to));
  return period?.rates[kind] ?? null;
}

/** Every rate in force on a date, highest first: the choices of a taxable (category S) line. */
export function vatRatesOn(country: keyof typeof vatPeriods, date: string): number[] {
  const period = vatPeriods[country].find((p) => p.from <= date && (p.to === null || date <= p.to));
  return period ? Object.values(period.rates).filter((r): r is number => typeof r === 'number').sort((a, b) => b - a) : [];
}
