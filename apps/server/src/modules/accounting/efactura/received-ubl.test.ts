import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { efacturaXml } from '@roaauto/shared/efactura';
import { invoiceDocument } from '@roaauto/shared';
import { readReceivedInvoice, toBani } from './received-ubl';

const samples = fileURLToPath(new URL('../../../../../../../shared/efactura/anaf-samples/', import.meta.url));

describe('reading a supplier\'s e-Factura (UBL)', () => {
  it('reads every one of ANAF\'s sample invoices: supplier, number, dates, lines, VAT per rate, totals', () => {
    const files = readdirSync(samples).filter((f) => f.endsWith('.xml'));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const f of files) {
      const r = readReceivedInvoice(readFileSync(path.join(samples, f), 'utf8'));
      expect(r.number, f).not.toBe('');
      expect(r.issueDate, f).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.supplier.name, f).not.toBe('');
      expect(r.lines.length, f).toBeGreaterThan(0);
      expect(r.vat.length, f).toBeGreaterThan(0);
      // The document's own arithmetic holds: the VAT groups add up to the VAT total, net + VAT = total.
      const vatSum = r.vat.reduce((s, v) => s + toBani(v.amount), 0);
      expect(vatSum, f).toBe(toBani(r.totals.vat));
      expect(toBani(r.totals.net) + toBani(r.totals.vat), f).toBe(toBani(r.totals.total));
      // What the PDF prints beyond that adds up too: the lines to their sum, the document's allowances and
      // charges to their totals, lines + charges - allowances to the net; the parties' countries are read.
      expect(r.lines.reduce((s, l) => s + toBani(l.net), 0), f).toBe(toBani(r.totals.lineNet ?? '0'));
      const sum = (charge: boolean) => (r.allowances ?? []).filter((a) => a.charge === charge).reduce((s, a) => s + toBani(a.amount), 0);
      expect(sum(false), f).toBe(toBani(r.totals.allowances ?? '0'));
      expect(sum(true), f).toBe(toBani(r.totals.charges ?? '0'));
      expect(toBani(r.totals.lineNet ?? '0') + sum(true) - sum(false), f).toBe(toBani(r.totals.net));
      expect(r.supplier.address?.country, f).toMatch(/^[A-Z]{2}$/);
      expect(r.buyer.address?.country, f).toMatch(/^[A-Z]{2}$/);
      expect(toBani(r.totals.total) - toBani(r.totals.prepaid ?? '0') + toBani(r.totals.rounding ?? '0'), f).toBe(toBani(r.totals.payable));
    }
  });

  it('reads allowances and charges, notes, the VAT in lei and the IBAN as written', () => {
    const all = readdirSync(samples).filter((f) => f.endsWith('.xml')).map((f) => readReceivedInvoice(readFileSync(path.join(samples, f), 'utf8')));
    expect(all.some((r) => (r.allowances ?? []).some((a) => a.charge))).toBe(true);
    expect(all.some((r) => (r.allowances ?? []).some((a) => !a.charge))).toBe(true);
    expect(all.some((r) => r.lines.some((l) => (l.allowances ?? []).length > 0))).toBe(true);
    expect(all.some((r) => (r.notes ?? []).length > 0)).toBe(true);
    // The subject code of a note (#AAB#) is not part of its text.
    expect(all.flatMap((r) => r.notes ?? []).filter((n) => /^#[A-Z]{3}#/.test(n))).toEqual([]);
    const eur = readReceivedInvoice(readFileSync(path.join(samples, 'ubl_b2g_example3.xml'), 'utf8'));
    expect(eur).toMatchObject({ currency: 'EUR', taxCurrencyVat: { currency: 'RON', amount: '628.62' }, supplier: { iban: 'IT64W0100003245243300306301', address: { city: 'REGGIO EMILIA', country: 'IT' } } });
  });

  it('reads the first sample exactly', () => {
    const r = readReceivedInvoice(readFileSync(path.join(samples, 'ubl_b2g_example0.xml'), 'utf8'));
    expect(r).toMatchObject({ kind: 'invoice', number: 'TOSL108', issueDate: '2021-11-12', dueDate: '2021-11-15', currency: 'RON' });
    // A line's seller item code (BT-155) and standard id (BT-157): what a NIR matches products by.
    expect(r.lines.map((l) => [l.sellerCode, l.standardCode]).slice(0, 3)).toEqual([['JB007', '1234567890124'], ['JB008', '1234567890135'], ['JB009', '1234567890135']]);
  });

  it('reads what the app itself issues', () => {
    const doc = {
      tip: 'factura' as const, serie: 'ROA', numar: 7, data: '2026-11-23', dataLivrare: '2026-11-23', dataScadenta: '2026-12-07', modalitatePlata: 'ordin_plata' as const, moneda: 'RON' as const,
      furnizor: { tip: 'pj' as const, nume: 'Service Auto Someș SRL', codFiscal: 'RO14399840', cnp: null, regCom: 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: 'RO49AAAA1B31007593840000', banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true },
      cumparator: { tip: 'pj' as const, nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: null, adresa: 'Str. Fabricii 5', localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true },
      tvaLaIncasare: false,
      linii: [{ descriere: 'Revizie', um: 'buc', cantitate: '2', pretUnitar: 15000, categorie: 'S' as const, cota: '21', motivScutire: null, valoare: 30000 }],
      totals: { baza: 30000, tva: 6300, total: 36300, grupe: [{ categorie: 'S' as const, cota: '21', baza: 30000, tva: 6300, motivScutire: null }] },
      stornoDe: null, comanda: null, observatii: null, emitent: null,
    };
    const r = readReceivedInvoice(efacturaXml(invoiceDocument({ document: JSON.stringify(doc) })));
    expect(r).toMatchObject({
      kind: 'invoice', number: 'ROA7', issueDate: '2026-11-23', dueDate: '2026-12-07',
      supplier: { name: 'Service Auto Someș SRL', cui: '14399840', vatId: 'RO14399840' }, buyer: { cui: '18547290' },
      lines: [{ description: 'Revizie', quantity: '2', unitPrice: '150.00', net: '300.00', vatPercent: '21' }],
      vat: [{ category: 'S', base: '300.00', amount: '63.00' }],
      totals: { net: '300.00', vat: '63.00', total: '363.00', payable: '363.00' },
    });
    expect(toBani('363.00')).toBe(36300);
    expect(toBani('-12.345')).toBe(-1235);
  });
});
