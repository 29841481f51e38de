import { describe, expect, it } from 'vitest';
import { can, type CompanyRole, type Permission } from '@roaauto/shared';
import { canAssignOrders, mechanicName, mechanicNames, mechanicOptions, orderReach, ownMechanic, type MechanicRow } from './mechanics';

const as = (role: CompanyRole) => (p: Permission) => can(role, p);
const m = (id: string, nume: string, prenume: string | null, over: Partial<MechanicRow> = {}): MechanicRow => ({ id, nume, prenume, activ: 1, user_id: null, ...over });

describe("orders' mechanics", () => {
  it('the owner, an admin and a dispatcher read every order; a mechanic reads those assigned to them; a driver none', () => {
    expect(orderReach(as('owner'))).toBe('all');
    expect(orderReach(as('admin'))).toBe('all');
    expect(orderReach(as('dispatcher'))).toBe('all');
    expect(orderReach(as('accountant'))).toBe('all');
    expect(orderReach(as('mechanic'))).toBe('assigned');
    expect(orderReach(as('driver'))).toBe('none');
    // Without an account the person at the device is the owner.
    expect(orderReach(() => true)).toBe('all');
  });

  it('who assigns orders reads them all and may change them; a mechanic or a dispatcher (who cannot change orders) does not', () => {
    expect(canAssignOrders(as('owner'))).toBe(true);
    expect(canAssignOrders(as('admin'))).toBe(true);
    expect(canAssignOrders(as('mechanic'))).toBe(false);
    expect(canAssignOrders(as('dispatcher'))).toBe(false);
    expect(canAssignOrders(as('accountant'))).toBe(false);
  });

  it('a user is the mechanic row linked to their account, an active one first', () => {
    const rows = [m('a', 'Pop', 'Ana', { user_id: 'u1', activ: 0 }), m('b', 'Pop', 'Ana', { user_id: 'u1' }), m('c', 'Ionescu', null, { user_id: 'u2' })];
    expect(ownMechanic(rows, 'u1')?.id).toBe('b');
    expect(ownMechanic(rows, 'u2')?.id).toBe('c');
    expect(ownMechanic(rows.slice(0, 1), 'u1')?.id).toBe('a');
    expect(ownMechanic(rows, 'u3')).toBeNull();
    expect(ownMechanic(rows, null)).toBeNull();
    expect(ownMechanic([m('x', 'Fără', null)], undefined)).toBeNull();
  });

  it("offers the active mechanics by name, and the order's own even when deactivated", () => {
    const rows = [m('z', 'Zăvoianu', 'Ion'), m('a', 'Albu', null), m('old', 'Vechi', 'Dan', { activ: 0 }), m('s', 'Șerban', 'Ana')];
    expect(mechanicOptions(rows, null).map((o) => o.name)).toEqual(['Albu', 'Șerban Ana', 'Zăvoianu Ion']);
    expect(mechanicOptions(rows, 'old')).toContainEqual({ id: 'old', name: 'Vechi Dan', activ: false });
    expect(mechanicName({ nume: 'Pop', prenume: '' })).toBe('Pop');
    expect(mechanicNames(rows).get('s')).toBe('Șerban Ana');
  });
});
