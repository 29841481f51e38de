import { expect } from 'vitest';
import { newId } from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import type { TestApp } from './test-app';
import { bearer, registerCompany } from './sessions';

/** A company with an owner and two mechanics, each mechanic linked to a row of the mechanics catalog. */
export async function shopWithMechanics(t: TestApp, admin: Session, mechanics = 2) {
  const owner = await registerCompany(t.app);
  const tenantId = owner.tenant?.id ?? '';
  const limits = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${tenantId}/entitlements`, headers: bearer(admin), payload: { limits: { maxUsers: mechanics + 1 } } });
  expect(limits.statusCode).toBe(200);
  const people: Session[] = [];
  for (let i = 0; i < mechanics; i++) {
    const inv = await t.app.inject({ method: 'POST', url: '/api/users/invitations', headers: bearer(owner), payload: { email: `mecanic${i}-${newId()}@x.ro`, role: 'mechanic' } });
    expect(inv.statusCode).toBe(201);
    const accepted = await t.app.inject({ method: 'POST', url: '/api/auth/accept-invitation', payload: { token: inv.json<{ token: string }>().token, password: 'Cheie-Franceza-12', name: `Mecanic ${i}` } });
    expect(accepted.statusCode).toBe(201);
    people.push(accepted.json<Session>());
  }
  return { owner, mechanics: people };
}

export const newOrder = (patch: Record<string, unknown> = {}) => ({
  data_comanda: '2026-11-23', status: 'DRAFT', nr_auto: 'CT 10 ABC', client_nume: 'Ion Ionescu', total_manopera: 0, total_materiale: 0, total_general: 0, ...patch,
});
export const line = (orderId: string, descriere = 'Schimb ulei') => ({ order_id: orderId, tip: 'manopera', descriere, ore: '1', pret_ora: 10000, total: 10000, ordine: 0 });
