import { describe, expect, it } from 'vitest';
import { euServiceReverseChargeReason, invoiceTotals, lineGroups, splitDocumentDiscount, stornoDiscounts, stornoLines, isValidCnp, notVatRegisteredReason, reverseChargeReason, type InvoiceLine, type Party } from '@roaauto/shared';
import {
  putBackLine, takeLine,
  activeLines, buyerOfParty, buyerParty, buyerWarning, cityProblem, defaultVatValue, descriptionMax, dueDate, earlierBuyers, emptyForm, emptyLine,
  fieldProblem, formLineOf, isEuBusiness, isProblem, issueMessages, issueProblem, keepVatInForce, lineLeftOut, parseLines, quantityProblem, reverseChargeAll,
  startsWithPattern, toInvoiceLine, vatOptions, type BuyerForm, type FormLine, type LineContext,
  documentDiscounts, formTotals, lineDiscountProblem, noDiscount, parseUnitPrice, totalProblem, unitPriceForInput,
} from './invoice-form';

const payer = { platitorTva: true };
const notPayer = { platitorTva: false };
const ctx: LineContext = { storno: false, seller: payer, dataLivrare: '2026-04-01', euBusiness: false, locale: 'ro' };
const line = (over: Partial<FormLine> = {}): FormLine => ({ ...emptyLine('S:21'), descriere: 'Schimb ulei', cantitate: '2', pret: '45,90', ...over });
const buyer = (over: Partial<BuyerForm> = {}): BuyerForm => ({ ...emptyForm('2026-04-01').buyer, nume: 'Service SRL', ...over });
const cnp = Array.from({ length: 10 }, (_, d) => `180010122114${d}`).find((c) => isValidCnp(c)) ?? '';

describe('the new invoice form', () => {
  it("starts on the shop's day, with the supply on the same day, paid in cash, to a company in Romania", () => {
    expect(emptyForm('2026-04-01')).toMatchObject({ data: '2026-04-01', dataLivrare: '2026-04-01', dataScadenta: '', modalitate: 'numerar', lines: [], buyer: { tip: 'pj', tara: 'RO' } });
  });

  it('offers the VAT rates in force on the supply date; a seller not registered for VAT has only "no VAT"', () => {
    expect(vatOptions(payer, '2026-04-01').map((o) => o.value)).toEqual(['S:21', 'S:11', 'Z', 'E', 'AE']);
    expect(vatOptions(payer, '2025-07-31').map((o) => o.value)).toEqual(['S:19', 'S:9', 'S:5', 'Z', 'E', 'AE']);
    expect(vatOptions(notPayer, '2026-04-01')).toEqual([{ value: 'O', key: 'accounting.issue.notVatPayer' }]);
    expect(defaultVatValue(payer, '2025-07-01')).toBe('S:19');
    expect(defaultVatValue(notPayer, '2025-07-01')).toBe('O');
  });

  it('a new supply date moves lines off a rate that ended to the standard one', () => {
    const lines = [line({ vat: 'S:9' }), line({ vat: 'S:21' }), line({ vat: 'E' })];
    keepVatInForce(lines, payer, '2026-04-01');
    expect(lines.map((l) => l.vat)).toEqual(['S:21', 'S:21', 'E']);
  });

  it('a typed line becomes the document line: quantity and price read with a comma, value rounded once', () => {
    expect(toInvoiceLine(line(), 0, ctx)).toEqual({
      descriere: 'Schimb ulei', um: 'buc', cantitate: '2', pretUnitar: 4590, categorie: 'S', cota: '21', motivScutire: null, valoare: 9180,
    });
    expect(toInvoiceLine(line({ cantitate: '0,333', pret: '10', um: ' kg ' }), 0, ctx)).toMatchObject({ cantitate: '0.333', um: 'kg', valoare: 333 });
    expect(toInvoiceLine(line({ um: '  ' }), 0, ctx)).toMatchObject({ um: 'buc' });
  });

  it('exemption reasons: reverse charge names its article (EU services their own), no VAT names the seller, exempt takes what is typed', () => {
    expect(toInvoiceLine(line({ vat: 'AE' }), 0, ctx)).toMatchObject({ categorie: 'AE', cota: '0', motivScutire: reverseChargeReason });
    expect(toInvoiceLine(line({ vat: 'AE' }), 0, { ...ctx, euBusiness: true })).toMatchObject({ motivScutire: euServiceReverseChargeReason });
    expect(toInvoiceLine(line({ vat: 'O' }), 0, { ...ctx, seller: notPayer })).toMatchObject({ categorie: 'O', motivScutire: notVatRegisteredReason });
    expect(toInvoiceLine(line({ vat: 'E', motiv: ' art. 292 ' }), 0, ctx)).toMatchObject({ categorie: 'E', motivScutire: 'art. 292' });
    expect(toInvoiceLine(line({ vat: 'Z' }), 0, ctx)).toMatchObject({ categorie: 'Z', motivScutire: null });
  });

  it('a credit note reverses: its quantities are negative, and at most what is left can be reversed', () => {
    const storno = { ...ctx, storno: true };
    expect(toInvoiceLine(line({ cantitate: '1,5', max: '2' }), 0, storno)).toMatchObject({ cantitate: '-1.5' });
    expect(toInvoiceLine(line({ cantitate: '3', max: '2.5' }), 1, storno)).toEqual({ key: 'accounting.issue.errors.quantityProblem.overMax', params: { n: 2, max: '2,5' } });
    expect(quantityProblem(line({ cantitate: '3', max: '2.5' }), 1, 'en')).toMatchObject({ params: { max: '2.5' } });
  });

  it("a document line fills the form in the language's decimals, and reads back as the same line", () => {
    const doc = { descriere: 'Manoperă', um: 'ore', cantitate: '1.5', pretUnitar: 15000, categorie: 'S' as const, cota: '21', motivScutire: null };
    expect(formLineOf(doc, 'ro')).toMatchObject({ cantitate: '1,5', pret: '150,00', vat: 'S:21', max: null });
    expect(formLineOf(doc, 'en')).toMatchObject({ cantitate: '1.5', pret: '150.00' });
    // A credit note offers what is left to reverse, written the same way; the cap stays as stored.
    expect(formLineOf(doc, 'ro', '0.5')).toMatchObject({ cantitate: '0,5', max: '0.5' });
    expect(toInvoiceLine(formLineOf(doc, 'ro'), 0, ctx)).toMatchObject({ cantitate: '1.5', pretUnitar: 15000, valoare: 22500 });
    expect(toInvoiceLine(formLineOf(doc, 'en'), 0, { ...ctx, locale: 'en' })).toMatchObject({ cantitate: '1.5', pretUnitar: 15000, valoare: 22500 });
  });

  it('nothing typed is changed silently: each wrong figure says why, with its line number', () => {
    const problem = (over: Partial<FormLine>) => {
      const r = toInvoiceLine(line(over), 2, ctx);
      return isProblem(r) ? r.key.replace('accounting.issue.errors.', '') : null;
    };
    // On an invoice a minus is a returned part; a credit note takes the quantity reversed, never a minus.
    expect(problem({ cantitate: '-1' })).toBeNull();
    expect(toInvoiceLine(line({ cantitate: '-1' }), 2, { ...ctx, storno: true })).toMatchObject({ key: 'accounting.issue.errors.quantityProblem.negative' });
    expect(problem({ cantitate: '' })).toBe('quantityProblem.empty');
    expect(problem({ cantitate: '1,2345' })).toBe('quantityProblem.decimals');
    expect(problem({ cantitate: 'doi' })).toBe('quantityProblem.notNumber');
    expect(problem({ cantitate: '0' })).toBe('quantityProblem.zero');
    expect(problem({ pret: '1.234,50' })).toBe('priceProblem.thousands');
    expect(problem({ cantitate: '1.234,5' })).toBe('quantityProblem.thousands');
    expect(problem({ pret: 'abc' })).toBe('priceProblem.notNumber');
    expect(problem({ cantitate: ' 1,50 ', pret: ' 45.90 ' })).toBeNull();
    expect(problem({ pret: '-5' })).toBe('priceProblem.negative');
    expect(problem({ pret: '1,23456' })).toBe('priceProblem.decimals');
    expect(problem({ pret: '1,2345' })).toBeNull();
    expect(problem({ descriere: 'x'.repeat(descriptionMax + 1) })).toBe('descriptionLong');
    expect(toInvoiceLine(line({ cantitate: '0' }), 2, ctx)).toMatchObject({ params: { n: 3 } });
  });

  it('a field shows its problem once it has text; a credit note line left at 0 is simply not reversed', () => {
    const opts = { storno: false, locale: 'ro' };
    expect(fieldProblem(line({ cantitate: '' }), 0, 'cantitate', opts)).toBeNull();
    expect(fieldProblem(line({ pret: 'abc' }), 0, 'pret', opts)?.key).toBe('accounting.issue.errors.priceProblem.notNumber');
    expect(fieldProblem(line({ cantitate: '0' }), 0, 'cantitate', { ...opts, storno: true })).toBeNull();
    expect(fieldProblem(line({ cantitate: '0' }), 0, 'cantitate', opts)?.key).toBe('accounting.issue.errors.quantityProblem.zero');
  });

  it('each field says only its own problem: a wrong quantity never marks a right price, nor the other way', () => {
    const opts = { storno: false, locale: 'ro' };
    const keys = (l: FormLine) => [fieldProblem(l, 0, 'cantitate', opts)?.key ?? null, fieldProblem(l, 0, 'pret', opts)?.key ?? null];
    expect(keys(line({ cantitate: 'x' }))).toEqual(['accounting.issue.errors.quantityProblem.notNumber', null]);
    expect(keys(line({ cantitate: '1,2345' }))).toEqual(['accounting.issue.errors.quantityProblem.decimals', null]);
    expect(keys(line({ pret: '-45,90' }))).toEqual([null, 'accounting.issue.errors.priceProblem.negative']);
    expect(keys(line({ cantitate: '-2', pret: '45,90' }))).toEqual([null, null]);
    expect(fieldProblem(line({ cantitate: '-2' }), 0, 'cantitate', { ...opts, storno: true })?.key).toBe('accounting.issue.errors.quantityProblem.negative');
    expect(keys(line({ cantitate: '--2' }))).toEqual(['accounting.issue.errors.quantityProblem.notNumber', null]);
    expect(keys(line({ cantitate: 'doi', pret: '-1' }))).toEqual(['accounting.issue.errors.quantityProblem.notNumber', 'accounting.issue.errors.priceProblem.negative']);
  });

  it('a credit note line above what is left or not a number is not dropped from the total in silence', () => {
    const storno = { ...ctx, storno: true };
    const lines = [line({ cantitate: '0', max: '1' }), line({ cantitate: '3', max: '2' }), line({ cantitate: 'x', max: '1' }), line({ cantitate: '', max: '1' }), line({ cantitate: '1', max: '1' })];
    const parsed = parseLines(lines, storno);
    // The line left at 0 is not reversed; the others count, each problem with its number in the form.
    expect(parsed.map((p) => p.line)).toEqual(lines.slice(1));
    expect(parsed.map((p) => (isProblem(p.result) ? p.result : null))).toEqual([
      { key: 'accounting.issue.errors.quantityProblem.overMax', params: { n: 2, max: '2' } },
      { key: 'accounting.issue.errors.quantityProblem.notNumber', params: { n: 3 } },
      { key: 'accounting.issue.errors.quantityProblem.empty', params: { n: 4 } },
      null,
    ]);
    // Beside each wrong line: it is not in the total; the reason too where its field does not show it (an emptied quantity).
    const said = (i: number) => {
      const p = parsed[i - 1];
      if (!p) throw new Error(`no line ${i}`);
      return lineLeftOut(p, i, storno).map((m) => m.key.replace('accounting.issue.', ''));
    };
    expect(said(1)).toEqual(['lineLeftOut']);
    expect(said(2)).toEqual(['lineLeftOut']);
    expect(said(3)).toEqual(['errors.quantityProblem.empty', 'lineLeftOut']);
    expect(said(4)).toEqual([]);
    // The issue button says why instead of issuing a smaller credit note, and how a line is left out.
    const problem = issueProblem(buyer(), parsed.map((p) => p.result));
    if (!problem) throw new Error('the credit note was not stopped');
    expect(problem).toEqual({ key: 'accounting.issue.errors.quantityProblem.overMax', params: { n: 2, max: '2' } });
    expect(issueMessages(problem, true).map((m) => m.key)).toEqual(['accounting.issue.errors.quantityProblem.overMax', 'accounting.issue.errors.stornoLeaveOut']);
    expect(issueMessages({ key: 'accounting.issue.errors.buyer' }, true)).toHaveLength(1);
    expect(issueMessages(problem, false)).toHaveLength(1);
  });

  it('lines that count have a description or a price; a credit note leaves out lines at 0', () => {
    const lines = [line(), emptyLine('S:21'), line({ descriere: '', pret: '5' }), line({ cantitate: '0' })];
    expect(activeLines(lines, false)).toHaveLength(3);
    expect(activeLines(lines, true)).toHaveLength(2);
  });

  it('totals of the parsed lines group VAT by category and rate', () => {
    const parsed = [line(), line({ pret: '100', vat: 'S:11' }), line({ pret: 'x' })].map((l, i) => toInvoiceLine(l, i, ctx)).filter((l): l is InvoiceLine => !isProblem(l));
    const totals = invoiceTotals(parsed);
    expect(totals.baza).toBe(9180 + 20000);
    expect(totals.grupe.map((g) => [g.cota, g.tva])).toEqual([['21', 1928], ['11', 2200]]);
  });

  it('what keeps the invoice from being issued, in the order a person fixes it', () => {
    const ok = [toInvoiceLine(line(), 0, ctx)];
    expect(issueProblem(buyer({ nume: ' ' }), ok)?.key).toBe('accounting.issue.errors.buyer');
    expect(issueProblem(buyer({ judet: 'B', localitate: 'București' }), ok)?.key).toBe('accounting.issue.errors.sector');
    expect(issueProblem(buyer(), [toInvoiceLine(line({ pret: '' }), 0, ctx)])?.key).toBe('accounting.issue.errors.priceProblem.empty');
    expect(issueProblem(buyer(), [])?.key).toBe('accounting.issue.errors.lines');
    expect(issueProblem(buyer(), [toInvoiceLine(line({ descriere: '' }), 0, ctx)])?.key).toBe('accounting.issue.errors.lines');
    expect(issueProblem(buyer({ judet: 'B', localitate: 'Sector 3' }), ok)).toBeNull();
  });
});

describe('the buyer', () => {
  it('a company gets its tax id compacted and is a VAT payer with RO; a person keeps a CNP only in Romania', () => {
    expect(buyerParty(buyer({ codFiscal: 'ro 14399840', regCom: ' J12/1/2020 ', cnp: cnp }), '0722')).toMatchObject({
      tip: 'pj', codFiscal: 'RO14399840', regCom: 'J12/1/2020', cnp: null, platitorTva: true, telefon: '0722', judet: '',
    });
    expect(buyerParty(buyer({ codFiscal: '14399840', judet: 'CJ' }), null)).toMatchObject({ platitorTva: false, judet: 'CJ' });
    expect(buyerParty(buyer({ tip: 'pf', codFiscal: '14399840', cnp: ` ${cnp} ` }), null)).toMatchObject({ codFiscal: null, cnp, regCom: null, platitorTva: false });
    expect(buyerParty(buyer({ tip: 'pf', cnp, tara: 'HU', judet: 'CJ' }), null)).toMatchObject({ cnp: null, judet: '' });
    expect(buyerParty(buyer({ codFiscal: 'HU12892312', tara: 'HU' }), null).platitorTva).toBe(true);
  });

  it('a company with a VAT number of another EU state is an EU business (reverse charge)', () => {
    expect(isEuBusiness(buyer({ codFiscal: 'HU12892312', tara: 'HU' }))).toBe(true);
    expect(isEuBusiness(buyer({ codFiscal: '12892312', tara: 'HU' }))).toBe(false);
    expect(isEuBusiness(buyer({ tip: 'pf', codFiscal: 'HU12892312', tara: 'HU' }))).toBe(false);
    expect(isEuBusiness(buyer({ codFiscal: 'RO14399840' }))).toBe(false);
    const lines = [line(), line({ vat: 'S:11' })];
    reverseChargeAll(lines);
    expect(lines.map((l) => [l.vat, l.motiv])).toEqual([['AE', euServiceReverseChargeReason], ['AE', euServiceReverseChargeReason]]);
  });

  it('warns (never blocks) about codes that fail their check', () => {
    expect(buyerWarning(buyer({ codFiscal: '14399841' }))).toBe('cui');
    expect(buyerWarning(buyer({ codFiscal: 'RO14399840' }))).toBeNull();
    expect(buyerWarning(buyer({ codFiscal: '12892312', tara: 'HU' }))).toBe('euVat');
    expect(buyerWarning(buyer({ codFiscal: 'CHE123', tara: 'CH' }))).toBeNull();
    expect(buyerWarning(buyer({ tip: 'pf', cnp: `${cnp.slice(0, 12)}${(Number(cnp.slice(12)) + 1) % 10}` }))).toBe('cnp');
    expect(buyerWarning(buyer({ tip: 'pf', cnp }))).toBeNull();
    expect(cityProblem(buyer({ judet: 'B', localitate: 'Bucuresti', tara: 'HU' }))).toBeNull();
  });

  it("an issued document's party fills the form, and earlier buyers are offered once each, newest first", () => {
    const party = (nume: string): Party => ({ ...buyerParty(buyer({ nume, codFiscal: 'RO14399840', localitate: 'Cluj', judet: 'CJ' }), null), iban: 'RO49' });
    expect(buyerOfParty(party('Alfa SRL'))).toEqual({ tip: 'pj', nume: 'Alfa SRL', codFiscal: 'RO14399840', cnp: '', regCom: '', adresa: '', localitate: 'Cluj', judet: 'CJ', tara: 'RO' });
    const docs = ['Alfa SRL', 'Alfa Trans', 'Alfa SRL', 'Alf'].map((n) => ({ document: JSON.stringify({ cumparator: party(n) }) }));
    expect(earlierBuyers(docs, 'Alf ').map((p) => p.nume)).toEqual(['Alfa SRL', 'Alfa Trans']);
    expect(startsWithPattern(' 50%_a\\ ')).toBe('50\\%\\_a\\\\%');
  });

  it("the due date follows the profile's payment term unless one is set", () => {
    expect(dueDate('', '2026-03-25', 10)).toBe('2026-04-04');
    expect(dueDate('2026-05-01', '2026-03-25', 10)).toBe('2026-05-01');
    expect(dueDate('', '2026-03-25', null)).toBe('');
  });

  it("a document's line as a form line keeps its VAT and reason; a credit note's is capped", () => {
    const doc = { descriere: 'Anvelopă', um: 'buc', cantitate: '4', pretUnitar: 35000, categorie: 'E' as const, cota: '0', motivScutire: 'art. 292' };
    expect(formLineOf(doc, 'ro')).toMatchObject({ cantitate: '4', pret: '350,00', vat: 'E', motiv: 'art. 292', max: null });
    expect(formLineOf({ ...doc, categorie: 'S', cota: '21.00', motivScutire: null }, 'ro', '1.5')).toMatchObject({ cantitate: '1,5', vat: 'S:21', motiv: '', max: '1.5' });
    expect(formLineOf(doc, 'ro').key).not.toBe(formLineOf(doc, 'ro').key);
  });
});

describe('removing a line', () => {
  it('can be undone: the line goes back where it was, with what was typed', () => {
    const line = (key: number, descriere: string): FormLine => ({ key, descriere, um: 'buc', cantitate: '1', pret: '10', vat: 'S:21', motiv: '', max: null, reducere: noDiscount() });
    const lines = [line(1, 'Ulei'), line(2, 'Filtru'), line(3, 'Manoperă')];
    const removed = takeLine(lines, 1);
    expect(lines.map((l) => l.descriere)).toEqual(['Ulei', 'Manoperă']);
    expect(removed).toEqual({ line: line(2, 'Filtru'), index: 1 });
    if (!removed) throw new Error('no line removed');
    putBackLine(lines, removed);
    expect(lines.map((l) => l.key)).toEqual([1, 2, 3]);
    // Lines removed meanwhile: it goes back at the end.
    const last = takeLine(lines, 2);
    if (!last) throw new Error('no line removed');
    lines.splice(0, 2);
    putBackLine(lines, last);
    expect(lines.map((l) => l.key)).toEqual([3]);
    expect(takeLine(lines, 5)).toBeNull();
  });
});

describe('discounts, returns and four-decimal prices', () => {
  const read = (over: Partial<FormLine>, c: LineContext = ctx): InvoiceLine => {
    const r = toInvoiceLine(line(over), 0, c);
    if (isProblem(r)) throw new Error(r.key);
    return r;
  };
  const discount = (valoare: string, tip: 'procent' | 'lei' = 'procent', motiv = '') => ({ tip, valoare, motiv });

  it('reads unit prices with up to four decimals into bani with two decimals of a ban, and writes them back', () => {
    expect(parseUnitPrice('12,3456')).toBe(1234.56);
    expect(parseUnitPrice('0,125')).toBe(12.5);
    expect(parseUnitPrice('150')).toBe(15000);
    expect(parseUnitPrice('1,23456')).toBeNull();
    expect(parseUnitPrice('-1')).toBeNull();
    expect(unitPriceForInput(1234.56, 'ro')).toBe('12,3456');
    expect(unitPriceForInput(12.5, 'en')).toBe('0.125');
    expect(unitPriceForInput(15000, 'ro')).toBe('150,00');
    // 3 × 12,3456 = 37,0368 lei: the line is rounded once, to 37,04.
    expect(read({ cantitate: '3', pret: '12,3456' })).toMatchObject({ pretUnitar: 1234.56, valoare: 3704 });
  });

  it('takes a line discount as a percent or in lei, with the reason or "Discount"', () => {
    expect(read({ cantitate: '2', pret: '61,70', reducere: discount('10', 'procent', 'Discount fidelitate') })).toMatchObject({
      reducere: { procent: '10', suma: 1234, motiv: 'Discount fidelitate' }, valoare: 12340 - 1234,
    });
    expect(read({ cantitate: '1', pret: '100', reducere: discount('12,50', 'lei') })).toMatchObject({ reducere: { procent: null, suma: 1250, motiv: 'Discount' }, valoare: 8750 });
    expect(read({ reducere: discount('') })).not.toHaveProperty('reducere');
    const problem = (d: ReturnType<typeof discount>, pret = '45,90') => {
      const r = toInvoiceLine(line({ pret, reducere: d }), 0, ctx);
      return isProblem(r) ? r.key.replace('accounting.issue.errors.', '') : null;
    };
    expect(problem(discount('0'))).toBe('discount.percent');
    expect(problem(discount('101'))).toBe('discount.percent');
    expect(problem(discount('10,123'))).toBe('discount.percent');
    expect(problem(discount('-5', 'lei'))).toBe('discount.amount');
    expect(problem(discount('100', 'lei'))).toBe('discount.over');
    expect(problem(discount('100'))).toBeNull();
    expect(lineDiscountProblem(line({ reducere: discount('abc') }), 4)).toEqual({ key: 'accounting.issue.errors.discount.percent', params: { n: 4 } });
    expect(lineDiscountProblem(line({ reducere: discount('5') }), 4)).toBeNull();
  });

  it('takes a returned part (minus) on an invoice, its discount with its sign, but never a total at or below zero', () => {
    const sold = read({ cantitate: '4', pret: '350' });
    const returned = read({ cantitate: '-1', pret: '350', reducere: discount('10') });
    expect(returned).toMatchObject({ cantitate: '-1', valoare: -35000 + 3500, reducere: { suma: -3500 } });
    expect(read({ cantitate: '−1', pret: '350' }).cantitate).toBe('-1');
    expect(totalProblem([sold, returned], [])).toBeNull();
    expect(totalProblem([returned], [])).toEqual({ key: 'accounting.issue.errors.onlyReturns', params: undefined });
    const tooMuch = read({ cantitate: '-5', pret: '350' });
    expect(totalProblem([sold, tooMuch], [])).toEqual({ key: 'accounting.issue.errors.totalNotPositive', params: undefined });
    expect(issueProblem(buyer(), [sold, tooMuch])?.key).toBe('accounting.issue.errors.totalNotPositive');
    expect(issueProblem(buyer(), [sold, returned])).toBeNull();
  });

  it('splits a document discount over the VAT rates to the ban, and shows lines, discounts, base, VAT and total', () => {
    const lines = [read({ cantitate: '1', pret: '100' }), read({ cantitate: '1', pret: '33,33', vat: 'S:11' }), read({ cantitate: '1', pret: '66,67' })];
    const amount = documentDiscounts(discount('10', 'lei', 'Client fidel'), lines);
    expect(amount.problem).toBeNull();
    expect(amount.reduceri.map((d) => [d.cota, d.baza, d.suma, d.motiv])).toEqual([['21', 16667, 833, 'Client fidel'], ['11', 3333, 167, 'Client fidel']]);
    expect(amount.reduceri).toEqual(splitDocumentDiscount(lineGroups(lines), { suma: 1000 }, 'Client fidel'));
    const t = formTotals(lines, amount.reduceri);
    expect(t).toMatchObject({ linii: 20000, baza: 19000, tva: percentOfGroup(15834, 21) + percentOfGroup(3166, 11) });
    expect(t.total).toBe(t.baza + t.tva);
    const percent = documentDiscounts(discount('5'), lines);
    expect(percent.reduceri.map((d) => [d.procent, d.suma])).toEqual([['5', 833], ['5', 167]]);
    expect(documentDiscounts(discount('250', 'lei'), lines).problem?.key).toBe('accounting.issue.errors.documentDiscount.over');
    expect(documentDiscounts(discount('0'), lines).problem?.key).toBe('accounting.issue.errors.documentDiscount.percent');
    expect(documentDiscounts(discount(''), lines)).toEqual({ reduceri: [], problem: null });
    expect(issueProblem(buyer(), lines, documentDiscounts(discount('x', 'lei'), lines))?.key).toBe('accounting.issue.errors.documentDiscount.amount');
  });

  it("a credit note reverses a discounted line and the document's discounts as the invoice had them", () => {
    const typed = read({ cantitate: '4', pret: '350', reducere: discount('10,01', 'lei') });
    const invoiceLines = [typed, read({ cantitate: '2', pret: '12,3456', reducere: discount('10') })];
    const reduceri = splitDocumentDiscount(lineGroups(invoiceLines), { procent: '5' });
    const original = { linii: invoiceLines, reduceri } as Parameters<typeof stornoLines>[0];
    const formLines = invoiceLines.map((l) => formLineOf(l, 'ro', '1'));
    expect(formLines[0]?.reducere).toEqual({ tip: 'lei', valoare: '10,01', motiv: 'Discount' });
    const reversed = formLines.map((l, i) => toInvoiceLine(l, i, { ...ctx, storno: true }));
    expect(reversed).toEqual(stornoLines(original, new Map([[0, '1'], [1, '1']])));
    expect(reversed[0]).toMatchObject({ cantitate: '-1', reducere: { procent: null, suma: -250 } });
    const lines = reversed.filter((l): l is InvoiceLine => !isProblem(l));
    expect(documentDiscounts(noDiscount(), lines, original).reduceri).toEqual(stornoDiscounts(original, lines));
    expect(issueProblem(buyer(), lines, documentDiscounts(noDiscount(), lines, original), true)).toBeNull();
  });
});

/** VAT of a base at a whole rate, rounded half away from zero (what the totals must hold). */
function percentOfGroup(base: number, rate: number): number {
  return Math.sign(base) * Math.round((Math.abs(base) * rate) / 100);
}
