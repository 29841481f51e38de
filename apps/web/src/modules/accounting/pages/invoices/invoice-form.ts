import {
  addDays, compactTaxId, decimalForInput, decimalInputProblem, defaultVat, efacturaMaxLength, euServiceReverseChargeReason, formatDecimal, invoiceDocument,
  isEuCountry, isEuVatNumber, isValidCnp, isValidCui, lineValue, moneyForInput, needsSector, normalizeDecimalInput, parseMoneyInput, reverseChargeReason, vatRatesOn,
  type InvoiceLine, type Party, type PaymentMethod, type VatCategory,
} from '@roaauto/shared';

/**
 * The new-invoice form as plain data and functions (no Vue, no texts): what the page holds, how each
 * typed line becomes a document line, and what keeps the invoice from being issued. Problems are
 * message keys with their values; the page says them in the person's language.
 */

/** A line as typed. `vat` is `S:<rate>` for the standard category, else the category (`Z`, `E`, `AE`, `O`). */
export type FormLine = { key: number; descriere: string; um: string; cantitate: string; pret: string; vat: string; motiv: string; max: string | null };

/** A line taken out of the form, with where it was: what "undo" puts back. */
export type RemovedLine = { line: FormLine; index: number };

/** Takes line `index` out of `lines` (in place) and returns it with its place, for an undo. */
export function takeLine(lines: FormLine[], index: number): RemovedLine | null {
  const [line] = lines.splice(index, 1);
  return line ? { line, index } : null;
}

/** Puts a removed line back where it was (at the end if the form has fewer lines by now). */
export function putBackLine(lines: FormLine[], removed: RemovedLine): void {
  lines.splice(Math.min(removed.index, lines.length), 0, removed.line);
}

export type BuyerForm = { tip: 'pj' | 'pf'; nume: string; codFiscal: string; cnp: string; regCom: string; adresa: string; localitate: string; judet: string; tara: string };

export type InvoiceForm = {
  buyer: BuyerForm;
  lines: FormLine[];
  data: string;
  dataLivrare: string;
  dataScadenta: string;
  modalitate: PaymentMethod;
  observatii: string;
};

/** A text of the form: its full message key and values. */
export type FormMessage = { key: string; params?: Record<string, unknown> };

const k = (key: string, params?: Record<string, unknown>): FormMessage => ({ key: `accounting.issue.${key}`, params });

/** The seller as the form needs it. */
export type Seller = Pick<Party, 'platitorTva'>;

/** The longest line description e-Factura accepts. */
export const descriptionMax = efacturaMaxLength.itemName;

let keys = 0;
/** A key no other line of this page has (lists are keyed by it). */
export const nextLineKey = (): number => keys++;

export function emptyForm(today: string): InvoiceForm {
  return {
    buyer: { tip: 'pj', nume: '', codFiscal: '', cnp: '', regCom: '', adresa: '', localitate: '', judet: '', tara: 'RO' },
    lines: [],
    data: today,
    dataLivrare: today,
    dataScadenta: '',
    modalitate: 'numerar',
    observatii: '',
  };
}

/** The VAT choices on a supply date: the rates in force, then zero, exempt and reverse charge; only "no VAT" for a seller not registered. */
export type VatOption = { value: string; rate?: number; key?: string };

export function vatOptions(seller: Seller, dataLivrare: string): VatOption[] {
  if (!seller.platitorTva) return [{ value: 'O', key: 'accounting.issue.notVatPayer' }];
  return [
    ...vatRatesOn('RO', dataLivrare).map((rate) => ({ value: `S:${rate}`, rate })),
    { value: 'Z', key: 'accounting.issue.zero' }, { value: 'E', key: 'accounting.issue.exempt' }, { value: 'AE', key: 'accounting.issue.reverseCharge' },
  ];
}

export function vatValueOf(line: Pick<InvoiceLine, 'categorie' | 'cota'>): string {
  return line.categorie === 'S' ? `S:${Number(line.cota)}` : line.categorie;
}

export function defaultVatValue(seller: Seller, dataLivrare: string): string {
  return vatValueOf(defaultVat(seller, dataLivrare));
}

export function emptyLine(vat: string): FormLine {
  return { key: nextLineKey(), descriere: '', um: 'buc', cantitate: '1', pret: '', vat, motiv: '', max: null };
}

/**
 * A document line (of an order, or of the invoice a credit note reverses) as a form line, its figures
 * written the language's way ("1,5", "150,00" in Romanian); `max` caps what may be reversed.
 */
export function formLineOf(line: Omit<InvoiceLine, 'valoare'>, locale: string, max: string | null = null): FormLine {
  return {
    key: nextLineKey(), descriere: line.descriere, um: line.um, cantitate: decimalForInput(max ?? line.cantitate, locale), pret: moneyForInput(line.pretUnitar, locale),
    vat: vatValueOf(line), motiv: line.motivScutire ?? '', max,
  };
}

/** A new supply date may end a rate: lines on a rate no longer offered take the default one. */
export function keepVatInForce(lines: FormLine[], seller: Seller, dataLivrare: string): void {
  const offered = new Set(vatOptions(seller, dataLivrare).map((o) => o.value));
  for (const l of lines) if (!offered.has(l.vat)) l.vat = defaultVatValue(seller, dataLivrare);
}

export function buyerOfParty(p: Party): BuyerForm {
  return { tip: p.tip, nume: p.nume, codFiscal: p.codFiscal ?? '', cnp: p.cnp ?? '', regCom: p.regCom ?? '', adresa: p.adresa, localitate: p.localitate, judet: p.judet, tara: p.tara };
}

/** Why a line's typed quantity cannot be taken as typed, or null (nothing is changed silently: "-1" is refused, not read as 1). */
export function quantityProblem(line: FormLine, n: number, locale: string): FormMessage | null {
  const problem = decimalInputProblem(line.cantitate, 3);
  if (problem) return k(`errors.quantityProblem.${problem}`, { n });
  const q = Number(normalizeDecimalInput(line.cantitate, 3));
  if (q === 0) return k('errors.quantityProblem.zero', { n });
  if (line.max !== null && q > Math.abs(Number(line.max))) return k('errors.quantityProblem.overMax', { n, max: formatDecimal(line.max, locale) });
  return null;
}

export function priceProblem(line: FormLine, n: number): FormMessage | null {
  const problem = decimalInputProblem(line.pret, 2);
  if (problem) return k(`errors.priceProblem.${problem}`, { n });
  return parseMoneyInput(line.pret) === null ? k('errors.price', { n }) : null;
}

/** A credit note's line left at 0 is not reversed (it is left out, not refused). */
const notReversed = (line: FormLine, storno: boolean) => storno && normalizeDecimalInput(line.cantitate, 3) === '0';

/** The inline problem of a field being typed: shown once the field has text, so an empty new line is not red. */
export function fieldProblem(line: FormLine, index: number, field: 'cantitate' | 'pret', ctx: { storno: boolean; locale: string }): FormMessage | null {
  if (!line[field].trim() || (field === 'cantitate' && notReversed(line, ctx.storno))) return null;
  return field === 'cantitate' ? quantityProblem(line, index + 1, ctx.locale) : priceProblem(line, index + 1);
}

/** Whether a line counts: it has a description or a price, and is not a credit note's line left at 0. */
const counts = (l: FormLine, storno: boolean) => Boolean(l.descriere.trim() || l.pret.trim()) && !notReversed(l, storno);

/** The lines that count: those with a description or a price, without a credit note's lines left at 0. */
export function activeLines(lines: readonly FormLine[], storno: boolean): FormLine[] {
  return lines.filter((l) => counts(l, storno));
}

export type LineContext = { storno: boolean; seller: Seller; dataLivrare: string; euBusiness: boolean; locale: string };

/** A typed line as the document's line (negative quantity on a credit note), or the first problem that keeps it from being one. */
export function toInvoiceLine(line: FormLine, index: number, ctx: LineContext): InvoiceLine | FormMessage {
  const n = index + 1;
  const problem = quantityProblem(line, n, ctx.locale) ?? priceProblem(line, n);
  if (problem) return problem;
  if (line.descriere.trim().length > descriptionMax) return k('errors.descriptionLong', { n, max: descriptionMax });
  const q = normalizeDecimalInput(line.cantitate, 3) ?? '0';
  const [categorie, rate] = line.vat.split(':') as [VatCategory, string | undefined];
  const typed = line.motiv.trim();
  const motivScutire = categorie === 'S' ? null
    : categorie === 'AE' ? typed || (ctx.euBusiness ? euServiceReverseChargeReason : reverseChargeReason)
      : categorie === 'O' ? typed || defaultVat(ctx.seller, ctx.dataLivrare).motivScutire
        : typed || null;
  const doc = {
    descriere: line.descriere.trim(), um: line.um.trim() || 'buc', cantitate: ctx.storno ? `-${q}` : q, pretUnitar: parseMoneyInput(line.pret) ?? 0,
    categorie, cota: categorie === 'S' ? String(rate) : '0', motivScutire,
  };
  return { ...doc, valoare: lineValue(doc) };
}

export const isProblem = (v: InvoiceLine | FormMessage): v is FormMessage => 'key' in v;

/** A line that counts, with what it reads as: the document's line or its problem. */
export type ParsedLine = { line: FormLine; result: InvoiceLine | FormMessage };

/**
 * Each line that counts, read: its problems carry its number in the form, the one people see beside
 * it (a credit note's lines left at 0 before it do not shift it).
 */
export function parseLines(lines: readonly FormLine[], ctx: LineContext): ParsedLine[] {
  return lines.flatMap((line, i) => (counts(line, ctx.storno) ? [{ line, result: toInvoiceLine(line, i, ctx) }] : []));
}

/**
 * Why a line that counts is left out of the total, beside the line: nothing when it is right; the
 * note alone when its quantity or price field already says why; else the reason too (a quantity
 * cleared, a price not typed yet), so no line leaves the total without a word.
 */
export function lineLeftOut(parsed: ParsedLine, index: number, ctx: { storno: boolean; locale: string }): FormMessage[] {
  const { line, result } = parsed;
  if (!isProblem(result)) return [];
  const shown = [fieldProblem(line, index, 'cantitate', ctx), fieldProblem(line, index, 'pret', ctx)].some((p) => p?.key === result.key);
  const byDescription = result.key === k('errors.descriptionLong').key;
  return shown || byDescription ? [k('lineLeftOut')] : [result, k('lineLeftOut')];
}

/** A company registered for VAT in another EU state: services to it are reverse-charged (art. 278 alin. (2)). */
export function isEuBusiness(b: BuyerForm): boolean {
  return b.tip === 'pj' && b.tara !== 'RO' && isEuVatNumber(b.tara, b.codFiscal);
}

/** A hint about the buyer's codes (never a block): a CUI or CNP that fails its check, an EU VAT number without its prefix. */
export function buyerWarning(b: BuyerForm): 'cui' | 'euVat' | 'cnp' | null {
  const inRomania = b.tara === 'RO';
  if (b.tip === 'pj' && b.codFiscal.trim()) {
    if (inRomania && !isValidCui(b.codFiscal)) return 'cui';
    if (isEuCountry(b.tara) && !inRomania && !isEuVatNumber(b.tara, b.codFiscal)) return 'euVat';
  }
  if (b.tip === 'pf' && inRomania && b.cnp.trim() && !isValidCnp(b.cnp)) return 'cnp';
  return null;
}

/** In Bucharest e-Factura wants the sector as the city. */
export function cityProblem(b: BuyerForm): FormMessage | null {
  return b.tara === 'RO' && b.localitate.trim() && needsSector(b.judet, b.localitate) ? k('errors.sector') : null;
}

/** The buyer as the document's party; what does not apply to its kind or country is left out. */
export function buyerParty(b: BuyerForm, telefon: string | null): Party {
  const inRomania = b.tara === 'RO';
  // A person abroad has no CNP: the number they gave (passport, ID card, tax number there) is their
  // identifier, kept as the fiscal code (the CNP field is Romanian only) and written as BT-47.
  const codFiscal = b.tip === 'pj' || !inRomania ? compactTaxId(b.codFiscal) || null : null;
  return {
    tip: b.tip, nume: b.nume.trim(), codFiscal,
    cnp: b.tip === 'pf' && inRomania ? b.cnp.trim() || null : null, regCom: b.tip === 'pj' ? b.regCom.trim() || null : null, adresa: b.adresa.trim(),
    localitate: b.localitate.trim(), judet: inRomania ? b.judet : '', codPostal: null, tara: b.tara, iban: null, banca: null, telefon,
    email: null, capitalSocial: null,
    platitorTva: b.tip === 'pj' && codFiscal !== null && (inRomania ? codFiscal.startsWith('RO') : isEuVatNumber(b.tara, codFiscal)),
  };
}

/** Every line as reverse charge, with the article that says so (a company in another EU state). */
export function reverseChargeAll(lines: FormLine[]): void {
  for (const l of lines) {
    l.vat = 'AE';
    l.motiv = euServiceReverseChargeReason;
  }
}

/**
 * What keeps the invoice from being issued, in the order a person fixes them: the buyer's name, the
 * city, a line that is not right, no line at all. `parsed` is `toInvoiceLine` of each active line.
 */
export function issueProblem(buyer: BuyerForm, parsed: readonly (InvoiceLine | FormMessage)[]): FormMessage | null {
  if (!buyer.nume.trim()) return k('errors.buyer');
  const city = cityProblem(buyer);
  if (city) return city;
  const bad = parsed.find(isProblem);
  if (bad) return bad;
  if (!parsed.length || parsed.some((l) => !isProblem(l) && !l.descriere)) return k('errors.lines');
  return null;
}

/**
 * What the issue button says instead of issuing: the problem, and on a credit note whose quantity is
 * wrong, how to leave a line out (0) — a wrong line is never dropped to issue a smaller document.
 */
export function issueMessages(problem: FormMessage, storno: boolean): FormMessage[] {
  return storno && problem.key.startsWith(k('errors.quantityProblem.').key) ? [problem, k('errors.stornoLeaveOut')] : [problem];
}

/** The due date from the profile's payment term, unless one is set. */
export function dueDate(current: string, data: string, days: number | null | undefined): string {
  return days != null && !current ? addDays(data, days) : current;
}

/** A LIKE pattern for names starting with what was typed (its own `%`, `_` and `\` taken literally). */
export function startsWithPattern(typed: string): string {
  return `${typed.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Earlier buyers by the start of their name, newest first, each name once, not the one already typed. */
export function earlierBuyers(documents: readonly { document: string }[], typed: string, limit = 4): Party[] {
  const term = typed.trim();
  const seen = new Set<string>();
  return documents
    .map((r) => invoiceDocument(r).cumparator)
    .filter((p) => p.nume !== term && !seen.has(p.nume) && seen.add(p.nume))
    .slice(0, limit);
}
