import { countSegments, normalizePhone, shopDate, smsMessagesTable, type SmsRefusalReason } from '@roaauto/shared';
import { smsInMonth } from '../../core/billing/usage';
import { touchDerived, type SyncHook } from '../../sync/hooks';
import type { Row } from '../../sync/sync.store';
import { kickDispatchers } from './dispatcher';

/** The shop's calendar month (`YYYY-MM`) of a moment: what `maxSmsPerMonth` counts in. */
export function smsMonth(at: string | Date): string {
  return shopDate(typeof at === 'string' ? new Date(at) : at).slice(0, 7);
}

/**
 * The server's part of a push that writes messages. Each new queued message is either refused here
 * (status `refused` with its reason: the number asked for no SMS, the month's limit is reached, the
 * number is not a mobile one) or claimed: a row of `sms_sends` keyed by the message's id, in the
 * push's own transaction, so a message is claimed once however often it is pushed and whichever server
 * process takes the push. The claim is sent after the commit (`afterCommit`), by the dispatcher.
 */
export const smsSyncHook: SyncHook = async (ctx) => {
  const { tx, touched, state, now } = ctx;
  const fresh = [...touched.entries()].filter(([, t]) => t.def.name === smsMessagesTable.name && t.isNew && t.row.status === 'queued' && !t.row.deleted_at);
  if (!fresh.length) return;

  const phones = new Map(fresh.map(([key, t]) => [key, normalizePhone(String(t.row.telefon))]));
  const wanted = [...new Set([...phones.values()].filter((p): p is string => p !== null))];
  const optedOut = new Set<string>();
  if (wanted.length) {
    const rows = await tx.db.selectFrom('sms_optouts').select('telefon').where('telefon', 'in', wanted).where('deleted_at', 'is', null).execute();
    for (const r of rows) optedOut.add(r.telefon);
  }
  // What this push does to the opt-outs counts too (marked, or unmarked, in the same push).
  for (const t of touched.values()) {
    if (t.def.name !== 'sms_optouts') continue;
    if (t.row.deleted_at) optedOut.delete(String(t.row.telefon));
    else optedOut.add(String(t.row.telefon));
  }

  const month = smsMonth(now);
  const max = ctx.entitlements.limits.maxSmsPerMonth ?? null;
  let used = 0;
  if (max !== null) {
    used = await smsInMonth(tx, month);
  }

  let claimed = 0;
  for (const [key, t] of fresh) {
    const phone = phones.get(key) ?? null;
    const { segments, encoding } = countSegments(String(t.row.text));
    let reason: SmsRefusalReason | null = null;
    if (phone === null) reason = 'bad_number';
    else if (optedOut.has(phone)) reason = 'opt_out';
    else if (max !== null && used >= max) reason = 'limit';
    let row: Row = { ...t.row, segmente: segments, codare: encoding };
    if (reason || phone === null) {
      row = { ...row, status: 'refused', motiv: reason, cost: null };
    } else {
      const inserted = await tx.db.insertInto('sms_sends').values({
        message_id: t.row.id, tenant_id: tx.tenantId, state: 'pending', telefon: phone, luna: month,
        lease_until: null, attempts: 0, provider_id: null, created_at: now, updated_at: now,
      }).onConflict((oc) => oc.column('message_id').doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
      used += 1;
      claimed += 1;
      row = { ...row, status: 'sending', motiv: null, cost: null };
    }
    touchDerived(touched, key, smsMessagesTable, row, []);
    state.set(key, row);
  }
  if (claimed) ctx.afterCommit(kickDispatchers);
};
