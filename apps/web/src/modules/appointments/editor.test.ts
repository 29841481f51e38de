import { describe, expect, it } from 'vitest';
import type { AppointmentRow } from './calendar';
import { formOf, formProblem, newForm, overlapCheck, rowOf, saveOps, withService } from './editor';

const service = { id: 's1', nume: 'Schimb anvelope', durata_minute: 40, tip_deviz_id: 't1', online: 1, activ: 1 };

describe('the appointment editor', () => {
  it('a tap on the grid makes a form at that time and bay; the service sets the end', () => {
    const f = newForm('2026-12-07', 540, 'b1');
    expect(f).toMatchObject({ date: '2026-12-07', start: '09:00', end: '10:00', post_id: 'b1', status: 'confirmed' });
    expect(withService(f, service)).toMatchObject({ service_id: 's1', end: '09:40' });
  });

  it('needs a time that ends after it starts and a customer', () => {
    const f = newForm('2026-12-07', 540, null);
    expect(formProblem(f)).toBe('appointments.editor.problems.customer');
    expect(formProblem({ ...f, client_telefon: '0722' })).toBeNull();
    expect(formProblem({ ...f, client_nume: 'Ion', end: '08:00' })).toBe('appointments.editor.problems.time');
  });

  it('stores instants in UTC from the shop clock, the plate in capitals, empty fields as null', () => {
    const row = rowOf({ ...newForm('2026-12-07', 540, 'b1'), client_nume: ' Ion ', nr_auto: 'b 12 abc' });
    expect(row).toMatchObject({ inceput: '2026-12-07T07:00:00.000Z', sfarsit: '2026-12-07T08:00:00.000Z', data: '2026-12-07', client_nume: 'Ion', nr_auto: 'B 12 ABC', mecanic_id: null });
  });

  it('saves a new appointment as made at the shop, and only the changed columns of a stored one', () => {
    const f = { ...newForm('2026-12-07', 540, 'b1'), client_nume: 'Ion' };
    const [create] = saveOps('a1', null, f);
    expect(create).toMatchObject({ op: 'create', table: 'appointments', data: { id: 'a1', sursa: 'shop', status: 'confirmed' } });
    const stored = { id: 'a1', ...rowOf(f), sursa: 'shop', order_id: null, campaign_id: null, client_email: null } as AppointmentRow;
    expect(formOf(stored)).toEqual(f);
    expect(saveOps('a1', stored, f)).toEqual([]);
    expect(saveOps('a1', stored, { ...f, end: '10:30' })).toEqual([{ op: 'update', table: 'appointments', id: 'a1', patch: { sfarsit: '2026-12-07T08:30:00.000Z' } }]);
  });

  it('an overlap on the bay is refused or only warned, as the shop set', () => {
    const other = { id: 'x', ...rowOf({ ...newForm('2026-12-07', 570, 'b1'), client_nume: 'Ana' }), sursa: 'online', order_id: null, campaign_id: null, client_email: null } as AppointmentRow;
    const mine = rowOf({ ...newForm('2026-12-07', 540, 'b1'), client_nume: 'Ion' });
    expect(overlapCheck('a1', mine, [other], 'refuse')).toEqual({ clashes: [other], blocked: true });
    expect(overlapCheck('a1', mine, [other], 'warn')).toEqual({ clashes: [other], blocked: false });
    expect(overlapCheck('a1', { ...mine, post_id: 'b2' }, [other], 'refuse').clashes).toEqual([]);
  });
});
