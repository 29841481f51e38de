/**
 * The layouts of SAGA C.'s XML import ("Diverse → Import date" in SAGA C.'s manual,
 * https://manual.sagasoft.ro/sagac/topic-76-import-date.html): the tags in the manual's order, and which ones
 * the manual marks optional. docs/reports-accountant.md quotes the source and says what it leaves open.
 */

/** `<Facturi><Factura><Antet>`: the invoice's header. */
export const sagaInvoiceHeader = [
  'FurnizorNume', 'FurnizorCIF', 'FurnizorNrRegCom', 'FurnizorCapital', 'FurnizorTara', 'FurnizorLocalitate', 'FurnizorJudet',
  'FurnizorAdresa', 'FurnizorTelefon', 'FurnizorMail', 'FurnizorBanca', 'FurnizorIBAN', 'FurnizorInformatiiSuplimentare',
  'GUID_cod_client',
  'ClientNume', 'ClientInformatiiSuplimentare', 'ClientCIF', 'ClientNrRegCom', 'ClientJudet', 'ClientTara', 'ClientLocalitate',
  'ClientAdresa', 'ClientBanca', 'ClientIBAN', 'ClientTelefon', 'ClientMail',
  'FacturaNumar', 'FacturaData', 'FacturaScadenta', 'FacturaTaxareInversa', 'FacturaTVAIncasare', 'FacturaTip',
  'FacturaInformatiiSuplimentare', 'FacturaMoneda', 'FacturaGreutate', 'FacturaAccize', 'FacturaIndexSPV', 'Cod',
] as const;

/** `<Detalii><Continut><Linie>`: one line of the invoice. */
export const sagaInvoiceLine = [
  'LinieNrCrt', 'Gestiune', 'Activitate', 'Descriere', 'CodArticolFurnizor', 'CodArticolClient', 'GUID_cod_articol', 'CodBare',
  'InformatiiSuplimentare', 'UM', 'Cantitate', 'Pret', 'Valoare', 'ProcTVA', 'TVA', 'Cont', 'TipDeducere', 'PretVanzare',
] as const;

/** `<Incasari><Linie>`: one receipt (`<Plati>` has `ContFurnizor` in place of `ContClient`). */
export const sagaReceiptLine = ['Data', 'Numar', 'Suma', 'Cont', 'ContClient', 'Explicatie', 'FacturaID', 'FacturaNumar', 'CodFiscal', 'Moneda'] as const;

/** The tags the manual marks "Opțional", per record: written only when there is something to write. */
export const sagaOptional = {
  header: new Set<string>(['GUID_cod_client', 'FacturaTip', 'FacturaAccize', 'Cod']),
  line: new Set<string>([
    'Gestiune', 'Activitate', 'CodArticolFurnizor', 'CodArticolClient', 'GUID_cod_articol', 'CodBare', 'InformatiiSuplimentare',
    'ProcTVA', 'Cont', 'TipDeducere', 'PretVanzare',
  ]),
  receipt: new Set<string>(['ContClient', 'FacturaID', 'FacturaNumar', 'CodFiscal', 'Moneda']),
} as const;

export type SagaHeaderField = (typeof sagaInvoiceHeader)[number];
export type SagaLineField = (typeof sagaInvoiceLine)[number];
export type SagaReceiptField = (typeof sagaReceiptLine)[number];
