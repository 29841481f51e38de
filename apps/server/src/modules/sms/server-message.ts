import { countSegments, newId, type SmsRefusalReason } from '@roaauto/shared';
import { smsInMonth } from '../../core/billing/usage';
import type { TenantTx } from '../../core/tenancy/tenant-scope';
import { smsMonth } from './sms.sync';

/** What became of a message the server wrote: claimed for sending, or refused with the reason. */
export type SmsOutcome = { sent: true } | { sent: false; reason: SmsRefusalReason };

export type ServerMessage = {
  /** The message's id, when the caller needs it first (a claim row naming it); a new one otherwise. */
  id?: string;
  /** The number to send to, in international digits; null when the typed number cannot take an SMS. */
  to: string | null;
  /** The number as the message row shows it (as typed, or `to`). */
  shown: string;
  clientId: string | null;
  /** The template the text came from (`sms_messages.template`), or null for a text of its own. */
  template: string | null;
  text: string;
  /** The server write's time. */
  at: string;
  /** The plan's monthly limit (`maxSmsPerMonth`), or null for none. */
  maxPerMonth: number | null;
};

/**
 * A message the server writes itself (reminders, the booking page's code and confirmation), the one way
 * they are all made: refused for a number that cannot take an SMS, one that asked for no SMS, or the
 * month's limit; otherwise claimed in `sms_sends` in the caller's transaction, so the dispatcher sends it
 * exactly once. Returns the `sms_messages` row for the caller's `serverWrite`; the caller wakes the
 * dispatchers (`kickDispatchers`) after its write commits.
 */
export async function serverMessage(tx: TenantTx, m: ServerMessage): Promise<{ row: { table: 'sms_messages'; row: Record<string, unknown>; isNew: true }; outcome: SmsOutcome }> {
  const id = m.id ?? newId();
  const month = smsMonth(m.at);
  let reason: SmsRefusalReason | null = m.to === null ? 'bad_number' : null;
  if (m.to !== null) {
    const optedOut = await tx.db.selectFrom('sms_optouts').select('id').where('telefon', '=', m.to).where('deleted_at', 'is', null).executeTakeFirst();
    if (optedOut) reason = 'opt_out';
    else if (m.maxPerMonth !== null && (await smsInMonth(tx, month)) >= m.maxPerMonth) reason = 'limit';
    if (!reason) {
      await tx.db.insertInto('sms_sends').values({
        message_id: id, tenant_id: tx.tenantId, state: 'pending', telefon: m.to, luna: month,
        lease_until: null, attempts: 0, provider_id: null, created_at: m.at, updated_at: m.at,
      }).execute();
    }
  }
  const { segments, encoding } = countSegments(m.text);
  const row = {
    id, client_id: m.clientId, order_id: null, telefon: m.shown, text: m.text, template: m.template,
    status: reason ? 'refused' : 'sending', motiv: reason, segmente: segments, codare: encoding, cost: null,
    provider_id: null, eroare: null, trimis_la: null, livrat_la: null,
  };
  return { row: { table: 'sms_messages', row, isNew: true }, outcome: reason ? { sent: false, reason } : { sent: true } };
}
