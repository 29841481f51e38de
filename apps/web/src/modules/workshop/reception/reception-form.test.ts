import { describe, expect, it } from 'vitest';
import { isSignaturePath } from '@roaauto/shared';
import { drawingPoint, markAt, parseKm, receptionStage, sidePatch, signPatch, withMark } from './reception-form';
import { StrokeRecorder } from './signature-pad';

describe('marking damage on the outline', () => {
  it('turns a tap on the drawing into the view and the place in it', () => {
    // The drawing shown at 880 × 420 CSS pixels (twice its size), from (10, 20) on the page.
    const rect = { left: 10, top: 20, width: 880, height: 420 };
    expect(drawingPoint(10 + 215, 20 + 100, rect)).toEqual({ x: 107.5, y: 50 });
    expect(markAt({ x: 107.5, y: 50 }, 'dent')).toEqual({ view: 'left', x: 0.5, y: 0.5, kind: 'dent' });
    expect(markAt({ x: 225, y: 0 }, 'scratch')).toEqual({ view: 'right', x: 0, y: 0, kind: 'scratch' });
    expect(markAt({ x: 440, y: 210 }, 'crack')).toEqual({ view: 'back', x: 1, y: 1, kind: 'crack' });
    expect(markAt({ x: 375, y: 160 }, 'other')).toEqual({ view: 'back', x: 0.35, y: 0.5, kind: 'other' });
    expect(markAt({ x: 100, y: 160 }, 'missing')?.view).toBe('top');
    expect(markAt({ x: 275, y: 160 }, 'missing')?.view).toBe('front');
    // Between the views: nothing.
    expect(markAt({ x: 220, y: 50 }, 'dent')).toBeNull();
    expect(markAt({ x: 100, y: 105 }, 'dent')).toBeNull();
  });

  it('stops adding marks at the sheet\'s limit', () => {
    const m = { view: 'top' as const, x: 0.1, y: 0.1, kind: 'dent' as const };
    expect(withMark([m, m], m, 2)).toHaveLength(2);
    expect(withMark([m], m, 2)).toHaveLength(2);
  });
});

describe('the sheet\'s fields', () => {
  it('reads km as people type them and refuses the rest', () => {
    expect(parseKm('123.456')).toEqual({ value: 123_456 });
    expect(parseKm(' 98 000 ')).toEqual({ value: 98_000 });
    expect(parseKm('')).toEqual({ value: null });
    expect(parseKm('12,5').error).toBe('workshop.reception.errors.km');
    expect(parseKm('12345678').error).toBe('workshop.reception.errors.km');
  });

  it('makes the row\'s changes of a side, requests only at intake', () => {
    expect(sidePatch('intake', { km: '120000', fuel: 3, notes: '  ' }, { requests: ' Frâne ' })).toEqual({
      patch: { intake_km: 120_000, intake_fuel: 3, intake_notes: null, customer_requests: 'Frâne' }, errors: {},
    });
    expect(sidePatch('handback', { km: '', fuel: 9, notes: 'Spălată' })).toEqual({ patch: { handback_km: null, handback_fuel: 8, handback_notes: 'Spălată' }, errors: {} });
    expect(sidePatch('intake', { km: 'abc', fuel: null, notes: '' })).toEqual({ patch: {}, errors: { km: 'workshop.reception.errors.km' } });
  });

  it('signs with the path, the name and the time, and needs both', () => {
    const now = new Date('2026-11-23T09:30:00Z');
    expect(signPatch('intake', 'M1 1L5 5', ' Ion Pop ', now)).toEqual({ patch: { intake_signature: 'M1 1L5 5', intake_signed_by: 'Ion Pop', intake_signed_at: '2026-11-23T09:30:00.000Z' } });
    expect(signPatch('handback', 'M1 1L5 5', ' ', now)).toEqual({ error: 'workshop.reception.errors.signerName' });
    expect(signPatch('handback', '', 'Ion', now)).toEqual({ error: 'workshop.reception.errors.signature' });
  });

  it('knows which part of the sheet is open', () => {
    expect(receptionStage(null)).toBe('intake');
    expect(receptionStage({ intake_signed_at: null, handback_signed_at: null })).toBe('intake');
    expect(receptionStage({ intake_signed_at: 'x', handback_signed_at: null })).toBe('handback');
    expect(receptionStage({ intake_signed_at: 'x', handback_signed_at: 'y' })).toBe('done');
  });
});

describe('the signature pad', () => {
  it('records strokes in the box\'s units, thins close points and leaves out dots', () => {
    const pad = new StrokeRecorder(2);
    expect(pad.isEmpty).toBe(true);
    // A pad 300 × 100 CSS pixels: half the box's size.
    pad.start(StrokeRecorder.toBox(5, 5, 300, 100));
    expect(pad.move(StrokeRecorder.toBox(5.4, 5.4, 300, 100))).toBe(false);
    expect(pad.move(StrokeRecorder.toBox(20, 30, 300, 100))).toBe(true);
    pad.end();
    pad.start({ x: 100, y: 100 });
    pad.end();
    expect(pad.isEmpty).toBe(false);
    expect(pad.path()).toBe('M10 10L40 60');
    expect(isSignaturePath(pad.path())).toBe(true);
    pad.clear();
    expect(pad.isEmpty).toBe(true);
    expect(pad.path()).toBe('');
  });
});
