import { code128, drawingSVG, ean13, ean8 } from 'bwip-js/generic';
import { classifyBarcode, normalizeBarcode, type BarcodeKind } from './barcode';

/**
 * The bars of a barcode as an SVG document, drawn by bwip-js (Barcode Writer in Pure PostScript, in
 * JavaScript; its platform-free "generic" build, the same in the browser and in Node). Only the three
 * symbologies the warehouse prints are imported, so a bundler keeps the rest of bwip-js out. The quiet
 * zones the standards ask for are part of the drawing (EAN-13: 11 modules left, 7 right; EAN-8: 7 and 7;
 * Code 128: 10 each side), so the SVG can be stretched to a label's width as it is. No human-readable
 * text: the label prints it as PDF text, which stays searchable and sharp.
 */

const quietZones: Record<BarcodeKind, [number, number]> = { ean13: [11, 7], ean8: [7, 7], code128: [10, 10] };
const encoders = { ean13, ean8, code128 };

export type BarcodeSvg = {
  kind: BarcodeKind;
  /** What the bars encode (a UPC-A given becomes its EAN-13). */
  text: string;
  svg: string;
  /** The drawing's width in modules, quiet zones included: the label's width divided by it is the module size. */
  modules: number;
  /** The drawing's height, in the same units. */
  height: number;
};

/** Draws a code (its kind found by `classifyBarcode`, or the one given); throws on a code that cannot be drawn. */
export function barcodeSvg(code: string, kind: BarcodeKind | null = classifyBarcode(code)): BarcodeSvg {
  if (!kind) throw new Error(`Not a code that can be printed as a barcode: ${JSON.stringify(code)}`);
  const text = normalizeBarcode(code);
  const [left, right] = quietZones[kind];
  // scale 1: one SVG unit per module; height in bwip-js's units (0.1 in = 72 units, so 10 mm is "10 / 25.4").
  const svg = encoders[kind]({ bcid: kind, text, scale: 1, height: 10, includetext: false, paddingleft: left, paddingright: right }, drawingSVG());
  const box = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(svg);
  if (!box?.[1] || !box[2]) throw new Error('bwip-js drew an SVG without a viewBox');
  return { kind, text, svg, modules: Number(box[1]), height: Number(box[2]) };
}

/**
 * The bars for a box of `width` × `height` (any unit): the drawing's own height changed to the box's
 * proportions, so the SVG scales the same way both ways. (A PDF renderer stretching a drawing unevenly
 * scales stroke widths by an average of the two, which thickens or thins the bars against the spaces,
 * and scanners then misread them.) Each bar is a vertical stroked line the full height of the drawing.
 */
export function fitBarcodeSvg(drawn: BarcodeSvg, width: number, height: number): string {
  const barsHeight = Math.round(((drawn.modules * height) / width) * 100) / 100;
  return drawn.svg
    .replace(/viewBox="0 0 ([\d.]+) [\d.]+"/, `viewBox="0 0 $1 ${barsHeight}"`)
    .replace(new RegExp(`M([\\d.]+) ${drawn.height}L`, 'g'), `M$1 ${barsHeight}L`);
}

/** The digits under the bars as packaging prints them: "5 901234 123457", "9638 5074"; Code 128 as it is. */
export function humanReadable(kind: BarcodeKind, text: string): string {
  if (kind === 'ean13') return `${text.slice(0, 1)} ${text.slice(1, 7)} ${text.slice(7)}`;
  if (kind === 'ean8') return `${text.slice(0, 4)} ${text.slice(4)}`;
  return text;
}
