import {
  addDays, defaultSmsTemplates, effectiveAppointmentSettings, hasModule, hhmmOf, newId, normalizePhone, renderSmsTemplate,
  shopDate, shopHour, shopTimeZone, wallClock, type AppointmentStatus,
} from '@roaauto/shared';
import type { Database } from '../../core/db';
import { entitlementsFromRow } from '../../core/tenancy/entitlements.repository';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';
import type { SyncService } from '../../sync/sync.service';
import { kickDispatchers } from '../sms/dispatcher';
import { serverMessage } from '../sms/server-message';

/**
 * Day-before appointment reminders (docs/appointments-feed.md): at the shop's hour
 * (`appointment_settings.reminder_ora`, shop time) on the day before, each appointment that holds its
 * time and has a mobile number gets one SMS, written as the sms module's message and sent by its
 * dispatcher. Exactly once per appointment and start time, however many processes sweep.
 */

/** What a sweep did: messages claimed for sending, and reminders refused (opt-out, the month's limit). */
export type AppointmentReminderSweep = { sent: number; refused: number };

/** The statuses reminded: the appointment still holds its time and the customer has not come yet. */
export const remindedStatuses: readonly AppointmentStatus[] = ['booked', 'confirmed'];

/** A late sweep catches up until this hour (shop time), no later: a customer is not texted at night. */
export const lastReminderHour = 22;

/** Whether a sweep at `hour` (shop time) on the day before reminds, for the shop's chosen hour. */
export function reminderDue(hour: number, chosen: number): boolean {
  return hour >= chosen && hour < Math.max(chosen + 1, lastReminderHour);
}

/** The appointment's time as the customer reads it: "26.10.2026, ora 09:00" (the shop's wall clock). */
export function appointmentWhen(inceput: string): string {
  const { date, minutes } = wallClock(Date.parse(inceput), shopTimeZone);
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}, ora ${hhmmOf(minutes)}`;
}

type Candidate = { id: string; inceput: string; phone: string; client: string | null; clientId: string | null; plate: string | null };

/** Ids per query: well under either engine's limit of parameters. */
const chunk = 500;

/** The shop's reminder hour, or null when reminders are off. */
async function reminderHour(tx: TenantTx): Promise<number | null> {
  const rows = await tx.db.selectFrom('appointment_settings').selectAll().where('deleted_at', 'is', null).execute();
  return effectiveAppointmentSettings(rows).reminder_ora;
}

/** Tomorrow's (shop day) appointments that hold their time, with a mobile number: the appointment's, else its customer's. */
async function candidates(tx: TenantTx, tomorrow: string): Promise<Candidate[]> {
  // `data` is the shop's day; the day is read again from the start time, the one that counts.
  const rows = await tx.db.selectFrom('appointments')
    .select(['id', 'inceput', 'client_id', 'client_nume', 'client_telefon', 'nr_auto'])
    .where('deleted_at', 'is', null).where('status', 'in', remindedStatuses)
    .where('data', '>=', addDays(tomorrow, -1)).where('data', '<=', addDays(tomorrow, 1)).execute();
  const due = rows.filter((r) => wallClock(Date.parse(r.inceput), shopTimeZone).date === tomorrow);
  const clientIds = [...new Set(due.map((r) => r.client_id).filter((id): id is string => id !== null))];
  const clients = new Map<string, { nume: string; telefon: string | null }>();
  for (let i = 0; i < clientIds.length; i += chunk) {
    const found = await tx.db.selectFrom('clients').select(['id', 'nume', 'telefon']).where('id', 'in', clientIds.slice(i, i + chunk)).where('deleted_at', 'is', null).execute();
    for (const c of found) clients.set(c.id, c);
  }
  const out: Candidate[] = [];
  for (const r of due) {
    const client = r.client_id === null ? undefined : clients.get(r.client_id);
    const phone = normalizePhone(r.client_telefon?.trim() ? r.client_telefon : client?.telefon ?? '');
    if (!phone) continue;
    out.push({ id: r.id, inceput: r.inceput, phone, client: r.client_nume ?? client?.nume ?? null, clientId: client ? r.client_id : null, plate: r.nr_auto });
  }
  return out;
}

/** The reminder's text: the company's own `appointment_reminder` template, else the default. */
async function reminderText(tx: TenantTx, item: Candidate): Promise<string> {
  const own = await tx.db.selectFrom('sms_templates').select('text').where('cheie', '=', 'appointment_reminder').where('deleted_at', 'is', null)
    .orderBy('updated_at', 'desc').executeTakeFirst();
  const company = await tx.db.selectFrom('company_profile').select(['nume', 'telefon']).where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();
  return renderSmsTemplate(own?.text ?? defaultSmsTemplates.appointment_reminder, {
    client: item.client, nr_auto: item.plate, data: appointmentWhen(item.inceput), firma: company?.nume ?? null, telefon_firma: company?.telefon ?? null,
  });
}

/**
 * One company's reminders, each in one server write: the appointment read again (still holding its
 * time, at the same start), its claim in `appointment_reminders` (ON CONFLICT DO NOTHING: a second
 * process sweeping at the same moment inserts nothing and writes nothing), then the message: claimed in
 * `sms_sends` for the dispatcher, or refused for an opt-out or the month's limit.
 */
async function remindCompany(database: Database, sync: SyncService, tenantId: string, maxPerMonth: number | null, now: Date): Promise<AppointmentReminderSweep> {
  const tomorrow = addDays(shopDate(now), 1);
  const found = await withTenant(database, tenantId, async (tx) => {
    const hour = await reminderHour(tx);
    return hour === null || !reminderDue(shopHour(now), hour) ? [] : candidates(tx, tomorrow);
  });
  const result: AppointmentReminderSweep = { sent: 0, refused: 0 };
  for (const item of found) {
    const outcome = await sync.serverWrite(tenantId, async ({ tx, load, now: at }) => {
      const none = { rows: [], result: null };
      const [appointment] = await load('appointments', [item.id]);
      if (!appointment || appointment.deleted_at || appointment.inceput !== item.inceput) return none;
      if (!remindedStatuses.includes(appointment.status as AppointmentStatus)) return none;
      const messageId = newId();
      const claimed = await tx.db.insertInto('appointment_reminders').values({
        tenant_id: tx.tenantId, appointment_id: item.id, inceput: item.inceput, message_id: messageId, created_at: at,
      }).onConflict((oc) => oc.columns(['tenant_id', 'appointment_id', 'inceput']).doNothing()).executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return none;

      const text = await reminderText(tx, item);
      const message = await serverMessage(tx, {
        id: messageId, to: item.phone, shown: item.phone, clientId: item.clientId, template: 'appointment_reminder', text, at, maxPerMonth,
      });
      return { rows: [message.row], result: message.outcome.sent ? 'sent' as const : 'refused' as const };
    });
    if (outcome === 'sent') result.sent += 1;
    else if (outcome === 'refused') result.refused += 1;
  }
  return result;
}

/**
 * The day-before reminders of every company with the appointments and sms modules and a reminder hour
 * set. Safe to run as often as wanted, by as many processes as there are.
 */
export async function sweepAppointmentReminders(database: Database, sync: SyncService, now: Date = new Date()): Promise<AppointmentReminderSweep> {
  const tenants = await database.db.selectFrom('tenants').selectAll().execute();
  const total: AppointmentReminderSweep = { sent: 0, refused: 0 };
  for (const row of tenants) {
    const e = entitlementsFromRow(row);
    if (!hasModule(e, 'appointments', now) || !hasModule(e, 'sms', now)) continue;
    const r = await remindCompany(database, sync, row.id, e.limits.maxSmsPerMonth ?? null, now);
    total.sent += r.sent;
    total.refused += r.refused;
  }
  if (total.sent) kickDispatchers();
  return total;
}

/**
 * Schedules the reminders' sweep as a background job when the deployment sweeps reminders (the SMS
 * configuration's `remindersMs`, hourly in production; unset in tests, which call the sweep themselves).
 */
export const reminderRoutes: ModuleRoutes = async (app, { database, sync, config, jobs }) => {
  const everyMs = config.sms.remindersMs ?? 0;
  if (everyMs <= 0) return;
  jobs.schedule({
    name: 'appointments.reminders',
    everyMinutes: everyMs / 60_000,
    run: async () => {
      const r = await sweepAppointmentReminders(database, sync);
      if (r.sent || r.refused) app.log.info(r, 'appointments: day-before reminders written');
    },
  });
};
