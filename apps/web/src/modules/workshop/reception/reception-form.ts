import { carDrawingSize, carViewLayout, carViews, fuelEighths, isSignaturePath, type CarView, type DamageKind, type DamageMark } from '@roaauto/shared';

/**
 * The reception sheet's form: what a tap on the car's outline marks, the fields as typed and the
 * changes they make to the `vehicle_receptions` row, and which part of the sheet is open.
 */

/** A point of the outline's drawing (its own 440 × 210 units) from a tap on the element showing it. */
export function drawingPoint(clientX: number, clientY: number, rect: { left: number; top: number; width: number; height: number }): { x: number; y: number } {
  return { x: ((clientX - rect.left) / rect.width) * carDrawingSize.width, y: ((clientY - rect.top) / rect.height) * carDrawingSize.height };
}

/** The mark a tap at a drawing point makes: the view it falls in and where in it; null between views. */
export function markAt(point: { x: number; y: number }, kind: DamageKind): DamageMark | null {
  for (const view of carViews) {
    const box = carViewLayout[view];
    if (point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height) {
      const round = (n: number) => Math.round(n * 1000) / 1000;
      return { view, x: round((point.x - box.x) / box.width), y: round((point.y - box.y) / box.height), kind };
    }
  }
  return null;
}

/** The marks with one more (at most the sheet's limit: the last tap is then ignored). */
export function withMark(marks: readonly DamageMark[], mark: DamageMark, max = 60): DamageMark[] {
  return marks.length >= max ? [...marks] : [...marks, mark];
}

export type SideForm = { km: string; fuel: number | null; notes: string };
export type SideErrors = { km?: string };

/** Km as typed ("123.456", "123 456") → a whole number, null when empty; an error key otherwise. */
export function parseKm(text: string): { value: number | null; error?: string } {
  const t = text.replace(/[\s.]/g, '');
  if (!t) return { value: null };
  if (!/^\d{1,7}$/.test(t)) return { value: null, error: 'workshop.reception.errors.km' };
  return { value: Number(t) };
}

export type ReceptionRow = {
  id: string;
  intake_km: number | null; intake_fuel: number | null; damage_marks: string; customer_requests: string | null; intake_notes: string | null;
  intake_signature: string | null; intake_signed_by: string | null; intake_signed_at: string | null;
  handback_km: number | null; handback_fuel: number | null; handback_notes: string | null;
  handback_signature: string | null; handback_signed_by: string | null; handback_signed_at: string | null;
};

/** Where the sheet is: intake being filled in, hand-back being filled in, or both signed. */
export function receptionStage(row: Pick<ReceptionRow, 'intake_signed_at' | 'handback_signed_at'> | null): 'intake' | 'handback' | 'done' {
  if (!row?.intake_signed_at) return 'intake';
  return row.handback_signed_at ? 'done' : 'handback';
}

const text = (s: string) => (s.trim() ? s.trim() : null);

/** The row's changes for one side as typed, or the field errors (message keys). */
export function sidePatch(side: 'intake' | 'handback', form: SideForm, extra: { requests?: string } = {}): { patch: Record<string, unknown>; errors: SideErrors } {
  const km = parseKm(form.km);
  if (km.error) return { patch: {}, errors: { km: km.error } };
  const fuel = form.fuel === null ? null : Math.min(fuelEighths, Math.max(0, Math.round(form.fuel)));
  const patch: Record<string, unknown> = { [`${side}_km`]: km.value, [`${side}_fuel`]: fuel, [`${side}_notes`]: text(form.notes) };
  if (side === 'intake' && extra.requests !== undefined) patch.customer_requests = text(extra.requests);
  return { patch, errors: {} };
}

/** The signature's changes: the pad's path, the signer, the time. An error key when something is missing. */
export function signPatch(side: 'intake' | 'handback', path: string, name: string, now: Date): { patch: Record<string, unknown> } | { error: string } {
  if (!name.trim()) return { error: 'workshop.reception.errors.signerName' };
  if (!isSignaturePath(path)) return { error: 'workshop.reception.errors.signature' };
  return { patch: { [`${side}_signature`]: path, [`${side}_signed_by`]: name.trim(), [`${side}_signed_at`]: now.toISOString() } };
}

/** The form of one side from the stored row. */
export function sideForm(row: ReceptionRow | null, side: 'intake' | 'handback'): SideForm {
  if (!row) return { km: '', fuel: null, notes: '' };
  const km = side === 'intake' ? row.intake_km : row.handback_km;
  return { km: km === null ? '' : String(km), fuel: side === 'intake' ? row.intake_fuel : row.handback_fuel, notes: (side === 'intake' ? row.intake_notes : row.handback_notes) ?? '' };
}

export const markViews: readonly CarView[] = carViews;
