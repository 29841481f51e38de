import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { renderPdf } from '../../../pdf/render-node';
import { labelBarcode, normalizeBarcode } from './barcode';
import { barcodeSvg, fitBarcodeSvg, humanReadable } from './barcode-svg';
import { decodePixels, pdfPagePixels, type Pixels } from './barcode-decoding.test-helper.js';
import { labelLayouts, labelsDefinition, type ProductLabel } from './label-pdf';

/** Each page's text as pdfjs extracts it, whitespace collapsed. */
async function pagesText(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const out: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? `${i.str} ` : '')).join('').replace(/\s+/g, ' ').trim());
  }
  await pdf.destroy();
  return out;
}

async function pageSizes(bytes: Uint8Array): Promise<[number, number][]> {
  const pdf = await getDocument({ data: bytes.slice(), useSystemFonts: false }).promise;
  const out: [number, number][] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = (await pdf.getPage(n)).view;
    out.push([Math.round(((x1 - x0) * 25.4) / 72), Math.round(((y1 - y0) * 25.4) / 72)]);
  }
  await pdf.destroy();
  return out;
}

/** The modules of a bwip-js SVG: 1 where a bar covers the module, 0 for space (its paths are stroked lines, x at the bar's centre). */
function svgModules(svg: string, modules: number): number[] {
  const out = new Array<number>(modules).fill(0);
  for (const path of svg.matchAll(/stroke-width="([\d.]+)" d="([^"]+)"/g)) {
    const width = Number(path[1]);
    for (const move of (path[2] ?? '').matchAll(/M([\d.]+) /g)) {
      const centre = Number(move[1]);
      for (let m = Math.round(centre - width / 2); m < Math.round(centre + width / 2); m++) out[m] = 1;
    }
  }
  return out;
}

/** Draws modules as an image: `px` pixels a module, bars `height` pixels tall, on white with a margin. */
function rasterize(modules: number[], px: number, height: number): Pixels {
  const margin = 10;
  const width = modules.length * px + 2 * margin;
  const rows = height + 2 * margin;
  const data = new Uint8ClampedArray(width * rows * 4).fill(255);
  for (let y = margin; y < margin + height; y++) {
    modules.forEach((bar, m) => {
      if (!bar) return;
      for (let x = margin + m * px; x < margin + (m + 1) * px; x++) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    });
  }
  return { data, width, height: rows };
}

function crop(image: Pixels, x: number, y: number, width: number, height: number): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * image.width + x) * 4;
    data.set(image.data.subarray(from, from + width * 4), row * width * 4);
  }
  return { data, width, height };
}

// EAN-13's encoding tables as the standard (ISO/IEC 15420) gives them, written out here by hand.
const setA = ['0001101', '0011001', '0010011', '0111101', '0100011', '0110001', '0101111', '0111011', '0110111', '0001011'];
const setB = ['0100111', '0110011', '0011011', '0100001', '0011101', '0111001', '0000101', '0010001', '0001001', '0010111'];
const setC = ['1110010', '1100110', '1101100', '1000010', '1011100', '1001110', '1010000', '1000100', '1001000', '1110100'];
const parity = ['AAAAAA', 'AABABB', 'AABBAB', 'AABBBA', 'ABAABB', 'ABBAAB', 'ABBBAA', 'ABABAB', 'ABABBA', 'ABBABA'];

function ean13Pattern(code: string): string {
  const digits = Array.from(code, Number);
  const first = digits[0] ?? 0;
  const left = digits.slice(1, 7).map((d, i) => ((parity[first] ?? '')[i] === 'A' ? setA : setB)[d] ?? '').join('');
  const right = digits.slice(7).map((d) => setC[d] ?? '').join('');
  return `101${left}01010${right}101`;
}

describe('barcode drawings', () => {
  it('an EAN-13 has exactly the bars of the standard, with its quiet zones', () => {
    const drawn = barcodeSvg('5901234123457');
    expect(drawn.kind).toBe('ean13');
    const modules = svgModules(drawn.svg, drawn.modules).join('');
    expect(modules.slice(0, 11)).toBe('0'.repeat(11));
    expect(modules.slice(11, 11 + 95)).toBe(ean13Pattern('5901234123457'));
    expect(modules.slice(11 + 95)).toMatch(/^0{7,}$/);
    const fitted = fitBarcodeSvg(drawn, 46, 20);
    expect(fitted).toMatch(new RegExp(`viewBox="0 0 ${drawn.modules} ${Math.round((drawn.modules * 20 / 46) * 100) / 100}"`));
    expect(svgModules(fitted, drawn.modules).join('')).toBe(modules);
  });

  it('ZXing reads back what the SVGs draw: EAN-13, EAN-8, a UPC-A and Code 128', async () => {
    const cases: [string, string, string][] = [
      ['5901234123457', '5901234123457', 'EAN13'],
      ['4006381333931', '4006381333931', 'EAN13'],
      ['96385074', '96385074', 'EAN8'],
      ['036000291452', '0036000291452', 'EAN13'],
      ['FILTRU-ULEI/1.6 HDi', 'FILTRU-ULEI/1.6 HDi', 'Code128'],
      ['P-000042', 'P-000042', 'Code128'],
    ];
    for (const [input, encoded, format] of cases) {
      const drawn = barcodeSvg(input);
      expect(drawn.text).toBe(encoded);
      const read = await decodePixels(rasterize(svgModules(drawn.svg, drawn.modules), 3, 80));
      expect(read.map((r) => normalizeBarcode(r.text)), input).toContain(encoded);
      expect(read.map((r) => r.format), input).toContainEqual(format === 'EAN13' && input.length === 12 ? expect.stringMatching(/^(EAN13|UPCA)$/) : format);
    }
  });

  it('refuses what no barcode can carry, and prints the digits the way packaging does', () => {
    expect(() => barcodeSvg('Ștergător')).toThrow();
    expect(humanReadable('ean13', '5901234123457')).toBe('5 901234 123457');
    expect(humanReadable('ean8', '96385074')).toBe('9638 5074');
    expect(labelBarcode({ barcode: ' 5901234123457 ', code: 'P-1' })).toEqual({ text: '5901234123457', kind: 'ean13' });
    expect(labelBarcode({ barcode: null, code: 'P-1' })).toEqual({ text: 'P-1', kind: 'code128' });
    expect(labelBarcode({ barcode: 'ă', code: '' })).toBeNull();
  });
});

const labels: ProductLabel[] = [
  { name: 'Filtru ulei Mann W 712/75 — Dacia Logan 1.5 dCi', barcode: '4006381333931', code: 'FU-0712', priceBani: 4_550, copies: 2 },
  { name: 'Anvelopă Ştefăneşti 205/55 R16', barcode: '96385074', code: null, priceBani: 389_900 },
  { name: 'Șurub roată M12×1,5', barcode: 'SR-M12-15', priceBani: null },
];

describe('label PDFs', () => {
  it('a 50 × 30 mm label printer gets one page per label, its digits, code, price and diacritics as text', async () => {
    const bytes = await renderPdf(labelsDefinition(labels, labelLayouts['50x30']));
    expect(await pageSizes(bytes)).toEqual([[50, 30], [50, 30], [50, 30], [50, 30]]);
    const pages = await pagesText(bytes);
    expect(pages[0]).toContain('4 006381 333931');
    expect(pages[0]).toContain('FU-0712');
    expect(pages[0]).toContain('45,50 lei');
    expect(pages[1]).toBe(pages[0]);
    expect(pages[2]).toContain('9638 5074');
    expect(pages[2]).toContain('3.899,00 lei');
    expect(pages[2]).toContain('Anvelopă Ștefănești 205/55 R16');
    expect(pages[2]).not.toMatch(/[şţ]/);
    expect(pages[3]).toContain('SR-M12-15');
    expect(pages[3]).toContain('Șurub roată');
    expect(pages[3]).not.toMatch(/\d lei/);
  });

  it('the bars in the PDF decode back to the product codes (page drawn at 300 dpi, read by ZXing)', async () => {
    for (const layout of [labelLayouts['50x30'], labelLayouts['58x40']]) {
      const bytes = await renderPdf(labelsDefinition(labels, layout));
      const read: string[] = [];
      for (const page of [1, 3, 4]) read.push(...(await decodePixels(await pdfPagePixels(bytes, page, 300 / 72))).map((r) => r.text));
      expect(read).toEqual(['4006381333931', '96385074', 'SR-M12-15']);
    }
  });

  it('an A4 sheet of 3 × 8 labels: 24 a page, every one readable, the next page for the rest', async () => {
    const many: ProductLabel[] = [{ ...labels[0], copies: 23 } as ProductLabel, labels[1] as ProductLabel, labels[2] as ProductLabel];
    const bytes = await renderPdf(labelsDefinition(many, labelLayouts['a4-3x8'], { withPrice: false }));
    expect(await pageSizes(bytes)).toEqual([[210, 297], [210, 297]]);
    const [first = '', second = ''] = await pagesText(bytes);
    expect(first.split('4 006381 333931').length - 1).toBe(23);
    expect(first).toContain('9638 5074');
    expect(first).not.toMatch(/\d lei/);
    expect(second).toContain('SR-M12-15');
    // Each cell of the grid cut out of page 1 (drawn at 200 dpi) holds one readable barcode.
    const dpmm = 200 / 25.4;
    const page = await pdfPagePixels(bytes, 1, 200 / 72);
    const read: string[] = [];
    for (let cell = 0; cell < 24; cell++) {
      const x = Math.round((cell % 3) * 70 * dpmm);
      const y = Math.round((0.5 + Math.floor(cell / 3) * 37) * dpmm);
      const found = await decodePixels(crop(page, x, y, Math.round(70 * dpmm), Math.round(37 * dpmm)));
      read.push(found.map((r) => r.text).join('+'));
    }
    expect(read).toEqual([...Array<string>(23).fill('4006381333931'), '96385074']);
  });

  it('an A4 sheet of 4 × 10 small labels (48.5 × 25.4 mm): all 40 read back, Code 128 included', async () => {
    const layout = labelLayouts['a4-4x10'];
    const many: ProductLabel[] = [{ ...labels[0], copies: 38 } as ProductLabel, labels[1] as ProductLabel, labels[2] as ProductLabel];
    const bytes = await renderPdf(labelsDefinition(many, layout));
    expect(await pageSizes(bytes)).toEqual([[210, 297]]);
    const dpmm = 200 / 25.4;
    const page = await pdfPagePixels(bytes, 1, 200 / 72);
    const [left, top] = [(210 - 4 * layout.width) / 2, (297 - 10 * layout.height) / 2];
    const read: string[] = [];
    for (let cell = 0; cell < 40; cell++) {
      const x = Math.round((left + (cell % 4) * layout.width) * dpmm);
      const y = Math.round((top + Math.floor(cell / 4) * layout.height) * dpmm);
      const found = await decodePixels(crop(page, x, y, Math.round(layout.width * dpmm), Math.round(layout.height * dpmm)));
      read.push(found.map((r) => r.text).join('+'));
    }
    expect(read).toEqual([...Array<string>(38).fill('4006381333931'), '96385074', 'SR-M12-15']);
  });

  it('refuses no labels, bad copies and a grid larger than A4', () => {
    expect(() => labelsDefinition([], labelLayouts['50x30'])).toThrow();
    expect(() => labelsDefinition([{ ...labels[2], copies: 0 } as ProductLabel], labelLayouts['50x30'])).toThrow();
    expect(() => labelsDefinition(labels, { kind: 'sheet', width: 80, height: 40, columns: 3, rows: 8 })).toThrow();
  });
});
