import { invoiceBalance, lei, paymentsTable } from '@roaauto/shared';
import { touchDerived, type SyncHook } from '../../sync/hooks';
import type { Row } from '../../sync/sync.store';

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Why the server cancels a payment that arrives when the invoice is already paid (two devices offline). */
export const overpaymentReason = (left: number) => `Anulată de server: depășește restul de plată al facturii (${lei(left)}) la sosire`;

/**
 * What is left to pay, checked when payments arrive. A device checks it before it writes, but two
 * devices offline can each record a payment of what they believed was left. A payment whose amount is
 * more than what is left on the server when it arrives (its invoice's total less its credit notes and
 * the payments stored or arrived before it) is kept but cancelled, with the reason: its receipt, if it
 * has one, keeps its number, so the receipt series stays continuous, and the invoice shows it.
 */
export const paymentsSyncHook: SyncHook = async ({ tx, store, state, touched, version, now, clientId }) => {
  const fresh = [...touched.entries()].filter(([, t]) => t.def.name === 'payments' && t.isNew && !t.row.anulata_la);
  if (!fresh.length) return;
  const invoiceIds = [...new Set(fresh.map(([, t]) => String(t.row.factura_id)))];
  const invoices = new Map<string, Row>();
  for (const id of invoiceIds) {
    const row = state.get(`invoices:${id}`) ?? (await store.loadRows(tx, 'invoices', [id]))[0];
    if (row) invoices.set(id, row);
  }
  const credits = await store.loadChildren(tx, 'invoices', 'storno_de_id', invoiceIds);
  const storedPayments = await store.loadChildren(tx, 'payments', 'factura_id', invoiceIds);
  const freshKeys = new Set(fresh.map(([key]) => key));
  for (const id of invoiceIds) {
    const invoice = invoices.get(id);
    if (!invoice) continue;
    const notes = new Map<string, Row>();
    for (const c of credits) if (c.storno_de_id === id && !c.deleted_at) notes.set(c.id, c);
    for (const t of touched.values()) if (t.def.name === 'invoices' && t.row.storno_de_id === id) notes.set(t.row.id, t.row);
    // Payments that counted before this push, then this push's in the order they came.
    const counted: { suma: number; anulata_la: string | null }[] = storedPayments
      .filter((p) => p.factura_id === id && !p.deleted_at && !freshKeys.has(`payments:${p.id}`))
      .map((p) => ({ suma: num(p.suma), anulata_la: str(p.anulata_la) }));
    for (const [key, t] of fresh) {
      if (t.row.factura_id !== id) continue;
      const { left } = invoiceBalance(
        { total_general: num(invoice.total_general), data_scadenta: null },
        [...notes.values()].map((n) => ({ total_general: num(n.total_general) })),
        counted, '0000-00-00',
      );
      if (num(t.row.suma) <= left) {
        counted.push({ suma: num(t.row.suma), anulata_la: null });
        continue;
      }
      const next = { ...t.row, anulata_la: now, motiv_anulare: overpaymentReason(left), updated_at: now, version, last_client_id: clientId };
      touchDerived(touched, key, paymentsTable, next, [key]);
      state.set(key, next);
    }
  }
};
