/**
 * What this device can do about invoice numbers, as the pages say it (see docs/accounting.md: each
 * device numbers invoices only in a series it holds). Plain functions of what the device knows, so the
 * pages only draw them.
 */

/** The first name free among `taken`: the stem (the profile's proposal, `ROA` by default), then with 2, 3… */
export function nextSeriesName(base: string | null | undefined, taken: ReadonlySet<string>): string {
  const stem = (base ?? '').trim().toUpperCase() || 'ROA';
  if (!taken.has(stem)) return stem;
  for (let i = 2; ; i++) if (!taken.has(`${stem}${i}`)) return `${stem}${i}`;
}

/** A series as the pages need it: its name, whether it is in use, whether this device holds it. */
export type KnownSeries = { serie: string; activa: number; mine: number };

/** This device's situation on the new-invoice page. */
export type DeviceSeries =
  /** Still reading the device's data: nothing is said yet. */
  | { kind: 'loading' }
  /** The device holds a series: the invoice gets its next number. */
  | { kind: 'held'; serie: string; next: number }
  /** Without an account the browser is the only device: the first invoice makes this series. */
  | { kind: 'madeOnIssue'; serie: string }
  /**
   * With an account and no series here: the server makes `proposed` for this device in one step,
   * which needs the internet; `others` are the series other devices hold (why this one is not `ROA`).
   */
  | { kind: 'missing'; proposed: string; others: string[]; needsInternet: boolean };

export function deviceSeries(input: {
  loaded: boolean;
  /** The series this device holds, oldest first (`heldSeriesSql`). */
  held: readonly { serie: string; ultimul_numar: number }[];
  /** Every series the device knows of, the company's (`knownSeriesSql`). */
  known: readonly KnownSeries[];
  /** The profile's proposed series name. */
  base: string | null | undefined;
  hasAccount: boolean;
  online: boolean;
}): DeviceSeries {
  if (!input.loaded) return { kind: 'loading' };
  const [first] = input.held;
  if (first) return { kind: 'held', serie: first.serie, next: first.ultimul_numar + 1 };
  const proposed = nextSeriesName(input.base, new Set(input.known.map((s) => s.serie)));
  if (!input.hasAccount) return { kind: 'madeOnIssue', serie: proposed };
  const others = input.known.filter((s) => s.activa === 1 && s.mine !== 1).map((s) => s.serie);
  return { kind: 'missing', proposed, others, needsInternet: !input.online };
}

/** Why "Emite factura" cannot be pressed now, said next to it; null when it can. */
export type IssueBlocker = 'profile' | 'reversed' | 'series' | null;

export function issueBlocker(input: { missingProfile: boolean; fullyReversed: boolean; series: DeviceSeries }): IssueBlocker {
  if (input.fullyReversed) return 'reversed';
  if (input.series.kind === 'missing') return 'series';
  if (input.missingProfile) return 'profile';
  return null;
}
