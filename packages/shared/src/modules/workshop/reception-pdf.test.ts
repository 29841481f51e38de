import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../pdf/render-node';
import { sellerOrBlank } from '../core/company';
import { carOutlineSvg, numberPath } from './car-outline';
import { receptionDocument, type ReceptionDocument } from './reception-document';
import { fuelText, receptionDefinition } from './reception-pdf';
import { serializeDamageMarks } from './reception';

/** All pages' text as pdfjs extracts it, whitespace collapsed. */
async function text(bytes: Uint8Array): Promise<string> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return out.join('\n').replace(/\s+/g, ' ');
}

const stamp = '2026-11-23T07:30:00.000Z';
const order = {
  nr_comanda: 1042, data_comanda: '2026-11-23', client_nume: 'Ștefan Țăranu', client_telefon: '0722 123 456', nr_auto: 'CJ 12 ȘȚĂ',
  marca_denumire: 'Dacia', model_denumire: 'Logan', serie_sasiu: 'UU1LSDAAG12345678',
};
const sheet = (patch: Record<string, unknown> = {}) => ({
  id: 'r1', created_at: stamp, updated_at: stamp, order_id: 'o1', intake_km: 123_456, intake_fuel: 3,
  damage_marks: serializeDamageMarks([
    { view: 'left', x: 0.4, y: 0.5, kind: 'dent', note: 'Ușa șoferului înfundată' },
    { view: 'front', x: 0.5, y: 0.6, kind: 'crack', note: 'Parbriz fisurat' },
  ]),
  customer_requests: 'Verificați frânele și schimbați uleiul', intake_notes: null,
  intake_signature: 'M10 10L60 40L120 20', intake_signed_by: 'Ștefan Țăranu', intake_signed_at: stamp,
  handback_km: null, handback_fuel: null, handback_notes: null, handback_signature: null, handback_signed_by: null, handback_signed_at: null, ...patch,
});
const seller = { ...sellerOrBlank(null), nume: 'Service Auto Mureș SRL', codFiscal: 'RO123456' };

describe('reception sheet PDF', () => {
  it('prints the intake with Romanian diacritics, the marks listed, the signer and the time in Bucharest', async () => {
    const doc: ReceptionDocument = receptionDocument(order, sheet(), seller, { intake: 2, handback: 0 });
    const out = await text(await renderPdf(receptionDefinition(doc)));
    for (const words of [
      'FIȘĂ DE RECEPȚIE', 'proces-verbal de predare-primire', 'Service Auto Mureș SRL', 'Ștefan Țăranu', 'CJ 12 ȘȚĂ', 'Dacia Logan',
      'La recepție', '123.456 km', '3/8 din rezervor', 'SOLICITĂRILE CLIENTULUI', 'Verificați frânele și schimbați uleiul',
      'Avarii vizibile', 'Lateral stânga', 'Lovitură', 'Ușa șoferului înfundată', 'Față', 'Fisură', 'Parbriz fisurat',
      'Fotografii la recepție: 2', 'CLIENTUL (PREDĂ VEHICULUL)', '23.11.2026, ora 09:30',
    ]) expect(out).toContain(words);
    // Nothing was handed back yet: no hand-back part.
    expect(out).not.toContain('La predare');
  });

  it('adds the hand-back once recorded, and says when no damage was seen', async () => {
    const doc = receptionDocument(order, sheet({
      damage_marks: '[]', handback_km: 123_500, handback_fuel: 8, handback_notes: 'Mașina a fost spălată',
      handback_signature: 'M1 1L2 2', handback_signed_by: 'Ștefan Țăranu', handback_signed_at: '2026-11-25T15:05:00.000Z',
    }), seller);
    const out = await text(await renderPdf(receptionDefinition(doc)));
    for (const words of ['Nu au fost constatate avarii vizibile.', 'La predare', '123.500 km', 'Rezervor plin', 'Mașina a fost spălată', 'CLIENTUL (PRIMEȘTE VEHICULUL)', '25.11.2026, ora 17:05']) {
      expect(out).toContain(words);
    }
  });

  it('leaves out a signature that is not the pad\'s path data, and says the side is unsigned', async () => {
    const doc = receptionDocument(order, sheet({ intake_signature: 'M1 1"/><image href="x"/>' }), seller);
    expect(doc.intake.signature).toBeNull();
    expect(await text(await renderPdf(receptionDefinition(doc)))).toContain('Nesemnat');
  });

  it('draws the outline with one numbered dot per mark', () => {
    const svg = carOutlineSvg([{ view: 'right', x: 0, y: 0, kind: 'scratch' }, { view: 'back', x: 1, y: 1, kind: 'other' }]);
    expect(svg.match(/<circle /g)).toHaveLength(2);
    // The right side starts at x 225, the back view at 340 (100 wide, 100 high, from y 110).
    expect(svg).toContain('cx="225" cy="0"');
    expect(svg).toContain('cx="440" cy="210"');
    expect(svg).not.toContain('<text');
    // The numbers are strokes: "1" is one vertical pair of segments, "10" adds a zero's six.
    expect(numberPath(1, 10, 10).match(/M/g)).toHaveLength(2);
    expect(numberPath(10, 10, 10).match(/M/g)).toHaveLength(8);
    expect(fuelText(0)).toBe('Rezervor gol');
    expect(fuelText(null)).toBeNull();
  });
});
