import { describe, expect, it } from 'vitest';
import { newId } from '../../ids';
import { orderPhotosTable, vehicleReceptionsTable } from './photos.tables';
import { isSignaturePath, parseDamageMarks, serializeDamageMarks, signaturePath, type DamageMark } from './reception';

const stamp = '2026-11-23T10:00:00.000Z';
const order = { id: newId(), status: 'DRAFT', deleted_at: null };
const reception = (patch: Record<string, unknown> = {}) => ({
  id: newId(), created_at: stamp, updated_at: stamp, order_id: order.id, intake_km: 120_000, intake_fuel: 4, damage_marks: '[]',
  customer_requests: null, intake_notes: null, intake_signature: null, intake_signed_by: null, intake_signed_at: null,
  handback_km: null, handback_fuel: null, handback_notes: null, handback_signature: null, handback_signed_by: null, handback_signed_at: null, ...patch,
});
const photo = (patch: Record<string, unknown> = {}) => ({
  id: newId(), created_at: stamp, updated_at: stamp, order_id: order.id, line_id: null, reception_id: null, reception_side: null, caption: null,
  content_type: 'image/jpeg', width: 1600, height: 1200, bytes: 123_456, uploaded: 0, ...patch,
});
const checkReception = (row: Record<string, unknown>, previous: Record<string, unknown> | null = null, deleting = false, parent: Record<string, unknown> | null = order) =>
  vehicleReceptionsTable.check?.({ row: row as never, previous: previous as never, parent, deleting, clientId: 'device' })?.code ?? null;
const checkPhoto = (row: Record<string, unknown>, previous: Record<string, unknown> | null = null, deleting = false, parent: Record<string, unknown> | null = order) =>
  orderPhotosTable.check?.({ row: row as never, previous: previous as never, parent, deleting, clientId: 'device' })?.code ?? null;
const signed = { intake_signature: 'M10 10L20 20', intake_signed_by: 'Ion Ionescu', intake_signed_at: stamp };

describe('damage marks', () => {
  const mark: DamageMark = { view: 'left', x: 0.25, y: 0.5, kind: 'scratch', note: 'Aripa stângă față' };

  it('reads back what it writes, rounded to a thousandth, notes trimmed and empty notes left out', () => {
    const text = serializeDamageMarks([{ ...mark, x: 0.123456, note: '  Aripa  ' }, { view: 'top', x: 1.2, y: -0.1, kind: 'dent', note: ' ' }]);
    expect(parseDamageMarks(text)).toEqual([{ view: 'left', x: 0.123, y: 0.5, kind: 'scratch', note: 'Aripa' }, { view: 'top', x: 1, y: 0, kind: 'dent' }]);
    expect(parseDamageMarks('[]')).toEqual([]);
  });

  it('refuses text that is not a list of valid marks', () => {
    for (const bad of [
      '', 'nu e json', '{}', 'null', '[1]',
      JSON.stringify([{ ...mark, view: 'roof' }]),
      JSON.stringify([{ ...mark, kind: 'rust' }]),
      JSON.stringify([{ ...mark, x: 1.01 }]),
      JSON.stringify([{ ...mark, y: -0.01 }]),
      JSON.stringify([{ ...mark, note: 'x'.repeat(201) }]),
      JSON.stringify([{ ...mark, extra: true }]),
      JSON.stringify(Array.from({ length: 61 }, () => mark)),
    ]) expect(parseDamageMarks(bad), bad.slice(0, 60)).toBeNull();
  });
});

describe('signatures', () => {
  it('writes strokes as path data inside the pad and accepts only that', () => {
    const d = signaturePath([[{ x: 10.4, y: 20.6 }, { x: 30, y: 40 }], [], [{ x: -5, y: 900 }, { x: 700, y: 5 }]]);
    expect(d).toBe('M10 21L30 40M0 200L600 5');
    expect(isSignaturePath(d)).toBe(true);
    for (const bad of ['', 'L10 10', 'M10', 'M10 10 L20 20', 'M601 10', 'M10 201', 'M10 10Z', 'M10 10"/><script>', 'M-1 10', `M1 1${'L1 1'.repeat(4000)}`]) {
      expect(isSignaturePath(bad), bad.slice(0, 40)).toBe(false);
    }
  });
});

describe('vehicle reception rule', () => {
  it('takes a new sheet and its marks, refuses bad marks, a lone signature and a missing order', () => {
    expect(checkReception(reception())).toBeNull();
    expect(checkReception(reception({ damage_marks: serializeDamageMarks([{ view: 'front', x: 0.5, y: 0.5, kind: 'crack' }]) }))).toBeNull();
    expect(checkReception(reception({ damage_marks: '[{"view":"roof"}]' }))).toBe('reception.marks_invalid');
    expect(checkReception(reception(signed))).toBeNull();
    expect(checkReception(reception({ ...signed, intake_signed_by: ' ' }))).toBe('reception.signature_incomplete');
    expect(checkReception(reception({ ...signed, intake_signed_at: null }))).toBe('reception.signature_incomplete');
    expect(checkReception(reception({ ...signed, intake_signature: 'M1 1 L<script>' }))).toBe('reception.signature_invalid');
    expect(checkReception(reception(), null, false, null)).toBe('reception.order_missing');
    expect(checkReception(reception(), null, false, { ...order, deleted_at: stamp })).toBe('reception.order_missing');
  });

  it('freezes a signed side, keeps the hand-back after the intake and its km not below', () => {
    const stored = reception(signed);
    expect(checkReception({ ...stored, intake_km: 130_000 }, stored)).toBe('reception.signed');
    expect(checkReception({ ...stored, damage_marks: serializeDamageMarks([{ view: 'back', x: 0.1, y: 0.1, kind: 'dent' }]) }, stored)).toBe('reception.signed');
    expect(checkReception(stored, stored, true)).toBe('reception.signed');
    expect(checkReception(reception(), reception(), true)).toBeNull();
    expect(checkReception({ ...stored, handback_km: 120_300, handback_fuel: 2 }, stored)).toBeNull();
    expect(checkReception({ ...stored, handback_km: 119_000 }, stored)).toBe('reception.handback_km');
    const handback = { handback_signature: 'M1 1L2 2', handback_signed_by: 'Ion Ionescu', handback_signed_at: stamp };
    expect(checkReception(reception(handback))).toBe('reception.handback_before_intake');
    const closed = { ...stored, ...handback };
    expect(checkReception(closed, stored)).toBeNull();
    expect(checkReception({ ...closed, handback_notes: 'altceva' }, closed)).toBe('reception.signed');
    expect(checkReception({ ...stored, order_id: newId() }, stored)).toBe('reception.moved');
  });
});

describe('order photos rule', () => {
  it('takes a photo of an order, a line or a reception side; only the server marks it uploaded', () => {
    expect(checkPhoto(photo())).toBeNull();
    expect(checkPhoto(photo({ line_id: newId(), caption: 'Disc uzat' }))).toBeNull();
    expect(checkPhoto(photo({ reception_id: newId(), reception_side: 'intake' }))).toBeNull();
    expect(checkPhoto(photo({ reception_id: newId() }))).toBe('photo.reception_side');
    expect(checkPhoto(photo({ reception_side: 'hand-back' }))).toBe('photo.reception_side');
    expect(checkPhoto(photo({ uploaded: 1 }))).toBe('photo.uploaded_by_server');
    const uploaded = photo({ uploaded: 1 });
    expect(checkPhoto({ ...uploaded, caption: 'Altă descriere' }, uploaded)).toBeNull();
    expect(checkPhoto({ ...uploaded, uploaded: 0 }, uploaded)).toBe('photo.uploaded_by_server');
    expect(checkPhoto({ ...uploaded, bytes: 1 }, uploaded)).toBe('photo.file_changed');
    expect(checkPhoto({ ...uploaded, order_id: newId() }, uploaded)).toBe('photo.moved');
    expect(checkPhoto(uploaded, uploaded, true)).toBeNull();
    expect(checkPhoto(photo(), null, false, null)).toBe('photo.order_missing');
  });
});
