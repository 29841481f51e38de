import {
  addDays, defaultReminderDays, defaultSmsTemplates, dueReminderItem, hasModule, newId, normalizePhone, remindedColumn,
  renderSmsTemplate, shopDate, shopHour, smsSettingsTable, vehicleDueItems, type DueItem, type LastService, type VehicleDueColumns,
} from '@roaauto/shared';
import type { Database } from '../../core/db';
import { entitlementsFromRow } from '../../core/tenancy/entitlements.repository';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import { kickDispatchers } from './dispatcher';
import { serverMessage } from './server-message';

/** What a sweep did: messages claimed for sending, and reminders refused (opt-out, the month's limit). */
export type ReminderSweep = { sent: number; refused: number };

type Candidate = DueItem & { phone: string; client: string | null; clientId: string | null; plate: string };

/** A due date as the customer reads it: DD.MM.YYYY. */
export function reminderDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** The company's reminder setting (the oldest settings row): the lead in days, or null when reminders are off. */
async function reminderLead(tx: TenantTx): Promise<number | null> {
  const settings = await tx.db.selectFrom(smsSettingsTable.name).select(['remindere', 'remindere_zile']).where('deleted_at', 'is', null)
    .orderBy('created_at').orderBy('id').executeTakeFirst();
  if (!settings || !Number(settings.remindere)) return null;
  return settings.remindere_zile ?? defaultReminderDays;
}

/** Ids per query: well under either engine's limit of parameters. */
const chunk = 500;

/** Each vehicle's last validated (or invoiced) order of a type with a service interval. */
async function lastServices(tx: TenantTx, vehicleIds: readonly string[]): Promise<Map<string, LastService>> {
  const out = new Map<string, LastService>();
  for (let i = 0; i < vehicleIds.length; i += chunk) {
    const rows = await tx.db.selectFrom('orders as o').innerJoin('catalog_tipuri_deviz as t', 't.id', 'o.tip_deviz_id')
      .select(['o.vehicle_id', 'o.data_comanda', 'o.km_intrare', 't.interval_luni', 't.interval_km'])
      .where('o.vehicle_id', 'in', vehicleIds.slice(i, i + chunk)).where('o.deleted_at', 'is', null).where('o.status', 'in', ['VALIDAT', 'FACTURAT'])
      .where((eb) => eb.or([eb('t.interval_luni', 'is not', null), eb('t.interval_km', 'is not', null)]))
      .orderBy('o.data_comanda', 'desc').orderBy('o.nr_comanda', 'desc').orderBy('o.id', 'desc').execute();
    for (const r of rows) {
      if (r.vehicle_id && !out.has(r.vehicle_id)) {
        out.set(r.vehicle_id, { data_comanda: r.data_comanda, km_intrare: r.km_intrare, interval_luni: r.interval_luni, interval_km: r.interval_km });
      }
    }
  }
  return out;
}

/**
 * What is due from `today` to `today + lead` and was not reminded for that date, with the number to write to:
 * the customer's (when the vehicle names one), else the vehicle's copy. Items without a mobile number are left.
 */
async function candidates(tx: TenantTx, today: string, lead: number): Promise<Candidate[]> {
  const until = addDays(today, lead);
  const vehicles = await tx.db.selectFrom('vehicles')
    .select(['id', 'client_id', 'client_nume', 'client_telefon', 'nr_inmatriculare', 'itp_expira', 'rca_expira', 'revizie_data', 'revizie_km', 'itp_anuntat', 'rca_anuntat', 'revizie_anuntat'])
    .where('deleted_at', 'is', null)
    .where((eb) => eb.or([
      eb.and([eb('itp_expira', '>=', today), eb('itp_expira', '<=', until)]),
      eb.and([eb('rca_expira', '>=', today), eb('rca_expira', '<=', until)]),
      eb.and([eb('revizie_data', '>=', today), eb('revizie_data', '<=', until)]),
      eb('revizie_data', 'is', null),
    ])).execute();
  const services = await lastServices(tx, vehicles.filter((v) => v.revizie_data === null).map((v) => v.id));
  const clientIds = [...new Set(vehicles.map((v) => v.client_id).filter((id): id is string => id !== null))];
  const clients = new Map<string, { nume: string; telefon: string | null }>();
  for (let i = 0; i < clientIds.length; i += chunk) {
    const rows = await tx.db.selectFrom('clients').select(['id', 'nume', 'telefon']).where('id', 'in', clientIds.slice(i, i + chunk)).where('deleted_at', 'is', null).execute();
    for (const r of rows) clients.set(r.id, r);
  }
  const out: Candidate[] = [];
  for (const v of vehicles) {
    const items = vehicleDueItems(v as VehicleDueColumns, services.get(v.id) ?? null).filter((i) => !i.reminded && i.date >= today && i.date <= until);
    if (!items.length) continue;
    const client = v.client_id ? clients.get(v.client_id) : undefined;
    const phone = normalizePhone(client ? client.telefon ?? '' : v.client_telefon ?? '');
    if (!phone) continue;
    for (const item of items) out.push({ ...item, phone, client: client?.nume ?? v.client_nume, clientId: client ? v.client_id : null, plate: v.nr_inmatriculare });
  }
  return out;
}

/** The reminder's text: the company's own template, else the default, filled for the item. */
async function reminderText(tx: TenantTx, item: Candidate): Promise<string> {
  const own = await tx.db.selectFrom('sms_templates').select('text').where('cheie', '=', 'due_reminder').where('deleted_at', 'is', null)
    .orderBy('updated_at', 'desc').executeTakeFirst();
  const company = await tx.db.selectFrom('company_profile').select(['nume', 'telefon']).where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();
  return renderSmsTemplate(own?.text ?? defaultSmsTemplates.due_reminder, {
    client: item.client, ce: dueReminderItem[item.kind], nr_auto: item.plate, data: reminderDate(item.date),
    firma: company?.nume ?? null, telefon_firma: company?.telefon ?? null,
  });
}

/**
 * One company's reminders: each is written in one server write with its record in `sms_reminders` (the
 * vehicle, the kind and the due date are its key: a second process sweeping at the same moment inserts
 * nothing and writes nothing), the message (claimed in `sms_sends` for the dispatcher, or refused for an
 * opt-out or the month's limit) and, when it goes, the vehicle's reminded mark set to that date.
 */
async function remindCompany(database: Database, sync: SyncService, tenantId: string, maxPerMonth: number | null, now: Date): Promise<ReminderSweep> {
  const today = shopDate(now);
  const found = await withTenant(database, tenantId, async (tx) => {
    const lead = await reminderLead(tx);
    return lead === null ? [] : candidates(tx, today, lead);
  });
  const result: ReminderSweep = { sent: 0, refused: 0 };
  for (const item of found) {
    const outcome = await sync.serverWrite(tenantId, async ({ tx, load, now: at }) => {
      const none = { rows: [], result: null };
      const [vehicle] = await load('vehicles', [item.vehicleId]);
      const column = remindedColumn[item.kind];
      if (!vehicle || vehicle.deleted_at || vehicle[column] === item.date) return none;
      // A date typed since the vehicle was read (a renewed ITP) is not reminded with the old one.
      const typed = { itp: vehicle.itp_expira, rca: vehicle.rca_expira, revizie: vehicle.revizie_data ?? (item.source === 'computed' ? item.date : null) }[item.kind];
      if (typed !== item.date) return none;
      const messageId = newId();
      const claimed = await tx.db.insertInto('sms_reminders').values({
        tenant_id: tx.tenantId, vehicle_id: item.vehicleId, tip: item.kind, data: item.date, message_id: messageId, created_at: at,
      }).onConflict((oc) => oc.columns(['tenant_id', 'vehicle_id', 'tip', 'data']).doNothing()).executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return none;

      const text = await reminderText(tx, item);
      const message = await serverMessage(tx, {
        id: messageId, to: item.phone, shown: item.phone, clientId: item.clientId, template: 'due_reminder', text, at, maxPerMonth,
      });
      const sent = message.outcome.sent;
      const rows: { table: string; row: Record<string, unknown>; isNew: boolean }[] = [message.row];
      if (sent) rows.push({ table: 'vehicles', row: { ...vehicle, [column]: item.date }, isNew: false });
      return { rows, result: sent ? 'sent' as const : 'refused' as const };
    });
    if (outcome === 'sent') result.sent += 1;
    else if (outcome === 'refused') result.refused += 1;
  }
  return result;
}

/**
 * The automatic due-date reminders (docs/sms.md, "Automatic reminders"): for each company with the SMS
 * module and reminders on, what falls due within its lead and was not reminded for that date gets one
 * SMS. Safe to run as often as wanted, by as many processes as there are: each due date is reminded once.
 */
/** Whether `now` is within the shop's hours `[from, until)` (any hour without them). */
export function withinHours(now: Date, hours: readonly [number, number] | undefined): boolean {
  if (!hours) return true;
  const h = shopHour(now);
  return h >= hours[0] && h < hours[1];
}

export async function sweepDueReminders(database: Database, sync: SyncService, now: Date = new Date()): Promise<ReminderSweep> {
  const tenants = await database.db.selectFrom('tenants').selectAll().execute();
  const total: ReminderSweep = { sent: 0, refused: 0 };
  for (const row of tenants) {
    const e = entitlementsFromRow(row);
    if (!hasModule(e, 'sms', now) || !hasModule(e, 'workshop', now)) continue;
    const r = await remindCompany(database, sync, row.id, e.limits.maxSmsPerMonth ?? null, now);
    total.sent += r.sent;
    total.refused += r.refused;
  }
  if (total.sent) kickDispatchers();
  return total;
}
