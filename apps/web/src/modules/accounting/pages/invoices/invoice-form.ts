import {
  addDays, compactTaxId, decimalForInput, decimalInputProblem, defaultVat, efacturaMaxLength, euServiceReverseChargeReason, formatDecimal, invoiceDocument,
  invoiceTotals, isEuCountry, isEuVatNumber, isUnitPriceBani, isValidCnp, isValidCui, lineDiscount, lineGroups, lineGross, lineValue, moneyForInput, needsSector,
  normalizeDecimalInput, parseMoneyInput, reverseChargeReason, splitDocumentDiscount, stornoDiscounts, stornoLines, vatRatesOn,
  type DiscountInput, type DocumentDiscount, type InvoiceDocument, type InvoiceLine, type InvoiceTotals, type Party, type PaymentMethod, type VatCategory,
} from '@roaauto/shared';

/**
 * The new-invoice form as plain data and functions (no Vue, no texts): what the page holds, how each
 * typed line becomes a document line, and what keeps the invoice from being issued. Problems are
 * message keys with their values; the page says them in the person's language.
 */

/** A discount as typed: a percent or an amount in lei (`valoare` empty: none), and its reason. */
export type FormDiscount = { tip: 'procent' | 'lei'; valoare: string; motiv: string };

/**
 * A line as typed. `vat` is `S:<rate>` for the standard category, else the category (`Z`, `E`, `AE`, `O`).
 * On a credit note `original` is the invoice's line it reverses (its price, VAT and discount are kept).
 */
export type FormLine = {
  key: number; descriere: string; um: string; cantitate: string; pret: string; vat: string; motiv: string; max: string | null;
  reducere: FormDiscount; original?: InvoiceLine | null;
};

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
  /** A discount on the whole invoice, split per VAT rate when issued. */
  reducere: FormDiscount;
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
    reducere: noDiscount(),
  };
}

export const noDiscount = (): FormDiscount => ({ tip: 'procent', valoare: '', motiv: '' });

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
  return { key: nextLineKey(), descriere: '', um: 'buc', cantitate: '1', pret: '', vat, motiv: '', max: null, reducere: noDiscount() };
}

/** A unit price in bani (up to two decimals of a ban) as lei to edit: "12,3456", "150,00". */
export function unitPriceForInput(bani: number, locale: string): string {
  if (Number.isSafeInteger(bani)) return moneyForInput(bani, locale);
  const [whole = '0', fraction = ''] = String(Math.abs(bani)).split('.');
  const digits = whole.padStart(3, '0');
  return decimalForInput(`${bani < 0 ? '-' : ''}${digits.slice(0, -2).replace(/^0+(?=\d)/, '')}.${digits.slice(-2)}${fraction}`, locale);
}

/** What was typed as a unit price (lei, up to four decimals) in bani with up to two decimals of a ban, or null. */
export function parseUnitPrice(text: string): number | null {
  const d = normalizeDecimalInput(text, 4);
  if (d === null) return null;
  const [whole = '0', fraction = ''] = d.split('.');
  if (whole.length > 11) return null;
  const digits = `${whole}${fraction.padEnd(4, '0')}`.replace(/^0+(?=\d)/, '');
  const bani = Number(`${digits.slice(0, -2) || '0'}.${digits.slice(-2)}`);
  return isUnitPriceBani(bani) ? bani : null;
}

/**
 * A document line (of an order, or of the invoice a credit note reverses) as a form line, its figures
 * written the language's way ("1,5", "150,00" in Romanian); `max` caps what may be reversed.
 */
export function formLineOf(line: Omit<InvoiceLine, 'valoare'>, locale: string, max: string | null = null): FormLine {
  return {
    key: nextLineKey(), descriere: line.descriere, um: line.um, cantitate: decimalForInput(max ?? line.cantitate, locale), pret: unitPriceForInput(line.pretUnitar, locale),
    vat: vatValueOf(line), motiv: line.motivScutire ?? '', max, reducere: discountForForm(line.reducere ?? null, locale),
    ...(max !== null ? { original: { ...line, valoare: lineValue(line) } } : {}),
  };
}

/** A discount of a document line as the form shows it. */
function discountForForm(d: InvoiceLine['reducere'], locale: string): FormDiscount {
  if (!d) return noDiscount();
  return d.procent !== null
    ? { tip: 'procent', valoare: decimalForInput(d.procent, locale), motiv: d.motiv }
    : { tip: 'lei', valoare: moneyForInput(Math.abs(d.suma), locale), motiv: d.motiv };
}

/** A new supply date may end a rate: lines on a rate no longer offered take the default one. */
export function keepVatInForce(lines: FormLine[], seller: Seller, dataLivrare: string): void {
  const offered = new Set(vatOptions(seller, dataLivrare).map((o) => o.value));
  for (const l of lines) if (!offered.has(l.vat)) l.vat = defaultVatValue(seller, dataLivrare);
}

export function buyerOfParty(p: Party): BuyerForm {
  return { tip: p.tip, nume: p.nume, codFiscal: p.codFiscal ?? '', cnp: p.cnp ?? '', regCom: p.regCom ?? '', adresa: p.adresa, localitate: p.localitate, judet: p.judet, tara: p.tara };
}

/** A quantity typed with a minus ("-1", "−1"): a returned part on an invoice. */
const returnedRe = /^\s*[-−]\s*/;

/** The typed quantity as stored ("-1.5" for a returned part), or null when it cannot be read. */
export function typedQuantity(text: string, storno: boolean): string | null {
  const returned = !storno && returnedRe.test(text);
  const q = normalizeDecimalInput(returned ? text.replace(returnedRe, '') : text, 3);
  return q === null ? null : returned && Number(q) !== 0 ? `-${q}` : q;
}

/**
 * Why a line's typed quantity cannot be taken as typed, or null (nothing is changed silently). On an
 * invoice a minus marks a returned part ("-1"); a credit note's quantities are what it reverses, so a
 * minus is refused there rather than read as 1.
 */
export function quantityProblem(line: FormLine, n: number, locale: string, storno = true): FormMessage | null {
  const returned = !storno && returnedRe.test(line.cantitate);
  const problem = decimalInputProblem(returned ? line.cantitate.replace(returnedRe, '') : line.cantitate, 3);
  // Two minus signs are not a number; the "no minus on a credit note" text is for credit notes only.
  if (problem) return k(`errors.quantityProblem.${returned && problem === 'negative' ? 'notNumber' : problem}`, { n });
  const q = Number(typedQuantity(line.cantitate, storno));
  if (q === 0) return k('errors.quantityProblem.zero', { n });
  if (line.max !== null && q > Math.abs(Number(line.max))) return k('errors.quantityProblem.overMax', { n, max: formatDecimal(line.max, locale) });
  return null;
}

export function priceProblem(line: FormLine, n: number): FormMessage | null {
  const problem = decimalInputProblem(line.pret, 4);
  if (problem) return k(`errors.priceProblem.${problem}`, { n });
  return parseUnitPrice(line.pret) === null ? k('errors.price', { n }) : null;
}

/**
 * A typed discount as what the document takes: a percent (above 0, at most 100, two decimals) or an
 * amount in bani; null when none was typed; a problem when it cannot be read.
 */
export function discountInputOf(d: FormDiscount, problem: (reason: 'percent' | 'amount') => FormMessage): DiscountInput | FormMessage | null {
  if (!d.valoare.trim()) return null;
  if (d.tip === 'procent') {
    const p = normalizeDecimalInput(d.valoare.replace(/%\s*$/, ''), 2);
    return p !== null && Number(p) > 0 && Number(p) <= 100 ? { procent: p } : problem('percent');
  }
  const bani = parseMoneyInput(d.valoare);
  return bani !== null && bani > 0 ? { suma: bani } : problem('amount');
}

/** Why a line's discount cannot be taken, or null (shown under the discount field once typed). */
export function lineDiscountProblem(line: FormLine, n: number): FormMessage | null {
  const input = discountInputOf(line.reducere, (r) => k(`errors.discount.${r}`, { n }));
  return input !== null && 'key' in input ? input : null;
}

/** A credit note's line left at 0 is not reversed (it is left out, not refused). */
const notReversed = (line: FormLine, storno: boolean) => storno && normalizeDecimalInput(line.cantitate, 3) === '0';

/** The inline problem of a field being typed: shown once the field has text, so an empty new line is not red. */
export function fieldProblem(line: FormLine, index: number, field: 'cantitate' | 'pret', ctx: { storno: boolean; locale: string }): FormMessage | null {
  if (!line[field].trim() || (field === 'cantitate' && notReversed(line, ctx.storno))) return null;
  return field === 'cantitate' ? quantityProblem(line, index + 1, ctx.locale, ctx.storno) : priceProblem(line, index + 1);
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
  const problem = quantityProblem(line, n, ctx.locale, ctx.storno) ?? priceProblem(line, n);
  if (problem) return problem;
  if (line.descriere.trim().length > descriptionMax) return k('errors.descriptionLong', { n, max: descriptionMax });
  const q = typedQuantity(line.cantitate, ctx.storno) ?? '0';
  // A credit note reverses the invoice's own line: its price, VAT and discount, in proportion.
  if (ctx.storno && line.original) {
    const [reversed] = stornoLines({ linii: [line.original] } as InvoiceDocument, new Map([[0, q]]));
    if (reversed) return reversed;
  }
  const [categorie, rate] = line.vat.split(':') as [VatCategory, string | undefined];
  const typed = line.motiv.trim();
  const motivScutire = categorie === 'S' ? null
    : categorie === 'AE' ? typed || (ctx.euBusiness ? euServiceReverseChargeReason : reverseChargeReason)
      : categorie === 'O' ? typed || defaultVat(ctx.seller, ctx.dataLivrare).motivScutire
        : typed || null;
  const doc = {
    descriere: line.descriere.trim(), um: line.um.trim() || 'buc', cantitate: ctx.storno ? `-${q}` : q, pretUnitar: parseUnitPrice(line.pret) ?? 0,
    categorie, cota: categorie === 'S' ? String(rate) : '0', motivScutire,
  };
  const input = discountInputOf(line.reducere, (r) => k(`errors.discount.${r}`, { n }));
  if (input !== null && 'key' in input) return input;
  const reducere = input ? lineDiscount(doc, input, line.reducere.motiv) : null;
  if (reducere && Math.abs(reducere.suma) > Math.abs(lineGross(doc))) return k('errors.discount.over', { n });
  const withDiscount = reducere ? { ...doc, reducere } : doc;
  return { ...withDiscount, valoare: lineValue(withDiscount) };
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
export function issueProblem(
  buyer: BuyerForm, parsed: readonly (InvoiceLine | FormMessage)[], discounts: DocumentDiscounts = { reduceri: [], problem: null }, storno = false,
): FormMessage | null {
  if (!buyer.nume.trim()) return k('errors.buyer');
  const city = cityProblem(buyer);
  if (city) return city;
  const bad = parsed.find(isProblem);
  if (bad) return bad;
  const lines = parsed.filter((l): l is InvoiceLine => !isProblem(l));
  if (!lines.length || lines.some((l) => !l.descriere)) return k('errors.lines');
  if (discounts.problem) return discounts.problem;
  return storno ? null : totalProblem(lines, discounts.reduceri);
}

/**
 * Why an invoice's lines and discounts cannot make an invoice, or null: one with returned parts still
 * sells (a line with a positive quantity) and its total stays above zero; else it is a credit note.
 */
export function totalProblem(lines: readonly InvoiceLine[], reduceri: readonly DocumentDiscount[]): FormMessage | null {
  if (lines.length && lines.every((l) => l.cantitate.startsWith('-'))) return k('errors.onlyReturns');
  const t = invoiceTotals(lines, reduceri);
  return lines.length && (t.baza <= 0 || t.total <= 0) ? k('errors.totalNotPositive') : null;
}

/** The document discounts the form makes, or the problem of the typed one. */
export type DocumentDiscounts = { reduceri: DocumentDiscount[]; problem: FormMessage | null };

/**
 * The discount on the whole invoice as EN 16931 wants it (one per VAT rate, split to the ban); on a
 * credit note, the original's discounts reversed in proportion to what is reversed.
 */
export function documentDiscounts(d: FormDiscount, lines: readonly InvoiceLine[], original: Pick<InvoiceDocument, 'reduceri'> | null = null): DocumentDiscounts {
  if (original) return { reduceri: stornoDiscounts(original, lines), problem: null };
  const input = discountInputOf(d, (r) => k(`errors.documentDiscount.${r}`));
  if (input === null) return { reduceri: [], problem: null };
  if ('key' in input) return { reduceri: [], problem: input };
  const groups = lineGroups(lines);
  const net = groups.reduce((a, g) => a + g.baza, 0);
  if ('suma' in input && input.suma > Math.abs(net)) return { reduceri: [], problem: k('errors.documentDiscount.over') };
  return { reduceri: splitDocumentDiscount(groups, input, d.motiv), problem: null };
}

/** What the live totals show: the lines' sum, the document discounts, then base, VAT and total. */
export type FormTotals = InvoiceTotals & { linii: number; reduceri: DocumentDiscount[] };

export function formTotals(lines: readonly InvoiceLine[], reduceri: readonly DocumentDiscount[]): FormTotals {
  return { ...invoiceTotals(lines, reduceri), linii: lines.reduce((a, l) => a + l.valoare, 0), reduceri: [...reduceri] };
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
