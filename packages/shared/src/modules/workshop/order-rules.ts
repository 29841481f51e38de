import { isDecimal, multiplyMoney } from '../../money/decimal';
import type { Refusal } from '../../schema/refusals';
import { workshopRefusals } from './refusals';

const { refuse } = workshopRefusals;

/** The life of a repair order: DRAFT → VALIDAT → FACTURAT, with VALIDAT → DRAFT to reopen it. */
export const orderStatuses = ['DRAFT', 'VALIDAT', 'FACTURAT'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export const lineKinds = ['manopera', 'material'] as const;
export type LineKind = (typeof lineKinds)[number];

/** What a line's total is made of (labour: hours × hourly rate; material: quantity × unit price). */
export type LineAmounts = {
  tip: LineKind;
  ore: string | null;
  pret_ora: number | null;
  cantitate: string | null;
  pret_unitar: number | null;
};

export type OrderTotals = { total_manopera: number; total_materiale: number; total_general: number };

/** The customer's answer to a line of the estimate (through the client portal), set by the server only. */
export const lineDecisions = ['aprobat', 'respins'] as const;
export type LineDecision = (typeof lineDecisions)[number];

/** A line the customer declined is not part of the order: it leaves the totals, the deviz and the invoice. */
export function lineCounts(line: { decizie_client?: LineDecision | null }): boolean {
  return line.decizie_client !== 'respins';
}

/** What a line says to the customer: a change of any of these makes its decision void (and the estimate a new version). */
export const lineContentColumns = ['tip', 'descriere', 'ore', 'pret_ora', 'um', 'cantitate', 'pret_unitar', 'total'] as const;

/** True when the two copies of a line differ in what the customer decided on. */
export function lineContentChanged(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  return lineContentColumns.some((c) => (a[c] ?? null) !== (b[c] ?? null));
}

/** Why the line's figures cannot make a total, or null. */
export function lineAmountsError(line: LineAmounts): Refusal | null {
  if (line.tip === 'manopera') {
    if (line.ore === null || !isDecimal(line.ore) || line.pret_ora === null) return refuse('line.labour_amounts');
    if (line.ore.startsWith('-') || line.pret_ora < 0) return refuse('line.labour_negative');
  } else {
    if (line.cantitate === null || !isDecimal(line.cantitate) || line.pret_unitar === null) return refuse('line.material_amounts');
    if (line.pret_unitar < 0) return refuse('line.price_negative');
  }
  return null;
}

/** The line's total in bani, exact: hours × rate or quantity × unit price, rounded once. */
export function lineTotal(line: LineAmounts): number {
  if (lineAmountsError(line)) return 0;
  return line.tip === 'manopera' ? multiplyMoney(line.ore ?? '0', line.pret_ora ?? 0) : multiplyMoney(line.cantitate ?? '0', line.pret_unitar ?? 0);
}

/** The order's totals from its (not deleted) lines, without those the customer declined. */
export function orderTotals(lines: readonly (LineAmounts & { total?: number; decizie_client?: LineDecision | null })[]): OrderTotals {
  let labour = 0;
  let materials = 0;
  for (const l of lines) {
    if (!lineCounts(l)) continue;
    const total = lineTotal(l);
    if (l.tip === 'manopera') labour += total;
    else materials += total;
  }
  return { total_manopera: labour, total_materiale: materials, total_general: labour + materials };
}

const transitions: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  DRAFT: ['VALIDAT'],
  VALIDAT: ['DRAFT', 'FACTURAT'],
  FACTURAT: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return from === to || transitions[from].includes(to);
}

/** The status changes a person can ask for on an order (FACTURAT comes from issuing its invoice). */
export function nextStatuses(from: OrderStatus): OrderStatus[] {
  return transitions[from].filter((s) => s !== 'FACTURAT');
}

/** Only a draft's lines and details can change. */
export function isEditable(status: OrderStatus): boolean {
  return status === 'DRAFT';
}
