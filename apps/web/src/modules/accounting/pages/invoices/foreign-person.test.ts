import { describe, expect, it } from 'vitest';
import { invoiceTotals, partyProblem, partyTaxId, type InvoiceDocument, type InvoiceLine, type Party } from '@roaauto/shared';
import { efacturaXml } from '@roaauto/shared/efactura';
import { describeReport, officialReports } from '@roaauto/shared/efactura/official-validation';
import { buyerParty, emptyForm, type BuyerForm } from './invoice-form';

const person = (over: Partial<BuyerForm>): BuyerForm => ({
  ...emptyForm('2026-11-23').buyer, tip: 'pf', nume: 'Hans Becker', adresa: 'Hauptstraße 5', localitate: 'München', tara: 'DE', ...over,
});

const seller: Party = {
  tip: 'pj', nume: 'Service Auto Someș SRL', codFiscal: 'RO14399840', cnp: null, regCom: 'J12/1234/2015', adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca',
  judet: 'CJ', codPostal: null, tara: 'RO', iban: 'RO49AAAA1B31007593840000', banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true,
};

function invoiceTo(cumparator: Party): InvoiceDocument {
  const linii: InvoiceLine[] = [{ descriere: 'Reparație frână', um: 'buc', cantitate: '1', pretUnitar: 50000, categorie: 'S', cota: '21', motivScutire: null, valoare: 50000 }];
  return {
    tip: 'factura', serie: 'ROA', numar: 12, data: '2026-11-23', dataLivrare: '2026-11-23', dataScadenta: null, modalitatePlata: 'card', moneda: 'RON',
    furnizor: seller, cumparator, tvaLaIncasare: false, linii, totals: invoiceTotals(linii), stornoDe: null, comanda: null, observatii: null, emitent: null,
  };
}

describe('a private person from abroad on an invoice', () => {
  it('keeps the identification number they gave as their own identifier, never as a CNP or a VAT number', () => {
    const p = buyerParty(person({ codFiscal: ' c01x 00t47 ', cnp: '1800101221144' }), null);
    expect(p).toMatchObject({ tip: 'pf', codFiscal: 'C01X00T47', cnp: null, platitorTva: false, tara: 'DE', judet: '' });
    // The invoice rule accepts it (a CNP field holding a passport number would be refused as a bad CNP).
    expect(partyProblem(p, 'buyer')).toBeNull();
    expect(partyTaxId(p)).toBe('Nr. identificare: C01X00T47');
    // Even a number shaped like a VAT number does not make a person a VAT payer.
    expect(buyerParty(person({ codFiscal: 'DE129273398' }), null).platitorTva).toBe(false);
    // Without a number: none; in Romania the field does not apply (the CNP does).
    expect(buyerParty(person({ codFiscal: '' }), null).codFiscal).toBeNull();
    expect(buyerParty(person({ tara: 'RO', judet: 'CJ', localitate: 'Cluj-Napoca', codFiscal: 'C01X00T47' }), null).codFiscal).toBeNull();
  });

  it('writes that number as the buyer\'s legal identifier (BT-47), and the XML passes ANAF\'s official checks', async () => {
    const withId = efacturaXml(invoiceTo(buyerParty(person({ codFiscal: 'C01X00T47' }), null)));
    const customer = /<cac:AccountingCustomerParty>([\s\S]*?)<\/cac:AccountingCustomerParty>/.exec(withId)?.[1] ?? '';
    expect(customer).toMatch(/<cac:PartyLegalEntity>\s*<cbc:RegistrationName>Hans Becker<\/cbc:RegistrationName>\s*<cbc:CompanyID>C01X00T47<\/cbc:CompanyID>/);
    expect(customer).not.toContain('PartyTaxScheme');
    expect(customer).not.toContain('0000000000000');
    // A tourist who gave no number: the "no identifier" code CIUS-RO wants on a taxed invoice.
    const without = efacturaXml(invoiceTo(buyerParty(person({ codFiscal: '' }), null)));
    expect(without).toContain('<cbc:CompanyID>0000000000000</cbc:CompanyID>');

    const reports = await officialReports([withId, without]);
    for (const r of reports) expect({ schema: r.schema, fatal: r.fatal }, describeReport(r)).toEqual({ schema: [], fatal: [] });
  }, 60_000);
});
