import { describe, expect, it } from 'vitest';
import { plans } from '@roaauto/shared';
import { assignableRoles, goneReason, hoursLeft, joinLink, planAllowingMore, seatState, sortedUsers, tokenFromHash, userActions, whatsappLink, type TeamUser } from './team';

describe('seats', () => {
  it('counts the seats left, full when none is', () => {
    expect(seatState({ used: 2, max: 3 })).toEqual({ kind: 'free', used: 2, max: 3, left: 1 });
    expect(seatState({ used: 3, max: 3 })).toEqual({ kind: 'full', used: 3, max: 3, left: 0 });
    // The limit was lowered below the seats in use: still full, never a negative count.
    expect(seatState({ used: 4, max: 2 })).toEqual({ kind: 'full', used: 4, max: 2, left: 0 });
    expect(seatState({ used: 7, max: null })).toEqual({ kind: 'unlimited', used: 7 });
  });

  it('names the plan that allows more people, from the shared plan table', () => {
    const basicMax = plans.basic.limits.maxUsers ?? 0;
    expect(planAllowingMore(basicMax)).toEqual({ kind: 'plan', plan: 'pro', name: plans.pro.name, maxUsers: plans.pro.limits.maxUsers });
    const proMax = plans.pro.limits.maxUsers ?? 0;
    // No plan with a list price has more seats than Pro: a contract plan does.
    expect(planAllowingMore(proMax)).toEqual({ kind: 'contract', maxUsers: plans.full.limits.maxUsers });
    expect(planAllowingMore(10_000)).toEqual({ kind: 'contract', maxUsers: null });
  });
});

describe('links', () => {
  it('puts the token in the hash of the join page', () => {
    expect(joinLink('https://app.roaauto.ro/', 'abc_DEF-123')).toBe('https://app.roaauto.ro/account/join#abc_DEF-123');
    expect(new URL(joinLink('http://localhost:3000', 'tok')).search).toBe('');
  });

  it('reads a token back from the hash, refusing what cannot be one', () => {
    expect(tokenFromHash('#abc_DEF-123')).toBe('abc_DEF-123');
    expect(tokenFromHash('abc')).toBe('abc');
    expect(tokenFromHash('#')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
    expect(tokenFromHash('#a b')).toBeNull();
    expect(tokenFromHash('#%E0%A4%A')).toBeNull();
    expect(tokenFromHash(`#${'x'.repeat(201)}`)).toBeNull();
  });

  it('builds a WhatsApp link with the whole text encoded', () => {
    const link = whatsappLink('Intrați în echipă: https://x.ro/account/join#t&u=1');
    expect(link.startsWith('https://wa.me/?text=')).toBe(true);
    expect(new URL(link).searchParams.get('text')).toBe('Intrați în echipă: https://x.ro/account/join#t&u=1');
  });

  it('knows the reasons a link stopped working', () => {
    expect(goneReason({ reason: 'used' })).toBe('used');
    expect(goneReason({ reason: 'withdrawn' })).toBe('withdrawn');
    expect(goneReason({ reason: 'expired' })).toBe('expired');
    expect(goneReason({ reason: 'other' })).toBeNull();
    expect(goneReason(undefined)).toBeNull();
  });

  it('counts the hours a link has left', () => {
    const now = new Date('2026-12-06T10:00:00Z');
    expect(hoursLeft('2026-12-08T10:00:00Z', now)).toBe(48);
    expect(hoursLeft('2026-12-06T10:30:00Z', now)).toBe(1);
    expect(hoursLeft('2026-12-06T09:00:00Z', now)).toBe(0);
  });
});

describe('who may do what', () => {
  const owner = { id: 'o', role: 'owner' };
  const admin = { id: 'a', role: 'admin' };
  const user = (id: string, role: string, active = true): TeamUser => ({ id, role, active, email: `${id}@x.ro`, name: null, lastLoginAt: null, lastSeenAt: null });

  it('never offers to change or deactivate the owner or oneself', () => {
    expect(userActions(owner, user('o', 'owner'))).toEqual({ changeRole: false, deactivate: false, reactivate: false, resetPassword: false });
    expect(userActions(admin, user('o', 'owner'))).toEqual({ changeRole: false, deactivate: false, reactivate: false, resetPassword: false });
    expect(userActions(admin, user('a', 'admin'))).toEqual({ changeRole: false, deactivate: false, reactivate: false, resetPassword: false });
  });

  it('lets the owner manage anyone else, and an admin everyone but admins', () => {
    expect(userActions(owner, user('m', 'mechanic'))).toEqual({ changeRole: true, deactivate: true, reactivate: false, resetPassword: true });
    expect(userActions(owner, user('m', 'mechanic', false))).toEqual({ changeRole: false, deactivate: false, reactivate: true, resetPassword: false });
    expect(userActions(admin, user('x', 'admin'))).toEqual({ changeRole: false, deactivate: false, reactivate: false, resetPassword: false });
    expect(userActions(admin, user('m', 'driver'))).toEqual({ changeRole: true, deactivate: true, reactivate: false, resetPassword: true });
    expect(userActions(null, user('m', 'driver'))).toEqual({ changeRole: false, deactivate: false, reactivate: false, resetPassword: false });
  });

  it('offers only the roles one may give', () => {
    expect(assignableRoles('owner')).toEqual(['admin', 'mechanic', 'dispatcher', 'driver', 'accountant']);
    expect(assignableRoles('admin')).toEqual(['mechanic', 'dispatcher', 'driver', 'accountant']);
    expect(assignableRoles('mechanic')).toEqual([]);
    expect(assignableRoles(undefined)).toEqual([]);
  });

  it('lists the owner first, then active people, then the deactivated', () => {
    const list = sortedUsers([user('z', 'mechanic', false), { ...user('b', 'driver'), name: 'Bogdan' }, user('o', 'owner'), { ...user('a', 'mechanic'), name: 'Ana' }]);
    expect(list.map((u) => u.id)).toEqual(['o', 'a', 'b', 'z']);
  });
});
