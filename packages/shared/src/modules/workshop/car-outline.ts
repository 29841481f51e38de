import { carViews, signatureBox, type CarView, type DamageKind, type DamageMark } from './reception';

/**
 * The car's outline the reception sheet marks damage on: five views (both sides, from above, front and
 * back), each in its own box, drawn by the app (an inline SVG a tap marks) and by the PDF from the same
 * data. A mark's x and y are fractions of its view's box.
 */

export type ViewBox = { x: number; y: number; width: number; height: number };

/** Where each view sits on the whole drawing (440 × 210). */
export const carViewLayout: Record<CarView, ViewBox> = {
  left: { x: 0, y: 0, width: 215, height: 100 },
  right: { x: 225, y: 0, width: 215, height: 100 },
  top: { x: 0, y: 110, width: 215, height: 100 },
  front: { x: 225, y: 110, width: 100, height: 100 },
  back: { x: 340, y: 110, width: 100, height: 100 },
};
export const carDrawingSize = { width: 440, height: 210 } as const;

const side = [
  'M8 72L8 56Q10 46 28 43L58 39L84 19Q90 14 100 14L148 14Q158 14 166 22L188 40L202 44Q210 47 210 58L210 72Z',
  'M67 39L89 21L117 21L117 39Z',
  'M123 39L123 21L148 21Q156 21 162 27L174 39Z',
  'M34 72a15 15 0 1 0 30 0a15 15 0 1 0 -30 0Z',
  'M156 72a15 15 0 1 0 30 0a15 15 0 1 0 -30 0Z',
];
const above = [
  'M10 30Q10 12 36 10L180 10Q208 12 210 30L210 70Q208 88 180 90L36 90Q10 88 10 70Z',
  'M148 18L168 24L168 76L148 82Z',
  'M40 22L56 19L56 81L40 78Z',
  'M70 19L138 19L138 81L70 81Z',
];
const front = [
  'M10 82L10 52Q12 42 20 38L28 16Q31 11 40 11L60 11Q69 11 72 16L80 38Q88 42 90 52L90 82Z',
  'M31 36L38 18L62 18L69 36Z',
  'M16 48L32 48L32 56L16 56Z',
  'M68 48L84 48L84 56L68 56Z',
  'M38 50L62 50L62 60L38 60Z',
  'M12 82L26 82L26 94L12 94Z',
  'M74 82L88 82L88 94L74 94Z',
];
const back = [
  'M10 82L10 52Q12 42 20 38L28 16Q31 11 40 11L60 11Q69 11 72 16L80 38Q88 42 90 52L90 82Z',
  'M31 36L38 18L62 18L69 36Z',
  'M14 46L28 46L28 58L14 58Z',
  'M72 46L86 46L86 58L72 58Z',
  'M38 64L62 64L62 72L38 72Z',
  'M12 82L26 82L26 94L12 94Z',
  'M74 82L88 82L88 94L74 94Z',
];

/** Each view's shapes, in the view's own coordinates; the right side is the left one mirrored. */
export const carViewPaths: Record<CarView, { paths: readonly string[]; mirrored: boolean }> = {
  left: { paths: side, mirrored: false },
  right: { paths: side, mirrored: true },
  top: { paths: above, mirrored: false },
  front: { paths: front, mirrored: false },
  back: { paths: back, mirrored: false },
};

/** A mark's one-letter sign on the drawing (its number is written in the list under it). */
export const damageKindLetters: Record<DamageKind, string> = { scratch: 'Z', dent: 'L', crack: 'F', missing: 'X', other: 'A' };

/** A mark's point on the whole drawing. */
export function markPoint(mark: DamageMark): { x: number; y: number } {
  const box = carViewLayout[mark.view];
  return { x: box.x + mark.x * box.width, y: box.y + mark.y * box.height };
}

const r = (n: number) => Math.round(n * 10) / 10;

/** Seven-segment strokes of each digit: the numbers on the drawing need no font (the PDF's SVG has none). */
const segments: Record<string, readonly [number, number, number, number]> = {
  a: [0, 0, 1, 0], b: [1, 0, 1, 1], c: [1, 1, 1, 2], d: [0, 2, 1, 2], e: [0, 1, 0, 2], f: [0, 0, 0, 1], g: [0, 1, 1, 1],
};
const digitSegments = ['abcdef', 'bc', 'abged', 'abgcd', 'fgbc', 'afgcd', 'afgedc', 'abc', 'abcdefg', 'abcdfg'].map((s) => s.split(''));

/** Path data writing `n` centred on (cx, cy), each digit `w` wide and twice as high. */
export function numberPath(n: number, cx: number, cy: number, w = 2.6): string {
  const digits = String(Math.max(0, Math.trunc(n)));
  const gap = w * 0.7;
  const width = digits.length * w + (digits.length - 1) * gap;
  return digits.split('').map((ch, i) => {
    const x0 = cx - width / 2 + i * (w + gap);
    const y0 = cy - w;
    return (digitSegments[Number(ch)] ?? []).map((name) => {
      const [x1, y1, x2, y2] = segments[name] ?? [0, 0, 0, 0];
      return `M${r(x0 + x1 * w)} ${r(y0 + y1 * w)}L${r(x0 + x2 * w)} ${r(y0 + y2 * w)}`;
    }).join('');
  }).join('');
}

/**
 * The outline with its numbered marks as one SVG document (for the PDF). Only numbers and the fixed
 * shapes above go into it: the marks' notes are listed beside the drawing, not drawn.
 */
export function carOutlineSvg(marks: readonly DamageMark[]): string {
  const views = carViews.map((view) => {
    const box = carViewLayout[view];
    const { paths, mirrored } = carViewPaths[view];
    const transform = mirrored ? `translate(${box.x + box.width} ${box.y}) scale(-1 1)` : `translate(${box.x} ${box.y})`;
    return `<g transform="${transform}" fill="none" stroke="#6b7280" stroke-width="1.2">${paths.map((d) => `<path d="${d}"/>`).join('')}</g>`;
  });
  const dots = marks.map((m, i) => {
    const p = markPoint(m);
    return `<circle cx="${r(p.x)}" cy="${r(p.y)}" r="6" fill="#dc2626"/><path d="${numberPath(i + 1, p.x, p.y)}" fill="none" stroke="#ffffff" stroke-width="0.9" stroke-linecap="round"/>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${carDrawingSize.width}" height="${carDrawingSize.height}" viewBox="0 0 ${carDrawingSize.width} ${carDrawingSize.height}">${views.join('')}${dots.join('')}</svg>`;
}

/** A signature's path data as an SVG document, or null when it is not one the pad writes. */
export function signatureSvg(d: string, isValid: (d: string) => boolean): string | null {
  if (!isValid(d)) return null;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${signatureBox.width}" height="${signatureBox.height}" viewBox="0 0 ${signatureBox.width} ${signatureBox.height}"><path d="${d}" fill="none" stroke="#111827" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>`;
}
