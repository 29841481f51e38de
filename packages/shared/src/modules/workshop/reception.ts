import { z } from 'zod';

/**
 * The vehicle reception sheet's values that are more than a column: the damage marked on the car's
 * outline (kept as JSON text in `vehicle_receptions.damage_marks`) and a drawn signature (SVG path data).
 */

export const carViews = ['left', 'right', 'top', 'front', 'back'] as const;
export type CarView = (typeof carViews)[number];
export const damageKinds = ['scratch', 'dent', 'crack', 'missing', 'other'] as const;
export type DamageKind = (typeof damageKinds)[number];
export const receptionSides = ['intake', 'hand-back'] as const;
export type ReceptionSide = (typeof receptionSides)[number];

/** Fuel is read off the gauge in eighths: 0 (empty) to 8 (full). */
export const fuelEighths = 8;
/** The most marks one sheet holds, and the longest note of one. */
export const maxDamageMarks = 60;
export const maxMarkNote = 200;

/** One mark: where on which view (0..1 from the view's left and top edge), what kind, an optional note. */
export type DamageMark = { view: CarView; x: number; y: number; kind: DamageKind; note?: string | undefined };

const unit = z.number().min(0).max(1);
export const damageMarkSchema = z.object({
  view: z.enum(carViews),
  x: unit,
  y: unit,
  kind: z.enum(damageKinds),
  note: z.string().max(maxMarkNote).optional(),
}).strict();
export const damageMarksSchema = z.array(damageMarkSchema).max(maxDamageMarks);

/** The marks stored in a sheet's text, or null when the text is not a valid list of marks. */
export function parseDamageMarks(text: string): DamageMark[] | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = damageMarksSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The text a sheet stores for `marks`: coordinates rounded to 1/1000, short and stable. */
export function serializeDamageMarks(marks: readonly DamageMark[]): string {
  const round = (n: number) => Math.round(Math.min(1, Math.max(0, n)) * 1000) / 1000;
  return JSON.stringify(marks.map((m) => ({ view: m.view, x: round(m.x), y: round(m.y), kind: m.kind, ...(m.note?.trim() ? { note: m.note.trim() } : {}) })));
}

/** The signature pad's box: path coordinates are whole numbers within it. */
export const signatureBox = { width: 600, height: 200 } as const;
/** The longest signature kept (characters of path data): a few thousand points. */
export const maxSignatureLength = 16_000;

/**
 * Whether `d` is a signature as the pad writes it: strokes of `M x y` followed by `L x y` points
 * ("M12 40L14 41L18 44M…"), whole numbers inside the pad's box. Nothing else is accepted, so the text
 * can be drawn into an SVG (the PDF, the portal) without escaping anything.
 */
export function isSignaturePath(d: string): boolean {
  if (d.length === 0 || d.length > maxSignatureLength) return false;
  if (!/^(?:M\d{1,3} \d{1,3}(?:L\d{1,3} \d{1,3})*)+$/.test(d)) return false;
  for (const [, x, y] of d.matchAll(/[ML](\d+) (\d+)/g)) {
    if (Number(x) > signatureBox.width || Number(y) > signatureBox.height) return false;
  }
  return true;
}

/** Strokes of points as the pad's path data, each point rounded into the box. */
export function signaturePath(strokes: readonly (readonly { x: number; y: number }[])[]): string {
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, Math.round(v)));
  return strokes
    .filter((s) => s.length > 0)
    .map((s) => s.map((p, i) => `${i === 0 ? 'M' : 'L'}${clamp(p.x, signatureBox.width)} ${clamp(p.y, signatureBox.height)}`).join(''))
    .join('');
}
