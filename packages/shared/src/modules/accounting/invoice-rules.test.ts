import { describe, expect, it } from 'vitest';
import { percentOf } from '../../money/decimal';
import type { RowOf } from '../../schema/table';
import { ordersTable } from '../workshop/orders.tables';
import type { CompanyProfile } from '../core/company';
import { sellerFromProfile } from '../core/company';
import type { Party } from '../core/party';
import {
  invoiceTotals, lineDiscount, lineGroups, lineValue, splitDocumentDiscount,
  type DiscountInput, type DocumentDiscount, type InvoiceDocument, type InvoiceLine, type LineDiscount, type VatCategory,
} from './document';
import { invoiceDocumentSchema, partyProblem, seriesProblem, vatProblem } from './invoice-rules';
import { invoicesTable, invoiceSeriesTable } from './invoices.tables';
import {
  issueOps, notVatRegisteredReason, reverseChargeReason, stornoLines,
  type Invoice, type InvoiceSeries, type IssueInput,
} from './issue';

const now = '2025-09-01T08:00:00.000Z';
const holder = 'device-a';

const profile = (patch: Partial<CompanyProfile> = {}): CompanyProfile => ({
  id: 'profile-1', created_at: now, updated_at: now, nume: 'Service Auto Someș SRL', cui: 'RO14399840', platitor_tva: 1, tva_la_incasare: 0,
  reg_com: 'J12/1234/2015', capital_social: '200 lei', adresa: 'Str. Fabricii 1', localitate: 'Cluj-Napoca', judet: 'CJ', cod_postal: '400000',
  iban: 'RO49AAAA1B31007593840000', banca: 'Banca Transilvania', telefon: '0740000000', email: 'office@service.ro', logo: null,
  serie_implicita: 'ROA', zile_scadenta: 15, ...patch,
});
const seller = sellerFromProfile(profile());
const nonPayer = sellerFromProfile(profile({ cui: '14399840', platitor_tva: 0 }));

const company: Party = {
  tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: 'J40/100/2010', adresa: 'Bd. Unirii 10', localitate: 'Sector 3',
  judet: 'B', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true,
};
const person: Party = { ...company, tip: 'pf', nume: 'Ion Popescu', codFiscal: null, regCom: null, localitate: 'Cluj-Napoca', judet: 'CJ', platitorTva: false };

const series = (patch: Partial<InvoiceSeries> = {}): InvoiceSeries => ({
  id: 'series-1', created_at: now, updated_at: now, serie: 'ROA', numar_start: 1, ultimul_numar: 10, client_id: holder, descriere: 'Telefon Andrei', activa: 1, tip_document: null, ...patch,
});

const line = (cantitate: string, pretUnitar: number, cota: string, categorie: VatCategory = 'S', motivScutire: string | null = null): InvoiceLine => ({
  descriere: 'Manoperă', um: 'ore', cantitate, pretUnitar, categorie, cota, motivScutire, valoare: lineValue({ cantitate, pretUnitar }),
});

describe('invoiceTotals', () => {
  it('groups lines per rate and rounds VAT once per group, not per line', () => {
    // 12.50 lei at 21% is 2.625 lei and at 11% 1.375 lei: each line alone rounds up, the group's sum does not.
    const lines = [line('1', 1250, '21'), line('1', 1250, '11'), line('1', 1250, '21'), line('1', 1250, '11')];
    const perLine = lines.reduce((sum, l) => sum + percentOf(l.valoare, l.cota), 0);
    expect(perLine).toBe(802);
    expect(invoiceTotals(lines)).toEqual({
      baza: 5000, tva: 800, total: 5800,
      grupe: [
        { categorie: 'S', cota: '21', baza: 2500, tva: 525, motivScutire: null },
        { categorie: 'S', cota: '11', baza: 2500, tva: 275, motivScutire: null },
      ],
    });
  });

  it('rounds each line net once before grouping (1.5 × 39.99 = 59.99, half away from zero)', () => {
    const t = invoiceTotals([line('1.5', 3999, '21'), line('0.333', 1000, '21')]);
    expect(t.grupe).toEqual([{ categorie: 'S', cota: '21', baza: 5999 + 333, tva: 1330, motivScutire: null }]);
    expect(t.total).toBe(6332 + 1330);
  });

  it('keeps groups in the order of their first line, one group per category and rate', () => {
    const t = invoiceTotals([
      line('1', 10000, '11'), line('1', 20000, '21'), line('1', 5000, '0', 'Z'), line('2', 10000, '11'), line('1', 1000, '21.0'),
    ]);
    expect(t.grupe.map((g) => [g.categorie, g.cota, g.baza, g.tva])).toEqual([
      ['S', '11', 30000, 3300],
      ['S', '21', 21000, 4410],
      ['Z', '0', 5000, 0],
    ]);
    expect(t).toMatchObject({ baza: 56000, tva: 7710, total: 63710 });
  });

  it('separates categories of the same rate and keeps the first reason a group gives', () => {
    const t = invoiceTotals([line('1', 1000, '0', 'Z'), line('1', 2000, '0', 'E', null), line('1', 3000, '0', 'E', 'Art. 292 Codul fiscal')]);
    expect(t.grupe).toEqual([
      { categorie: 'Z', cota: '0', baza: 1000, tva: 0, motivScutire: null },
      { categorie: 'E', cota: '0', baza: 5000, tva: 0, motivScutire: 'Art. 292 Codul fiscal' },
    ]);
  });

  it('totals a credit note with negative quantities, rounding half away from zero', () => {
    expect(invoiceTotals([line('-1', 1250, '21')])).toEqual({
      baza: -1250, tva: -263, total: -1513, grupe: [{ categorie: 'S', cota: '21', baza: -1250, tva: -263, motivScutire: null }],
    });
    const t = invoiceTotals([line('-1', 1250, '21'), line('-0.5', 15000, '11'), line('-1', 1250, '21')]);
    expect(t.grupe.map((g) => [g.cota, g.baza, g.tva])).toEqual([['21', -2500, -525], ['11', -7500, -825]]);
    expect(t).toMatchObject({ baza: -10000, tva: -1350, total: -11350 });
  });

  it('is zero without lines', () => {
    expect(invoiceTotals([])).toEqual({ baza: 0, tva: 0, total: 0, grupe: [] });
  });
});

describe('vatProblem', () => {
  const vat = (dataLivrare: string, linii: InvoiceLine[], furnizor: Party = seller) => vatProblem({ furnizor, dataLivrare, linii })?.message ?? null;

  it('takes the rates in force until 2025-07-31: 19, 9 and 5, not 21', () => {
    expect(vat('2025-07-31', [line('1', 100, '19'), line('1', 100, '9'), line('1', 100, '5')])).toBeNull();
    expect(vat('2025-07-31', [line('1', 100, '21')])).toBe('Line 1: 21% is not a VAT rate on 2025-07-31 (19%, 9%, 5%)');
    expect(vat('2025-07-31', [line('1', 100, '19'), line('1', 100, '11')])).toBe('Line 2: 11% is not a VAT rate on 2025-07-31 (19%, 9%, 5%)');
  });

  it('takes the rates in force from 2025-08-01: 21 and 11, not 19 or 5', () => {
    expect(vat('2025-08-01', [line('1', 100, '21'), line('1', 100, '11')])).toBeNull();
    expect(vat('2025-08-01', [line('1', 100, '19')])).toBe('Line 1: 19% is not a VAT rate on 2025-08-01 (21%, 11%)');
    expect(vat('2025-08-01', [line('1', 100, '5')])).toBe('Line 1: 5% is not a VAT rate on 2025-08-01 (21%, 11%)');
    expect(vat('2025-08-01', [line('1', 100, '9')])).toBe('Line 1: 9% is not a VAT rate on 2025-08-01 (21%, 11%)');
  });

  it('refuses category S at 0%', () => {
    expect(vat('2025-08-01', [line('1', 100, '0')])).toBe('Line 1: 0% is not a VAT rate on 2025-08-01 (21%, 11%)');
  });

  it('makes a seller not registered for VAT use category O at 0% with a reason', () => {
    expect(vat('2025-08-01', [line('1', 100, '0', 'O', notVatRegisteredReason)], nonPayer)).toBeNull();
    const noVat = 'Line 1: a company not registered for VAT invoices without VAT (category O)';
    expect(vat('2025-08-01', [line('1', 100, '21')], nonPayer)).toBe(noVat);
    expect(vat('2025-08-01', [line('1', 100, '0', 'Z')], nonPayer)).toBe(noVat);
    expect(vat('2025-08-01', [line('1', 100, '0', 'E', 'scutit')], nonPayer)).toBe(noVat);
    expect(vat('2025-08-01', [line('1', 100, '5', 'O', notVatRegisteredReason)], nonPayer)).toBe(noVat);
    expect(vat('2025-08-01', [line('1', 100, '0', 'O', null)], nonPayer)).toBe('Line 1: category O needs the reason no VAT is charged');
    expect(vat('2025-08-01', [line('1', 100, '0', 'O', '  ')], nonPayer)).toBe('Line 1: category O needs the reason no VAT is charged');
  });

  it('keeps category O from a VAT-registered seller', () => {
    expect(vat('2025-08-01', [line('1', 100, '0', 'O', notVatRegisteredReason)]))
      .toBe('Line 1: a VAT-registered company uses category O only for supplies outside VAT; use E with the reason');
  });

  it('needs 0% and a reason for reverse charge (AE)', () => {
    expect(vat('2025-08-01', [line('1', 100, '0', 'AE', reverseChargeReason)])).toBeNull();
    expect(vat('2025-08-01', [line('1', 100, '21', 'AE', reverseChargeReason)])).toBe('Line 1: category AE has no VAT');
    expect(vat('2025-08-01', [line('1', 100, '0', 'AE', null)])).toBe('Line 1: category AE needs the reason no VAT is charged');
  });

  it('needs a reason for an exempt line (E), not for a zero-rated one (Z)', () => {
    expect(vat('2025-08-01', [line('1', 100, '0', 'E', null)])).toBe('Line 1: category E needs the reason no VAT is charged');
    expect(vat('2025-08-01', [line('1', 100, '0', 'E', 'Art. 292 alin. (2) Codul fiscal')])).toBeNull();
    expect(vat('2025-08-01', [line('1', 100, '0', 'Z')])).toBeNull();
    expect(vat('2025-08-01', [line('1', 100, '11', 'Z')])).toBe('Line 1: category Z has no VAT');
  });
});

describe('partyProblem', () => {
  it('accepts a seller from a complete profile and the buyers as given', () => {
    expect(partyProblem(seller, 'seller')).toBeNull();
    expect(partyProblem(company, 'buyer')).toBeNull();
    expect(partyProblem({ ...company, codFiscal: '18547290' }, 'buyer')).toBeNull();
    expect(partyProblem(person, 'buyer')).toBeNull();
  });

  it('needs a valid CUI for the seller, whatever its kind', () => {
    expect(partyProblem({ ...seller, codFiscal: null }, 'seller')?.message).toBe('The seller needs a valid CUI');
    expect(partyProblem({ ...seller, codFiscal: 'RO14399841' }, 'seller')?.message).toBe('The seller needs a valid CUI');
    expect(partyProblem({ ...seller, tip: 'pf', codFiscal: null, cnp: '1850101123451' }, 'seller')?.message).toBe('The seller needs a valid CUI');
  });

  it('needs a valid CUI for a company buyer', () => {
    expect(partyProblem({ ...company, codFiscal: null }, 'buyer')?.message).toBe('The buyer needs a valid CUI');
    expect(partyProblem({ ...company, codFiscal: '' }, 'buyer')?.message).toBe('The buyer needs a valid CUI');
    expect(partyProblem({ ...company, codFiscal: 'RO18547291' }, 'buyer')?.message).toBe('The buyer needs a valid CUI');
  });

  it('lets a person give no CNP, but a given CNP must be valid', () => {
    expect(partyProblem({ ...person, cnp: null }, 'buyer')).toBeNull();
    expect(partyProblem({ ...person, cnp: '1850101123451' }, 'buyer')).toBeNull();
    expect(partyProblem({ ...person, cnp: '1850101123452' }, 'buyer')?.message).toBe('The buyer\'s CNP is not valid');
  });

  it('checks a CNP only for a person in Romania: abroad it is their own identification number', () => {
    const abroad = { ...person, tara: 'DE', judet: '', localitate: 'Berlin', cnp: 'C01X00T47' };
    expect(partyProblem(abroad, 'buyer')).toBeNull();
    expect(partyProblem({ ...abroad, tara: 'RO', judet: 'CJ', localitate: 'Cluj-Napoca' }, 'buyer')?.message).toBe('The buyer\'s CNP is not valid');
  });

  it('needs an address, a city and a county code in Romania, not abroad', () => {
    expect(partyProblem({ ...company, judet: '' }, 'buyer')?.message).toBe('The buyer needs a county');
    expect(partyProblem({ ...company, judet: 'XX' }, 'buyer')?.message).toBe('The buyer needs a county');
    expect(partyProblem({ ...company, judet: 'cj' }, 'buyer')?.message).toBe('The buyer needs a county');
    expect(partyProblem({ ...seller, judet: '' }, 'seller')?.message).toBe('The seller needs a county');
    expect(partyProblem({ ...person, adresa: ' ' }, 'buyer')?.message).toBe('The buyer needs an address and a city');
    expect(partyProblem({ ...seller, localitate: '' }, 'seller')?.message).toBe('The seller needs an address and a city');
    expect(partyProblem({ ...person, tara: 'DE', judet: '', localitate: 'München' }, 'buyer')).toBeNull();
    expect(partyProblem({ ...person, tara: 'DE', judet: '', localitate: '' }, 'buyer')?.message).toBe('The buyer needs an address and a city');
  });

  it('takes a company abroad by its VAT or tax number, and only a Romanian seller', () => {
    const abroad = { ...company, tara: 'HU', judet: '', localitate: 'Szeged', adresa: 'Kossuth Lajos sugárút 12' };
    expect(partyProblem({ ...abroad, codFiscal: 'HU12892312' }, 'buyer')).toBeNull();
    expect(partyProblem({ ...abroad, tara: 'MD', codFiscal: '1003600012345' }, 'buyer')).toBeNull();
    expect(partyProblem({ ...abroad, codFiscal: null }, 'buyer')?.message).toBe('The buyer needs its VAT or tax number');
    expect(partyProblem({ ...abroad, codFiscal: 'HU 1289/2312' }, 'buyer')?.message).toBe('The buyer needs its VAT or tax number');
    expect(partyProblem({ ...abroad, tara: 'XX', codFiscal: 'HU12892312' }, 'buyer')?.message).toBe('The buyer\'s country is not a country code');
    expect(partyProblem({ ...seller, tara: 'HU' }, 'seller')?.message).toBe('The seller is a company registered in Romania');
  });
});

describe('seriesProblem (invoice_series rule)', () => {
  const check = (row: InvoiceSeries, previous: InvoiceSeries | null, opts: { deleting?: boolean; clientId?: string } = {}) =>
    invoiceSeriesTable.check?.({ row, previous, parent: null, deleting: opts.deleting ?? false, clientId: opts.clientId ?? holder })?.message ?? null;
  const fresh = series({ numar_start: 1, ultimul_numar: 0 });
  const used = series({ numar_start: 1, ultimul_numar: 10 });

  it('is the rule of the invoice_series table', () => {
    expect(invoiceSeriesTable).toHaveProperty('check', seriesProblem);
  });

  it('creates a series only for the creating device, starting before its first number', () => {
    expect(check(fresh, null)).toBeNull();
    expect(check(series({ numar_start: 500, ultimul_numar: 499 }), null)).toBeNull();
    expect(check(fresh, null, { clientId: 'device-b' })).toBe('A device can only create a series for itself');
    expect(check(series({ numar_start: 1, ultimul_numar: 5 }), null)).toBe('A new series starts before its first number');
    expect(check(series({ numar_start: 10, ultimul_numar: 10 }), null)).toBe('A new series starts before its first number');
  });

  it('names a series with capital letters, digits and dashes, starting with a letter', () => {
    const message = 'A series is 1 to 20 capital letters, digits or dashes, starting with a letter';
    expect(check(series({ ultimul_numar: 0, serie: 'ROA-2025' }), null)).toBeNull();
    expect(check(series({ ultimul_numar: 0, serie: 'roa' }), null)).toBe(message);
    expect(check(series({ ultimul_numar: 0, serie: '1ROA' }), null)).toBe(message);
    expect(check(series({ ultimul_numar: 0, serie: 'RO A' }), null)).toBe(message);
    expect(check(series({ ultimul_numar: 0, serie: 'A'.repeat(21) }), null)).toBe(message);
    expect(check({ ...used, serie: 'roa' }, used)).toBe(message);
  });

  it('moves the counter by exactly one', () => {
    expect(check({ ...used, ultimul_numar: 11 }, used)).toBeNull();
    expect(check({ ...used, descriere: 'Tabletă' }, used)).toBeNull();
    expect(check({ ...used, ultimul_numar: 12 }, used)).toBe('Invoice numbers of a series follow one another');
    expect(check({ ...used, ultimul_numar: 9 }, used)).toBe('Invoice numbers of a series follow one another');
    expect(check({ ...fresh, ultimul_numar: 1 }, fresh)).toBeNull();
  });

  it('lets only the holding device change it, and never its holder', () => {
    expect(check({ ...used, ultimul_numar: 11 }, used, { clientId: 'device-b' })).toBe('This invoice series is held by another device');
    expect(check({ ...used, activa: 0 }, used, { clientId: 'device-b' })).toBe('This invoice series is held by another device');
    expect(check({ ...used, client_id: 'device-b' }, used)).toBe('A series moves to another device only through the server');
    expect(check({ ...used, client_id: 'device-b' }, used, { clientId: 'device-b' })).toBe('This invoice series is held by another device');
  });

  it('renames or restarts a series only while it has no invoices', () => {
    expect(check({ ...fresh, serie: 'ROB' }, fresh)).toBeNull();
    expect(check({ ...fresh, numar_start: 2, ultimul_numar: 1 }, fresh)).toBeNull();
    // A shop continuing another program's numbering restarts its unused series further on.
    expect(check({ ...fresh, numar_start: 1001, ultimul_numar: 1000 }, fresh)).toBeNull();
    expect(check({ ...fresh, serie: 'ROB', numar_start: 50, ultimul_numar: 49 }, fresh)).toBeNull();

    const message = 'A series that has invoices keeps its name and first number';
    expect(check({ ...used, serie: 'ROB' }, used)).toBe(message);
    expect(check({ ...used, numar_start: 11 }, used)).toBe(message);
    expect(check({ ...used, numar_start: 1001, ultimul_numar: 1000 }, used)).toBe(message);
    // Unused after the change is not enough: the numbers already issued stay in the series.
    expect(check({ ...used, numar_start: 12, ultimul_numar: 11 }, used)).toBe(message);
    // Unused before is not enough either: a restart does not issue a number at the same time.
    expect(check({ ...fresh, numar_start: 5, ultimul_numar: 5 }, fresh)).toBe(message);
  });

  it('deletes only an unused series, on the holding device', () => {
    expect(check(fresh, fresh, { deleting: true })).toBeNull();
    expect(check(used, used, { deleting: true })).toBe('A series with invoices cannot be deleted');
    expect(check(fresh, fresh, { deleting: true, clientId: 'device-b' })).toBe('This invoice series is held by another device');
  });
});

/** An invoice as issueOps writes it, with the series row as the invoice's rule then sees it. */
function issued(patch: Partial<IssueInput> = {}, from: InvoiceSeries = series()) {
  const input: IssueInput = {
    series: from, seller, tvaLaIncasare: false, buyer: company,
    lines: [line('2.5', 15000, '21'), { ...line('4', 4550, '21'), descriere: 'Filtru ulei', um: 'buc' }],
    data: '2025-09-10', dataLivrare: '2025-09-10', dataScadenta: '2025-09-25', modalitatePlata: 'ordin_plata',
    order: { id: 'order-1', nr_comanda: 1045, nr_auto: 'CJ 12 ABC' }, storno: null, observatii: null,
    emitent: { userId: 'user-1', name: 'Andrei' }, updateOrder: true, ...patch,
  };
  const { invoiceId, document, ops } = issueOps(input, holder);
  const create = ops.find((o) => o.op === 'create' && o.table === 'invoices');
  if (create?.op !== 'create') throw new Error('issueOps wrote no invoice');
  const row = { ...create.data, created_at: now, updated_at: now } as Invoice;
  const parent: InvoiceSeries = { ...from, ultimul_numar: document.numar };
  return { invoiceId, document, row, parent };
}

describe('invoiceProblem (invoices rule)', () => {
  type Opts = { parent?: Record<string, unknown> | null; previous?: Invoice | null; deleting?: boolean; clientId?: string };
  const check = (row: Invoice, parent: Record<string, unknown> | null, opts: Omit<Opts, 'parent'> = {}) =>
    invoicesTable.check?.({ row, previous: opts.previous ?? null, parent, deleting: opts.deleting ?? false, clientId: opts.clientId ?? holder })?.message ?? null;
  /** The row with its document changed (and, unless told, the columns left as they were). */
  const withDocument = (row: Invoice, change: (doc: InvoiceDocument) => void): Invoice => {
    const doc = JSON.parse(row.document) as InvoiceDocument;
    change(doc);
    return { ...row, document: JSON.stringify(doc) };
  };

  it('accepts what issueOps writes, with the series moved to that number on the holding device', () => {
    const { row, parent, document } = issued();
    expect(row.nr_factura).toBe(11);
    expect(parent.ultimul_numar).toBe(11);
    expect(invoiceDocumentSchema.safeParse(document).success).toBe(true);
    expect(check(row, parent)).toBeNull();
  });

  it('accepts a person as buyer, a non-payer seller and a series starting further on', () => {
    const lines = [line('1', 20000, '0', 'O', notVatRegisteredReason)];
    const { row, parent } = issued({ seller: nonPayer, buyer: person, lines, dataScadenta: null, order: null }, series({ numar_start: 500, ultimul_numar: 499 }));
    expect(row.nr_factura).toBe(500);
    expect(check(row, parent)).toBeNull();
  });

  it('refuses an invoice on a series held by another device, missing or deleted', () => {
    const { row, parent } = issued();
    expect(check(row, parent, { clientId: 'device-b' })).toBe('This invoice series is held by another device');
    expect(check(row, { ...parent, client_id: 'device-b' })).toBe('This invoice series is held by another device');
    expect(check(row, null)).toBe('The invoice series does not exist');
    expect(check(row, { ...parent, deleted_at: now })).toBe('The invoice series does not exist');
    expect(check(row, { ...parent, serie: 'ROB' })).toBe('The invoice does not carry its series\' name');
  });

  it('refuses a number that is not the series\' next one (gap or repeat)', () => {
    const { row, parent } = issued();
    // A gap: number 12 while the series moved to 11.
    expect(check(withDocument({ ...row, nr_factura: 12 }, (d) => { d.numar = 12; }), parent)).toBe('The next number of series ROA is 12');
    // A repeat: number 10 (already issued) while the series moved to 11.
    expect(check(withDocument({ ...row, nr_factura: 10 }, (d) => { d.numar = 10; }), parent)).toBe('The next number of series ROA is 12');
    // The series not moved at all.
    expect(check(row, { ...parent, ultimul_numar: 10 })).toBe('The next number of series ROA is 11');
  });

  it('refuses changing or deleting an issued invoice', () => {
    const { row, parent } = issued();
    expect(check({ ...row, client_nume: 'Altcineva' }, parent, { previous: row })).toBe('An issued invoice cannot be changed; issue a credit note (storno) instead');
    expect(check(row, parent, { previous: row })).toBe('An issued invoice cannot be changed; issue a credit note (storno) instead');
    expect(check(row, parent, { previous: row, deleting: true })).toBe('An issued invoice cannot be deleted; issue a credit note (storno) instead');
  });

  it('refuses totals that do not follow from the lines', () => {
    const { row, parent } = issued();
    const message = 'The invoice totals do not match its lines';
    expect(check({ ...row, total_general: row.total_general + 1 }, parent)).toBe(message);
    expect(check({ ...row, tva: row.tva - 1, total_general: row.total_general - 1 }, parent)).toBe(message);
    expect(check({ ...row, total_fara_tva: 0 }, parent)).toBe(message);
    // Document and columns tampered alike still disagree with the lines.
    const lowerVat = withDocument({ ...row, tva: row.tva - 100, total_general: row.total_general - 100 }, (d) => {
      d.totals.tva -= 100;
      d.totals.total -= 100;
      const g = d.totals.grupe[0];
      if (g) g.tva -= 100;
    });
    expect(check(lowerVat, parent)).toBe(message);
    const twoRates = issued({ lines: [line('1', 10000, '21'), line('1', 10000, '11')] });
    expect(check(twoRates.row, twoRates.parent)).toBeNull();
    expect(check(withDocument(twoRates.row, (d) => { d.totals.grupe.reverse(); }), twoRates.parent)).toBe(message);
    const cheaper = withDocument(row, (d) => {
      const l = d.linii[0];
      if (l) l.valoare -= 1;
    });
    expect(check(cheaper, parent)).toBe('Line 1: the value does not match quantity × price');
  });

  it('refuses a document that says something else than the columns', () => {
    const { row, parent } = issued();
    const message = 'The invoice\'s columns do not match its document';
    expect(check({ ...row, client_nume: 'Altă Firmă SRL' }, parent)).toBe(message);
    expect(check({ ...row, client_cod_fiscal: 'RO14399840' }, parent)).toBe(message);
    expect(check({ ...row, data_factura: '2025-09-11' }, parent)).toBe(message);
    expect(check({ ...row, data_livrare: '2025-09-09' }, parent)).toBe(message);
    expect(check({ ...row, modalitate_plata: 'numerar' }, parent)).toBe(message);
    expect(check({ ...row, nr_auto: 'B 99 XYZ' }, parent)).toBe(message);
    expect(check(withDocument(row, (d) => { d.cumparator.nume = 'Altă Firmă SRL'; }), parent)).toBe(message);
    expect(check(withDocument(row, (d) => { d.tip = 'storno'; }), parent)).toBe(message);
    expect(check(withDocument(row, (d) => { d.serie = 'ROB'; }), parent)).toBe(message);
  });

  it('refuses a document that is not a complete document', () => {
    const { row, parent } = issued();
    expect(check({ ...row, document: '{not json' }, parent)).toBe('The invoice document is not valid JSON');
    expect(check(withDocument(row, (d) => { d.linii = []; }), parent)).toMatch(/^The invoice document is incomplete: linii /);
    expect(check(withDocument(row, (d) => { Object.assign(d, { extra: 1 }); }), parent)).toMatch(/^The invoice document is incomplete: /);
    expect(check(withDocument(row, (d) => { d.furnizor.nume = ' '; }), parent)).toMatch(/^The invoice document is incomplete: furnizor\.nume /);
  });

  it('checks the parties and the VAT of the document', () => {
    const { row, parent } = issued();
    expect(check(withDocument(row, (d) => { d.furnizor.codFiscal = 'RO14399841'; }), parent)).toBe('The seller needs a valid CUI');
    expect(check(withDocument(row, (d) => { d.cumparator.judet = ''; }), parent)).toBe('The buyer needs a county');
    expect(check(issued({ tvaLaIncasare: true, seller: nonPayer, lines: [line('1', 100, '0', 'O', notVatRegisteredReason)] }).row, parent))
      .toBe('Only a VAT-registered company applies VAT on receipt');
    const july = issued({ data: '2025-08-05', dataLivrare: '2025-07-31', dataScadenta: null });
    expect(check(july.row, july.parent)).toBe('Line 1: 21% is not a VAT rate on 2025-07-31 (19%, 9%, 5%)');
  });

  it('refuses an invoice that e-Factura would refuse, naming the rules', () => {
    const { row, parent } = issued({ buyer: { ...person, judet: 'B', localitate: 'București' } });
    expect(check(row, parent)).toBe('The invoice would fail e-Factura validation: BR-RO-101 The buyer is in Bucharest, so the locality must name the sector (SECTOR1 … SECTOR6), not "București"');
    const inSector = issued({ buyer: { ...person, judet: 'B', localitate: 'Sector 2' } });
    expect(check(inSector.row, inSector.parent)).toBeNull();
    const remarks = issued({ observatii: 'ref #A12#' });
    expect(check(remarks.row, remarks.parent)).toMatch(/^The invoice would fail e-Factura validation: BR-CL-08 /);
  });

  it('refuses a due date before the invoice date', () => {
    const { row, parent } = issued({ data: '2025-09-10', dataScadenta: '2025-09-09' });
    expect(check(row, parent)).toBe('The due date cannot be before the invoice date');
    const sameDay = issued({ data: '2025-09-10', dataScadenta: '2025-09-10' });
    expect(check(sameDay.row, sameDay.parent)).toBeNull();
  });

  const totalRefusal = 'The invoice total must be more than zero: returns or discounts that take back as much as it sells make a credit note (storno)';

  it('takes returned parts (negative quantities) on an invoice that still sells more than it takes back', () => {
    const withReturn = issued({ lines: [line('2', 15000, '21'), line('-1', 15000, '21')] });
    expect(withReturn.row.total_fara_tva).toBe(15000);
    expect(check(withReturn.row, withReturn.parent)).toBeNull();
    const onlyReturns = issued({ lines: [line('-1', 15000, '21')] });
    expect(check(onlyReturns.row, onlyReturns.parent)).toBe('An invoice sells something: at least one line has a positive quantity (negative quantities are returned parts)');
    const moreBack = issued({ lines: [line('1', 10000, '21'), line('-2', 10000, '21')] });
    expect(check(moreBack.row, moreBack.parent)).toBe(totalRefusal);
    const even = issued({ lines: [line('1', 10000, '21'), line('-1', 10000, '21')] });
    expect(check(even.row, even.parent)).toBe(totalRefusal);
    const zero = issued({ lines: [line('0', 15000, '21')] });
    expect(check(zero.row, zero.parent)).toBe('Line 1: the quantity cannot be zero');
  });

  describe('discounts and four-decimal prices', () => {
    const discounted = (cantitate: string, pretUnitar: number, cota: string, input: DiscountInput, motiv?: string): InvoiceLine => {
      const l = line(cantitate, pretUnitar, cota);
      const reducere = lineDiscount(l, input, motiv);
      return { ...l, reducere, valoare: lineValue({ ...l, reducere }) };
    };
    const lineRefusal = 'Line 1: the discount must have the sign of the line, not exceed it, and match its percent';

    it('accepts line discounts (percent and amount), a document discount over two rates and a four-decimal price', () => {
      const lines = [discounted('3', 1234.56, '21', { procent: '10' }, 'Discount fidelitate'), discounted('1', 20000, '11', { suma: 1500 }), line('2', 4999.5, '21')];
      const reduceri = splitDocumentDiscount(lineGroups(lines), { procent: '5' }, 'Reducere client');
      const { row, parent, document } = issued({ lines, reduceri });
      expect(lines[0]?.reducere).toEqual({ procent: '10', suma: 370, motiv: 'Discount fidelitate' });
      expect(lines[0]?.valoare).toBe(3704 - 370);
      expect(document.reduceri?.map((d) => [d.cota, d.baza, d.suma])).toEqual([['21', 3334 + 9999, 667], ['11', 18500, 925]]);
      expect(document.totals).toEqual(invoiceTotals(lines, reduceri));
      expect(row.total_fara_tva).toBe(3334 + 9999 + 18500 - 667 - 925);
      expect(check(row, parent)).toBeNull();
    });

    it('keeps old documents (no discount fields, whole-bani prices) valid', () => {
      const { row, parent, document } = issued();
      expect(document).not.toHaveProperty('reduceri');
      expect(document.linii.every((l) => !('reducere' in l))).toBe(true);
      expect(check(row, parent)).toBeNull();
    });

    it('refuses unit prices with more than four decimals of a leu or negative', () => {
      const { row, parent } = issued({ lines: [line('1', 1000, '21')] });
      expect(check(withDocument(row, (d) => { if (d.linii[0]) d.linii[0].pretUnitar = 1000.125; }), parent)).toMatch(/^The invoice document is incomplete: linii\.0\.pretUnitar/);
      expect(check(withDocument(row, (d) => { if (d.linii[0]) d.linii[0].pretUnitar = -1000; }), parent)).toMatch(/^The invoice document is incomplete: linii\.0\.pretUnitar/);
    });

    it('refuses a line discount of the wrong sign, larger than the line, off its percent, or with a bad percent', () => {
      const ok = issued({ lines: [discounted('1', 10000, '21', { procent: '10' })] });
      expect(check(ok.row, ok.parent)).toBeNull();
      const set = (r: LineDiscount) => withDocument(ok.row, (d) => {
        const l = d.linii[0];
        if (l) { l.reducere = r; l.valoare = lineValue(l); }
        d.totals = invoiceTotals(d.linii);
      });
      expect(check(set({ procent: null, suma: -1000, motiv: 'x' }), ok.parent)).toBe(lineRefusal);
      expect(check(set({ procent: null, suma: 10001, motiv: 'x' }), ok.parent)).toBe(lineRefusal);
      expect(check(set({ procent: '10', suma: 999, motiv: 'x' }), ok.parent)).toBe(lineRefusal);
      const free = issued({ lines: [discounted('1', 10000, '21', { procent: '100' })] });
      expect(check(free.row, free.parent)).toBe(totalRefusal);
      expect(check(set({ procent: '0', suma: 0, motiv: 'x' }), ok.parent)).toMatch(/^The invoice document is incomplete: linii\.0\.reducere\.procent/);
      expect(check(set({ procent: '101', suma: 10100, motiv: 'x' }), ok.parent)).toMatch(/^The invoice document is incomplete: linii\.0\.reducere\.procent/);
      expect(check(set({ procent: null, suma: 100, motiv: ' ' }), ok.parent)).toMatch(/^The invoice document is incomplete: linii\.0\.reducere\.motiv/);
      // A discount left on the line but not taken off its value.
      expect(check(withDocument(ok.row, (d) => { if (d.linii[0]) d.linii[0].valoare = 10000; }), ok.parent)).toBe('Line 1: the value does not match quantity × price');
    });

    it('gives a returned line a discount with its own (negative) sign', () => {
      const lines = [line('2', 10000, '21'), discounted('-1', 10000, '21', { procent: '10' })];
      expect(lines[1]?.reducere?.suma).toBe(-1000);
      const { row, parent } = issued({ lines });
      expect(row.total_fara_tva).toBe(20000 - 9000);
      expect(check(row, parent)).toBeNull();
    });

    it('refuses a document discount on a rate no line has, off its base or percent, or larger than its base', () => {
      const lines = [line('1', 10000, '21'), line('1', 5000, '11')];
      const reduceri = splitDocumentDiscount(lineGroups(lines), { procent: '10' });
      const ok = issued({ lines, reduceri });
      expect(check(ok.row, ok.parent)).toBeNull();
      const set = (change: (r: DocumentDiscount[]) => void) => withDocument(ok.row, (d) => {
        const r = d.reduceri ?? [];
        change(r);
        d.reduceri = r;
        d.totals = invoiceTotals(d.linii, r);
      });
      expect(check(set((r) => { if (r[1]) r[1].cota = '9'; }), ok.parent)).toBe('Document discount 2: it must name a VAT rate of the lines and be taken from their sum');
      expect(check(set((r) => { if (r[0]) r[0].baza = 9000; }), ok.parent)).toBe('Document discount 1: it must name a VAT rate of the lines and be taken from their sum');
      expect(check(set((r) => { if (r[0]) r[0].suma = 1001; }), ok.parent)).toBe('Document discount 1: it must have the sign of its base, not exceed it, and match its percent');
      expect(check(set((r) => { if (r[0]) r[0].suma = -1000; }), ok.parent)).toBe('Document discount 1: it must have the sign of its base, not exceed it, and match its percent');
      expect(check(set((r) => { r.push({ categorie: 'S', cota: '11', motivScutire: null, baza: 5000, procent: null, suma: 4600, motiv: 'Alta' }); }), ok.parent))
        .toBe('Document discount 3: it must have the sign of its base, not exceed it, and match its percent');
      // Totals that ignore the document discounts.
      expect(check(withDocument(ok.row, (d) => { d.totals = invoiceTotals(d.linii); }), ok.parent)).toBe('The invoice totals do not match its lines');
    });
  });

  describe('credit notes', () => {
    const original = issued({ data: '2025-07-20', dataLivrare: '2025-07-20', dataScadenta: null, lines: [line('2', 15000, '19'), line('1', 4550, '9')] });
    const invoice: Invoice = { ...original.row, id: original.invoiceId };
    const storno = (patch: Partial<IssueInput> = {}) => issued({
      data: '2025-09-15', dataLivrare: '2025-07-20', dataScadenta: null, order: null, updateOrder: false,
      storno: { invoice, document: original.document }, lines: stornoLines(original.document, new Map([[0, '1']])), ...patch,
    }, original.parent);

    it('accepts a credit note reversing part of a July invoice at its 19%', () => {
      const { row, parent, document } = storno();
      expect(row).toMatchObject({ tip: 'storno', nr_factura: 12, storno_de_id: original.invoiceId, order_id: 'order-1', total_fara_tva: -15000, tva: -2850 });
      expect(document.stornoDe).toEqual({ serie: 'ROA', numar: 11, data: '2025-07-20' });
      expect(check(row, parent)).toBeNull();
    });

    it('takes the VAT rates of the credit note\'s supply date', () => {
      // The 19% of the reversed supply is refused when the credit note is dated as a supply after 2025-08-01.
      const { row, parent } = storno({ dataLivrare: '2025-09-15' });
      expect(check(row, parent)).toBe('Line 1: 19% is not a VAT rate on 2025-09-15 (21%, 11%)');
    });

    it('refuses a credit note that names no invoice', () => {
      const { row, parent } = storno();
      expect(check({ ...row, storno_de_id: null }, parent)).toBe('A credit note names the invoice it reverses');
      expect(check(withDocument(row, (d) => { d.stornoDe = null; }), parent)).toBe('A credit note names the invoice it reverses');
    });

    it('refuses a credit note with a positive quantity', () => {
      const { row, parent } = storno({ lines: [line('-1', 15000, '19'), line('1', 4550, '9')] });
      expect(check(row, parent)).toBe('Line 2: a credit note reverses amounts (negative quantities)');
    });

    it('refuses an invoice that names an invoice it would reverse', () => {
      const { row, parent } = issued();
      expect(check({ ...row, storno_de_id: original.invoiceId }, parent)).toBe('Only a credit note reverses an invoice');
      expect(check(withDocument(row, (d) => { d.stornoDe = { serie: 'ROA', numar: 11, data: '2025-07-20' }; }), parent))
        .toBe('Only a credit note reverses an invoice');
    });
  });
});

describe('orders rule: FACTURAT by issuing the invoice', () => {
  type Order = RowOf<typeof ordersTable.columns>;
  const order = (patch: Partial<Order> = {}): Order => ({
    id: 'order-1', created_at: now, updated_at: now, nr_comanda: 1045, data_comanda: '2025-09-01', vehicle_id: 'vehicle-1', tip_deviz_id: null,
    status: 'VALIDAT', km_intrare: 120000, observatii: null, client_nume: 'Transport Rapid SRL', client_telefon: null, client_email: null,
    client_cod_fiscal: 'RO18547290', client_adresa: null, nr_auto: 'CJ 12 ABC', serie_sasiu: null, marca_denumire: null, model_denumire: null,
    total_manopera: 37500, total_materiale: 18200, total_general: 55700, token_client: null, created_by: null, oracle_id: null, factura_id: null, mecanic_id: null, client_id: null,
    ...patch,
  });
  const check = (row: Order, previous: Order | null, parent: Record<string, unknown> | null) =>
    ordersTable.check?.({ row, previous, parent, deleting: false, clientId: holder })?.message ?? null;
  const invoice = { id: 'invoice-1', order_id: 'order-1', tip: 'factura' };
  const validated = order();
  const invoiced = order({ status: 'FACTURAT', factura_id: 'invoice-1' });
  const refused = 'An order becomes invoiced only by issuing its invoice';

  it('goes VALIDAT → FACTURAT with its invoice as parent', () => {
    expect(check(invoiced, validated, invoice)).toBeNull();
  });

  it('accepts the order update issueOps writes, with the invoice it created', () => {
    const { ops, invoiceId } = issueOps({
      series: series(), seller, tvaLaIncasare: false, buyer: company, lines: [line('1', 100, '21')], data: '2025-09-10', dataLivrare: '2025-09-10',
      dataScadenta: null, modalitatePlata: 'card', order: { id: 'order-1', nr_comanda: 1045, nr_auto: 'CJ 12 ABC' }, storno: null, observatii: null,
      emitent: { userId: null, name: null }, updateOrder: true,
    }, holder);
    const update = ops.find((o) => o.op === 'update' && o.table === 'orders');
    const create = ops.find((o) => o.op === 'create' && o.table === 'invoices');
    if (update?.op !== 'update' || create?.op !== 'create') throw new Error('issueOps wrote no order update or invoice');
    expect(check({ ...validated, ...update.patch }, validated, { ...create.data, id: invoiceId })).toBeNull();
  });

  it('refuses FACTURAT without the order\'s own invoice', () => {
    expect(check(order({ status: 'FACTURAT' }), validated, null)).toBe(refused);
    expect(check(invoiced, validated, null)).toBe(refused);
    expect(check(invoiced, validated, { ...invoice, order_id: 'order-2' })).toBe(refused);
    expect(check(invoiced, validated, { ...invoice, order_id: null })).toBe(refused);
    expect(check(invoiced, validated, { ...invoice, tip: 'storno' })).toBe(refused);
  });

  it('refuses DRAFT → FACTURAT, even with an invoice', () => {
    expect(check(invoiced, order({ status: 'DRAFT' }), invoice)).toBe('An order cannot go from DRAFT to FACTURAT');
  });

  it('refuses naming an invoice without becoming FACTURAT, and any change afterwards', () => {
    expect(check(order({ factura_id: 'invoice-1' }), validated, invoice)).toBe('An order names its invoice only when it is invoiced');
    expect(check(order({ status: 'DRAFT', factura_id: 'invoice-1' }), validated, invoice)).toBe('An order names its invoice only when it is invoiced');
    expect(check(order({ factura_id: null }), invoiced, null)).toBe('An invoiced order cannot be changed');
    expect(check(invoiced, invoiced, invoice)).toBe('An invoiced order cannot be changed');
  });
});
