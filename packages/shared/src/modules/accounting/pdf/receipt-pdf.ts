import { baseDefinition, colors, field, headerBand, logoImage, partyBlock, present, rule, type PdfOptions } from '../../core/pdf-layout';
import { partyTaxId } from '../../core/party';
import { fixDiacriticsDeep, formatDate, formatLei } from '../../../pdf/format';
import type { PdfContent, PdfDefinition, PdfText } from '../../../pdf/pdfmake-types';
import type { ReceiptDocument } from '../payments';

/**
 * The receipt (chitanță, model 14-4-1 of OMFP 2634/2015): the issuer with its identifiers, the series
 * and number, the date, who paid (name, tax id or CNP, address), the amount in figures and in words,
 * what it pays (the invoice), and the cashier's signature. A receipt is signed by whoever received the
 * money: unlike an invoice, it has a signature line.
 */
export function receiptDefinition(input: ReceiptDocument, opts: PdfOptions = {}): PdfDefinition {
  const doc = fixDiacriticsDeep(input);
  const logo = logoImage(opts.logo);
  const name = `Chitanță seria ${doc.serie} nr. ${doc.numar}`;
  const payerId = partyTaxId(doc.platitor);
  const title: PdfContent[] = [
    { text: 'CHITANȚĂ', style: 'title' },
    { text: `Seria ${doc.serie} nr. ${doc.numar}`, style: 'docNumber', margin: [0, 2, 0, 4] },
    ...present<PdfContent>([field('Data', formatDate(doc.data)), field('Moneda', doc.moneda)]),
  ];
  const body: PdfContent[] = [
    ...headerBand(doc.furnizor, logo, title),
    { ...partyBlock('Plătitor', doc.platitor), margin: [0, 0, 0, 12] },
    {
      text: present<string>([
        `Am primit de la ${doc.platitor.nume}`,
        payerId ? `, ${payerId}` : null,
        `, suma de ${formatLei(doc.suma)} lei, adică ${doc.sumaInLitere}, reprezentând ${lowerFirst(doc.explicatie)}.`,
      ]).join(''),
      fontSize: 10.5,
      lineHeight: 1.4,
      margin: [0, 0, 0, 10],
    },
    {
      table: {
        widths: ['*', 'auto'],
        body: amountRows(doc),
      },
      layout: 'lightHorizontalLines',
    },
    rule(10),
    {
      columns: [
        { width: '*', stack: [field('Casier', doc.emitent) ?? { text: 'Casier', color: colors.muted }, { text: 'Semnătura', style: ['small', 'muted'], margin: [0, 24, 0, 0] }] },
        { width: 200, stack: [{ text: 'Ștampila (dacă este cazul)', style: ['small', 'muted'], alignment: 'right', margin: [0, 38, 0, 0] }] },
      ],
      unbreakable: true,
    },
  ];
  return baseDefinition(name, doc.furnizor.nume, logo, body, `${name} din ${formatDate(doc.data)}`);
}

function strong(text: string): PdfText {
  return { text, style: 'docNumber' };
}

function amountRows(doc: ReceiptDocument): PdfContent[][] {
  return [
    [strong('Suma încasată'), { ...strong(`${formatLei(doc.suma)} ${doc.moneda}`), alignment: 'right', fontSize: 12 }],
    [{ text: 'În litere', style: 'label' }, { text: doc.sumaInLitere, alignment: 'right' }],
    [{ text: 'Factura achitată', style: 'label' }, { text: `seria ${doc.factura.serie} nr. ${doc.factura.numar} din ${formatDate(doc.factura.data)}`, alignment: 'right' }],
  ];
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
