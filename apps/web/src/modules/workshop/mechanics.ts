import type { Permission } from '@roaauto/shared';

/**
 * The shop's mechanics (`mecanici`) as the orders pages use them: who a person is among them, which
 * orders they read, and the choices of an order's "Mechanic" field.
 */

/** A `mecanici` row as the pages read it. */
export type MechanicRow = { id: string; nume: string; prenume: string | null; activ: number; user_id: string | null };

/** The orders a person reads: all of them, those assigned to them (a mechanic), or none. */
export type OrderReach = 'all' | 'assigned' | 'none';

export function orderReach(allowed: (p: Permission) => boolean): OrderReach {
  if (allowed('orders.read')) return 'all';
  return allowed('orders.read_assigned') ? 'assigned' : 'none';
}

/**
 * Whether a person may choose an order's mechanic: they read every order (so they see who works on
 * what) and may change orders. A mechanic sees who an order is assigned to and cannot move it.
 */
export function canAssignOrders(allowed: (p: Permission) => boolean): boolean {
  return allowed('orders.read') && allowed('orders.write');
}

/** "nume prenume". */
export function mechanicName(m: Pick<MechanicRow, 'nume' | 'prenume'>): string {
  return [m.nume, m.prenume].filter(Boolean).join(' ');
}

const collator = new Intl.Collator('ro', { sensitivity: 'base' });

/** The mechanic row of a user account (an active one before an inactive one), or null. */
export function ownMechanic(rows: readonly MechanicRow[], userId: string | null | undefined): MechanicRow | null {
  if (!userId) return null;
  const mine = rows.filter((m) => m.user_id === userId);
  return mine.find((m) => m.activ === 1) ?? mine[0] ?? null;
}

export type MechanicOption = { id: string; name: string; activ: boolean };

/**
 * The choices of an order's mechanic: the active mechanics by name, and the one the order has even
 * if it was deactivated since (so the field still shows who it is).
 */
export function mechanicOptions(rows: readonly MechanicRow[], currentId: string | null): MechanicOption[] {
  return rows
    .filter((m) => m.activ === 1 || m.id === currentId)
    .map((m) => ({ id: m.id, name: mechanicName(m), activ: m.activ === 1 }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Names by id, for lists that show each order's mechanic. */
export function mechanicNames(rows: readonly MechanicRow[]): Map<string, string> {
  return new Map(rows.map((m) => [m.id, mechanicName(m)]));
}
