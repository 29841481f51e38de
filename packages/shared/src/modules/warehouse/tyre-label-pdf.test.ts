import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../pdf/render-node';
import { placeText, tyreLabelDefinition, type TyreLabel } from './tyre-label-pdf';

async function read(bytes: Uint8Array): Promise<{ text: string; pages: number; size: number[]; subject: unknown }> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const page = await pdf.getPage(1);
  const content = await page.getTextContent();
  const meta = await pdf.getMetadata();
  const info = meta.info as Record<string, unknown>;
  const out = { text: content.items.map((i) => ('str' in i ? i.str : '')).join(' ').replace(/\s+/g, ' '), pages: pdf.numPages, size: page.view, subject: info.Subject };
  await pdf.destroy();
  return out;
}

const label: TyreLabel = {
  url: 'https://app.roaauto.ro/tyres/0190f5a2-1111-7000-8000-000000000001', cod: 'K7M2QX', client: 'Ștefan Țăranu', nrAuto: 'CJ 12 ABC',
  sezon: 'iarna', an: 2026, dimensiune: '205/55 R16', raft: '3', etaj: '2', pozitie: '14', roti: 4, peJante: true,
};

describe('tyre set QR label', () => {
  it('prints one 50×30 mm page with the code, plate, customer, season, size and place, and the link in its subject', async () => {
    const doc = await read(await renderPdf(tyreLabelDefinition(label, '50x30')));
    expect(doc.pages).toBe(1);
    const [, , w, h] = doc.size;
    expect(Math.round(w ?? 0)).toBe(142);
    expect(Math.round(h ?? 0)).toBe(85);
    for (const part of ['K7M2QX', 'CJ 12 ABC', 'Ștefan Țăranu', 'iarnă 2026/2027', '4 roți', '205/55 R16', 'R 3 / E 2 / P 14']) expect(doc.text).toContain(part);
    expect(doc.subject).toBe(label.url);
  });

  it('prints the 58×40 mm size, tyres without rims and an unknown place', async () => {
    const doc = await read(await renderPdf(tyreLabelDefinition({ ...label, peJante: false, raft: null, etaj: null, pozitie: null, sezon: 'vara', an: 2027 }, '58x40')));
    expect(doc.pages).toBe(1);
    expect(Math.round(doc.size[2] ?? 0)).toBe(164);
    expect(Math.round(doc.size[3] ?? 0)).toBe(113);
    expect(doc.text).toContain('4 anvelope');
    expect(doc.text).toContain('vară 2027');
    expect(doc.text).not.toContain('R ');
  });

  it('puts a QR node holding the set link in the definition', () => {
    const def = tyreLabelDefinition(label);
    expect(JSON.stringify(def.content)).toContain(`"qr":"${label.url}"`);
    expect(placeText({ raft: 'A', etaj: null, pozitie: '7' })).toBe('R A / P 7');
  });
});
