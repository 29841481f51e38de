import { countSegments, newId, normalizePhone, type SmsRefusalReason } from '@roaauto/shared';
import { smsInMonth } from '../../core/billing/usage';
import type { TenantTx } from '../../core/tenancy/tenant-scope';
import { smsMonth } from '../sms/sms.sync';

/** What became of a message: claimed for sending, or refused with the sms module's reason. */
export type SmsOutcome = { sent: true } | { sent: false; reason: SmsRefusalReason };

/**
 * A message of the booking page (the code, the confirmation) as the sms module's own server writes make
 * them (its due-date reminders): claimed in `sms_sends` in the caller's transaction, so the dispatcher
 * sends it once, or refused (a number that is not mobile, one that asked for no SMS, the month's limit).
 * Returns the `sms_messages` row for the caller's `serverWrite`; the caller wakes the dispatchers after it.
 */
export async function smsRow(
  tx: TenantTx, input: { phone: string; clientId: string | null; text: string; at: string; maxPerMonth: number | null },
): Promise<{ row: { table: string; row: Record<string, unknown>; isNew: boolean }; outcome: SmsOutcome }> {
  const id = newId();
  const phone = normalizePhone(input.phone);
  const month = smsMonth(input.at);
  let reason: SmsRefusalReason | null = phone === null ? 'bad_number' : null;
  if (!reason && phone !== null) {
    const optedOut = await tx.db.selectFrom('sms_optouts').select('id').where('telefon', '=', phone).where('deleted_at', 'is', null).executeTakeFirst();
    if (optedOut) reason = 'opt_out';
    else if (input.maxPerMonth !== null && (await smsInMonth(tx, month)) >= input.maxPerMonth) reason = 'limit';
  }
  if (!reason && phone !== null) {
    await tx.db.insertInto('sms_sends').values({
      message_id: id, tenant_id: tx.tenantId, state: 'pending', telefon: phone, luna: month,
      lease_until: null, attempts: 0, provider_id: null, created_at: input.at, updated_at: input.at,
    }).execute();
  }
  const { segments, encoding } = countSegments(input.text);
  const row = {
    id, client_id: input.clientId, order_id: null, telefon: input.phone, text: input.text, template: null,
    status: reason ? 'refused' : 'sending', motiv: reason, segmente: segments, codare: encoding, cost: null,
    provider_id: null, eroare: null, trimis_la: null, livrat_la: null,
  };
  return { row: { table: 'sms_messages', row, isNew: true }, outcome: reason ? { sent: false, reason } : { sent: true } };
}
