import { baseDefinition, colors, field, headerBand, logoImage, plainLayout, present, type PdfOptions } from '../core/pdf-layout';
import { fixDiacriticsDeep, formatDate, formatQuantity } from '../../pdf/format';
import type { PdfContent, PdfDefinition } from '../../pdf/pdfmake-types';
import { carOutlineSvg, signatureSvg } from './car-outline';
import { fuelEighths, isSignaturePath, type CarView, type DamageKind } from './reception';
import type { ReceptionDocument, ReceptionSideDocument } from './reception-document';

/** The vehicle reception sheet (proces-verbal de predare-primire) as a pdfmake definition. */

const viewLabels: Record<CarView, string> = { left: 'Lateral stânga', right: 'Lateral dreapta', top: 'Vedere de sus', front: 'Față', back: 'Spate' };
const kindLabels: Record<DamageKind, string> = { scratch: 'Zgârietură', dent: 'Lovitură', crack: 'Fisură', missing: 'Lipsă', other: 'Altele' };

/** "3/8" of a tank, or a full or empty tank in words. */
export function fuelText(eighths: number | null): string | null {
  if (eighths === null) return null;
  if (eighths === 0) return 'Rezervor gol';
  if (eighths === fuelEighths) return 'Rezervor plin';
  return `${eighths}/${fuelEighths} din rezervor`;
}

/** A timestamp as the Romanian date and time (Bucharest's clock). */
function when(iso: string | null): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  const time = new Intl.DateTimeFormat('ro-RO', { timeZone: 'Europe/Bucharest', hour: '2-digit', minute: '2-digit' }).format(d);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Bucharest' }).format(d);
  return `${formatDate(day)}, ora ${time}`;
}

function signatureBlock(title: string, side: ReceptionSideDocument): PdfContent {
  const svg = side.signature ? signatureSvg(side.signature, isSignaturePath) : null;
  return {
    stack: present<PdfContent>([
      { text: title, style: 'label', margin: [0, 0, 0, 2] },
      svg ? { svg, fit: [200, 67] } : { text: 'Nesemnat', style: ['small', 'muted'], margin: [0, 20, 0, 20] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.6, lineColor: colors.rule }], margin: [0, 2, 0, 2] },
      { text: present([side.signedBy?.trim() || null, when(side.signedAt)]).join(' · ') || 'Nume, semnătura, data', style: ['small', 'muted'] },
    ]),
    unbreakable: true,
  };
}

function sideFields(side: ReceptionSideDocument): PdfContent[] {
  return present<PdfContent>([
    field('Kilometraj', side.km != null ? `${formatQuantity(String(side.km))} km` : null),
    field('Combustibil', fuelText(side.fuel)),
    field('Observații', side.notes),
  ]);
}

export function receptionDefinition(input: ReceptionDocument, opts: PdfOptions = {}): PdfDefinition {
  const doc = fixDiacriticsDeep(input);
  const logo = logoImage(opts.logo);
  const name = doc.comanda.numar != null ? `Proces-verbal de predare-primire, comanda nr. ${doc.comanda.numar}` : 'Proces-verbal de predare-primire';
  const v = doc.vehicul;
  const titleBlock = present<PdfContent>([
    { text: 'FIȘĂ DE RECEPȚIE', style: 'title' },
    { text: 'proces-verbal de predare-primire', style: 'docNumber', margin: [0, 2, 0, 4] },
    field('Comanda', doc.comanda.numar != null ? `nr. ${doc.comanda.numar}` : null),
    field('Data comenzii', formatDate(doc.comanda.data)),
  ]);
  const marks = doc.intake.marks;
  const handedBack = doc.handback.km !== null || doc.handback.fuel !== null || !!doc.handback.notes || !!doc.handback.signature;
  const content: PdfContent[] = [
    ...headerBand(doc.furnizor, logo, titleBlock),
    {
      columns: [
        { width: '*', stack: present<PdfContent>([{ text: 'CLIENT', style: 'label', margin: [0, 0, 0, 2] }, { text: doc.client.nume?.trim() || '—', style: 'partyName' }, field('Telefon', doc.client.telefon)]) },
        { width: '*', stack: present<PdfContent>([
          { text: 'VEHICUL', style: 'label', margin: [0, 0, 0, 2] },
          field('Nr. auto', v.nrAuto, true),
          field('Marcă / model', present([v.marca?.trim() || null, v.model?.trim() || null]).join(' ')),
          field('VIN', v.vin),
        ]) },
      ],
      columnGap: 20,
      margin: [0, 0, 0, 6],
    },
    { text: 'La recepție', style: 'section' },
    ...sideFields(doc.intake),
    ...present<PdfContent>([
      doc.intake.requests?.trim() ? { stack: [{ text: 'SOLICITĂRILE CLIENTULUI', style: 'label', margin: [0, 4, 0, 2] }, doc.intake.requests.trim()] } : null,
      doc.photos.intake > 0 ? field('Fotografii la recepție', String(doc.photos.intake)) : null,
    ]),
    { text: 'Avarii vizibile', style: 'section' },
    { svg: carOutlineSvg(marks), fit: [420, 200], alignment: 'center' },
    marks.length
      ? {
          table: {
            widths: [18, 90, 70, '*'],
            body: marks.map((m, i) => [
              { text: `${i + 1}.`, color: colors.muted },
              viewLabels[m.view],
              kindLabels[m.kind],
              m.note?.trim() ?? '',
            ]),
          },
          layout: plainLayout,
          margin: [0, 6, 0, 0],
        }
      : { text: 'Nu au fost constatate avarii vizibile.', style: ['small', 'muted'], margin: [0, 6, 0, 0] },
    {
      columns: [
        { width: '*', stack: [signatureBlock('CLIENTUL (PREDĂ VEHICULUL)', doc.intake)] },
        { width: '*', stack: [{ text: 'SERVICE (PRIMEȘTE VEHICULUL)', style: 'label', margin: [0, 0, 0, 44] }, { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 220, y2: 0, lineWidth: 0.6, lineColor: colors.rule }] }] },
      ],
      columnGap: 20,
      margin: [0, 14, 0, 0],
    },
    ...(handedBack
      ? [
          { text: 'La predare', style: 'section', margin: [0, 16, 0, 4] } satisfies PdfContent,
          ...sideFields(doc.handback),
          ...present<PdfContent>([doc.photos.handback > 0 ? field('Fotografii la predare', String(doc.photos.handback)) : null]),
          {
            columns: [{ width: '*', stack: [signatureBlock('CLIENTUL (PRIMEȘTE VEHICULUL)', doc.handback)] }, { width: '*', text: '' }],
            columnGap: 20,
            margin: [0, 10, 0, 0],
          } satisfies PdfContent,
        ]
      : []),
  ];
  return baseDefinition(name, doc.furnizor.nume, logo, content, name);
}
