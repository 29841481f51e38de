import {
  hasModule, newId, normalizePhone, renderSmsTemplate, seasonChangeOn, seasonWindowsOf, shopDate, shopHour, type SeasonWindows,
} from '@roaauto/shared';
import type { Database } from '../../core/db';
import { entitlementsFromRow } from '../../core/tenancy/entitlements.repository';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';
import type { SyncService } from '../../sync/sync.service';
import { kickDispatchers } from '../sms/dispatcher';
import { serverMessage } from '../sms/server-message';

/**
 * Season-change reminders of the tyre hotel (docs/tyre-hotel.md): in the season's window (the company's,
 * from its warehouse settings; by default winter tyres 1 Oct–15 Nov, summer tyres 1 Mar–15 Apr), the customer of each set stored for the season now starting
 * gets one SMS, written as the sms module's message and sent by its dispatcher. Exactly once per set and
 * season change, however many processes sweep; an opted-out number gets a refused message, never a text.
 */

export type TyreReminderSweep = { sent: number; refused: number };

/** Customers are texted between these hours (shop time). */
export const tyreReminderHours = { from: 10, to: 19 };

/** The reminder's text. */
export const tyreReminderTemplate = 'Bună ziua, {client}! Anvelopele de {ce} pentru {nr_auto} vă așteaptă la {firma}. Programări: {telefon_firma}';

type Candidate = { id: string; phone: string; client: string | null; clientId: string | null; plate: string | null; sezon: string };

const chunk = 500;

async function candidates(tx: TenantTx, season: string): Promise<Candidate[]> {
  const rows = await tx.db.selectFrom('tyre_sets').select(['id', 'client_id', 'client_nume', 'client_telefon', 'nr_auto', 'sezon'])
    .where('deleted_at', 'is', null).where('status', '=', 'depozitat').where('sezon', '=', season as 'iarna' | 'vara').execute();
  const clientIds = [...new Set(rows.map((r) => r.client_id).filter((id): id is string => id !== null))];
  const clients = new Map<string, { nume: string; telefon: string | null }>();
  for (let i = 0; i < clientIds.length; i += chunk) {
    const found = await tx.db.selectFrom('clients').select(['id', 'nume', 'telefon']).where('id', 'in', clientIds.slice(i, i + chunk)).where('deleted_at', 'is', null).execute();
    for (const c of found) clients.set(c.id, c);
  }
  const out: Candidate[] = [];
  for (const r of rows) {
    const client = r.client_id === null ? undefined : clients.get(r.client_id);
    const phone = normalizePhone(r.client_telefon?.trim() ? r.client_telefon : client?.telefon ?? '');
    if (!phone) continue;
    out.push({ id: r.id, phone, client: r.client_nume ?? client?.nume ?? null, clientId: client ? r.client_id : null, plate: r.nr_auto, sezon: r.sezon });
  }
  return out;
}

async function reminderText(tx: TenantTx, item: Candidate): Promise<string> {
  const company = await tx.db.selectFrom('company_profile').select(['nume', 'telefon']).where('deleted_at', 'is', null).orderBy('created_at').executeTakeFirst();
  return renderSmsTemplate(tyreReminderTemplate, {
    client: item.client, nr_auto: item.plate, ce: item.sezon === 'iarna' ? 'iarnă' : 'vară', firma: company?.nume ?? null, telefon_firma: company?.telefon ?? null,
  });
}

/**
 * One company's reminders, each in one server write: the set read again (still stored, same season),
 * its claim in `tyre_set_reminders` (ON CONFLICT DO NOTHING: a second process inserts nothing and writes
 * nothing), then the message: claimed in `sms_sends` for the dispatcher, or refused (opt-out, the month's limit).
 */
async function remindCompany(
  database: Database, sync: SyncService, tenantId: string, maxPerMonth: number | null, change: { season: string; key: string },
): Promise<TyreReminderSweep> {
  const found = await withTenant(database, tenantId, (tx) => candidates(tx, change.season));
  const result: TyreReminderSweep = { sent: 0, refused: 0 };
  for (const item of found) {
    const outcome = await sync.serverWrite(tenantId, async ({ tx, load, now: at }) => {
      const none = { rows: [], result: null };
      const [set] = await load('tyre_sets', [item.id]);
      if (!set || set.deleted_at || set.status !== 'depozitat' || set.sezon !== change.season) return none;
      const messageId = newId();
      const claimed = await tx.db.insertInto('tyre_set_reminders').values({
        tenant_id: tx.tenantId, set_id: item.id, sezon: change.key, message_id: messageId, created_at: at,
      }).onConflict((oc) => oc.columns(['tenant_id', 'set_id', 'sezon']).doNothing()).executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return none;

      const text = await reminderText(tx, item);
      const message = await serverMessage(tx, { id: messageId, to: item.phone, shown: item.phone, clientId: item.clientId, template: null, text, at, maxPerMonth });
      return { rows: [message.row], result: message.outcome.sent ? 'sent' as const : 'refused' as const };
    });
    if (outcome === 'sent') result.sent += 1;
    else if (outcome === 'refused') result.refused += 1;
  }
  return result;
}

/** A company's season-change windows: those of its warehouse settings (the oldest row), or the defaults. */
export async function companySeasonWindows(tx: TenantTx): Promise<SeasonWindows> {
  const row = await tx.db.selectFrom('warehouse_settings').select(['iarna_de_la', 'iarna_pana_la', 'vara_de_la', 'vara_pana_la'])
    .where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').executeTakeFirst();
  return seasonWindowsOf(row);
}

/**
 * The season-change reminders of every company with the warehouse and sms modules, in its season's
 * window and in the day's hours. Safe to run as often as wanted, by as many processes as there are.
 */
export async function sweepTyreReminders(database: Database, sync: SyncService, now: Date = new Date()): Promise<TyreReminderSweep> {
  const total: TyreReminderSweep = { sent: 0, refused: 0 };
  const hour = shopHour(now);
  if (hour < tyreReminderHours.from || hour >= tyreReminderHours.to) return total;
  const day = shopDate(now);
  const tenants = await database.db.selectFrom('tenants').selectAll().execute();
  for (const row of tenants) {
    const e = entitlementsFromRow(row);
    if (!hasModule(e, 'warehouse', now) || !hasModule(e, 'sms', now)) continue;
    const change = seasonChangeOn(day, await withTenant(database, row.id, companySeasonWindows));
    if (!change) continue;
    const r = await remindCompany(database, sync, row.id, e.limits.maxSmsPerMonth ?? null, change);
    total.sent += r.sent;
    total.refused += r.refused;
  }
  if (total.sent) kickDispatchers();
  return total;
}

/** Schedules the reminders' sweep as a background job when the deployment sweeps reminders (the SMS configuration's `remindersMs`). */
export const tyreReminderRoutes: ModuleRoutes = async (app, { database, sync, config, jobs }) => {
  const everyMs = config.sms.remindersMs ?? 0;
  if (everyMs <= 0) return;
  jobs.schedule({
    name: 'warehouse.tyre-reminders',
    everyMinutes: everyMs / 60_000,
    run: async () => {
      const r = await sweepTyreReminders(database, sync);
      if (r.sent || r.refused) app.log.info(r, 'warehouse: tyre season reminders written');
    },
  });
};
