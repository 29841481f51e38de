import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import {
  addDays, checkPhone, effectiveAppointmentSettings, freeSlots, hasModule, holdingStatuses, isBookingSlug, newId, normalizePhone, sellerOrBlank, wallClock,
  type AppointmentSettings, type AppointmentStatus, type BusyRow, type CampaignRow, type ClosureRow, type HoursRow, type Slot,
} from '@roaauto/shared';
import type { Database } from '../../core/db';
import { entitlementsFromRow, findTenant } from '../../core/tenancy/entitlements.repository';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { SyncService } from '../../sync/sync.service';
import { companyProfile } from '../core/documents';
import { serverMessage, type SmsOutcome } from '../sms/server-message';

/** Romania's shops keep Romania's clock. */
export const shopTimeZone = 'Europe/Bucharest';

/** A booking page that opens: the company, its settings and what the customer is shown of it. */
export type BookingShop = {
  tenantId: string;
  slug: string;
  settings: AppointmentSettings;
  /** The company has the SMS module: a booking asks for a code sent by SMS, and the confirmation goes by SMS. */
  sms: boolean;
  maxSmsPerMonth: number | null;
  name: string;
  phone: string | null;
  address: string | null;
  email: string | null;
};

/**
 * The page a slug opens, or null for every reason it does not (malformed, unknown, the module off for
 * the company, or, with `open`, online booking switched off): the page answers all of them with one 404.
 * The lookup by slug is the only query outside the company's scope.
 */
export async function resolveShop(database: Database, slug: string, options: { open: boolean }, now = new Date()): Promise<BookingShop | null> {
  if (!isBookingSlug(slug)) return null;
  const page = await database.db.selectFrom('booking_pages').select(['tenant_id', 'slug']).where('slug', '=', slug).executeTakeFirst();
  if (!page) return null;
  const tenant = await findTenant(database.db, page.tenant_id);
  if (!tenant) return null;
  const e = entitlementsFromRow(tenant);
  if (!hasModule(e, 'appointments', now)) return null;
  return withTenant(database, page.tenant_id, async (tx) => {
    const settings = await settingsOf(tx);
    if (options.open && !settings.rezervari_online) return null;
    const profile = await companyProfile(tx);
    const seller = sellerOrBlank(profile);
    return {
      tenantId: page.tenant_id, slug: page.slug, settings, sms: hasModule(e, 'sms', now), maxSmsPerMonth: e.limits.maxSmsPerMonth ?? null,
      name: seller.nume || tenant.name, phone: profile?.telefon ?? null, email: profile?.email ?? null,
      address: [seller.adresa, seller.localitate].filter(Boolean).join(', ') || null,
    };
  }, { snapshot: true });
}

async function settingsOf(tx: TenantTx): Promise<AppointmentSettings> {
  return effectiveAppointmentSettings(await tx.db.selectFrom('appointment_settings').selectAll().where('deleted_at', 'is', null).execute());
}

export type BookableService = { id: string; nume: string; durata_minute: number };

/** The services customers may book: active and offered online. */
export async function bookableServices(tx: TenantTx): Promise<BookableService[]> {
  return tx.db.selectFrom('appointment_services').select(['id', 'nume', 'durata_minute'])
    .where('deleted_at', 'is', null).where('activ', '=', 1).where('online', '=', 1).orderBy('nume').orderBy('id').execute();
}

/** What free slots are computed from, for a span of shop days. */
export type SlotData = {
  hours: HoursRow[];
  closures: ClosureRow[];
  bays: string[];
  campaigns: CampaignRow[];
  appointments: (BusyRow & { id: string })[];
};

/** The rows of a span of days the slots need (appointments from the day before: one may run past midnight). */
export async function loadSlotData(tx: TenantTx, from: string, to: string): Promise<SlotData> {
  const [hours, closures, bays, campaigns, appointments] = await Promise.all([
    tx.db.selectFrom('appointment_hours').select(['zi', 'de_la', 'pana_la']).where('deleted_at', 'is', null).execute(),
    tx.db.selectFrom('appointment_closures').select(['de_la', 'pana_la']).where('deleted_at', 'is', null)
      .where('de_la', '<=', to).where('pana_la', '>=', from).execute(),
    tx.db.selectFrom('appointment_bays').select('id').where('deleted_at', 'is', null).where('activ', '=', 1)
      .orderBy('ordine').orderBy('nume').orderBy('id').execute(),
    tx.db.selectFrom('appointment_campaigns')
      .select(['id', 'service_id', 'de_la', 'pana_la', 'zile', 'ora_start', 'ora_sfarsit', 'slot_minute', 'posturi', 'activ'])
      .where('deleted_at', 'is', null).where('activ', '=', 1).where('de_la', '<=', to).where('pana_la', '>=', from).execute(),
    tx.db.selectFrom('appointments').select(['id', 'inceput', 'sfarsit', 'post_id', 'status'])
      .where('deleted_at', 'is', null).where('data', '>=', addDays(from, -1)).where('data', '<=', to)
      .where('status', 'in', [...holdingStatuses]).execute(),
  ]);
  return { hours, closures, bays: bays.map((b) => b.id), campaigns, appointments };
}

/** The shop's calendar day of an instant. */
export const shopDay = (at: number): string => wallClock(at, shopTimeZone).date;

/** The last day customers may book, counted from today in the shop. */
export const lastBookableDay = (settings: AppointmentSettings, now: number): string => addDays(shopDay(now), settings.orizont_zile);

/** Free slots of a service between two shop days, as the booking page offers them (`freeSlots`). */
export function bookingSlots(data: SlotData, settings: AppointmentSettings, service: BookableService, from: string, to: string, now: number): Slot[] {
  return freeSlots({
    from, to, timeZone: shopTimeZone, hours: data.hours, closures: data.closures, closedOnHolidays: settings.inchis_sarbatori, bays: data.bays,
    appointments: data.appointments, service: { id: service.id, durata_minute: service.durata_minute }, stepMinutes: settings.pas_minute,
    campaigns: data.campaigns, notBefore: now + settings.avans_minute * 60_000,
  });
}

/** The weeks the page shows, each seven days from today: how many there are within the horizon. */
export function weekCount(settings: AppointmentSettings): number {
  return Math.floor(settings.orizont_zile / 7) + 1;
}

/** The days of the week `week` (0: from today), cut at the horizon. */
export function weekSpan(settings: AppointmentSettings, week: number, now: number): { from: string; to: string } {
  const from = addDays(shopDay(now), week * 7);
  const last = lastBookableDay(settings, now);
  const end = addDays(from, 6);
  return { from, to: end < last ? end : last };
}

/** What the customer typed: checked and tidied. */
export type BookingRequest = {
  serviceId: string;
  /** The slot's start (ISO, as the page offered it). */
  start: string;
  name: string;
  /** As checkPhone normalises it ("0722 123 456"). */
  phone: string;
  plate: string;
  email: string | null;
};

/** A booking made: its appointment and the customer's private link's token (shown once, stored hashed). */
export type Booked = { kind: 'booked'; appointmentId: string; token: string; start: string; end: string; status: AppointmentStatus; sms: SmsOutcome | null };
export type BookOutcome = Booked | { kind: 'taken' } | { kind: 'spent' };

/** A new private link's token: 256 random bits in base64url. */
export const newToken = (): string => randomBytes(32).toString('base64url');
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The customer with this phone number, if the shop has one (the number compared in its international form). */
async function clientByPhone(tx: TenantTx, phone: string): Promise<string | null> {
  const check = checkPhone(phone);
  if (!check.valid) return null;
  const national = check.e164.startsWith('+40') ? `0${check.e164.slice(3)}` : null;
  const forms = [...new Set([check.normalized, check.e164, check.e164.slice(1), ...(national ? [national] : [])])];
  const rows = await tx.db.selectFrom('clients').select(['id', 'telefon']).where('deleted_at', 'is', null).where('telefon', 'in', forms)
    .orderBy('created_at').orderBy('id').execute();
  const exact = rows.find((r) => r.telefon !== null && checkPhone(r.telefon).e164 === check.e164);
  return exact?.id ?? null;
}

/** The link to the customer's booking page (cancel, move, calendar file). */
export const bookingLink = (baseUrl: string, slug: string, token: string): string => `${baseUrl}/b/${slug}/a/${token}`;

function when(iso: string): string {
  return new Intl.DateTimeFormat('ro-RO', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: shopTimeZone })
    .format(new Date(iso)).replace(',', '');
}

/**
 * Books a slot in one server write for the company: under its lock the free bays of that exact slot are
 * computed again from the rows as they are now, and the appointment takes the first free one. Two
 * customers racing for the last free slot are serialised by the lock: the second finds it gone (`taken`).
 * `claim` runs first in the same write (a pending booking's code marked used); false ends it (`spent`).
 */
export async function bookSlot(
  sync: SyncService, shop: BookingShop, req: BookingRequest, baseUrl: string,
  claim?: (tx: TenantTx, at: string) => Promise<boolean>,
): Promise<BookOutcome> {
  return sync.serverWrite<BookOutcome>(shop.tenantId, async ({ tx, now: at }) => {
    const none = (result: BookOutcome) => ({ rows: [], result });
    if (claim && !(await claim(tx, at))) return none({ kind: 'spent' as const });
    const now = Date.parse(at);
    const startMs = Date.parse(req.start);
    const settings = await settingsOf(tx);
    const service = (await bookableServices(tx)).find((s) => s.id === req.serviceId);
    if (!service || Number.isNaN(startMs)) return none({ kind: 'taken' as const });
    const day = shopDay(startMs);
    if (day < shopDay(now) || day > lastBookableDay(settings, now)) return none({ kind: 'taken' as const });
    const start = new Date(startMs).toISOString();
    const slot = bookingSlots(await loadSlotData(tx, day, day), settings, service, day, day, now).find((s) => s.start === start);
    if (!slot) return none({ kind: 'taken' as const });
    const id = newId();
    const token = newToken();
    await tx.db.insertInto('booking_links').values({ token_hash: sha256(token), tenant_id: tx.tenantId, appointment_id: id, created_at: at }).execute();
    const status: AppointmentStatus = settings.confirmare_auto ? 'confirmed' : 'booked';
    const clientId = await clientByPhone(tx, req.phone);
    const bay = slot.bays[0] ?? '';
    const appointment = {
      id, inceput: slot.start, sfarsit: slot.end, data: day, post_id: bay || null, mecanic_id: null, service_id: service.id,
      campaign_id: slot.campaignId, client_id: clientId, vehicle_id: null, client_nume: req.name, client_telefon: req.phone,
      client_email: req.email, nr_auto: req.plate, observatii: null, status, sursa: 'online', order_id: null,
    };
    const rows: { table: string; row: Record<string, unknown>; isNew: boolean }[] = [{ table: 'appointments', row: appointment, isNew: true }];
    let sms: SmsOutcome | null = null;
    if (shop.sms) {
      const what = status === 'confirmed' ? 'Programarea este confirmată' : 'Am primit cererea de programare';
      const text = `${what}: ${service.nume}, ${when(slot.start)}, ${shop.name}. Anulare sau mutare: ${bookingLink(baseUrl, shop.slug, token)}`;
      const message = await serverMessage(tx, { to: normalizePhone(req.phone), shown: req.phone, clientId, template: null, text, at, maxPerMonth: shop.maxSmsPerMonth });
      rows.push(message.row);
      sms = message.outcome;
    }
    return { rows, result: { kind: 'booked', appointmentId: id, token, start: slot.start, end: slot.end, status, sms } };
  });
}

/** How long an SMS code is good for, and how many tries it allows. */
export const codeValidityMs = 10 * 60_000;
export const codeAttempts = 5;

const codeHash = (pendingId: string, code: string) => sha256(`${pendingId}:${code}`);

export type PendingOutcome = { kind: 'pending'; id: string; sms: SmsOutcome } | { kind: 'taken' };

/**
 * With SMS on, the first step of a booking: the slot checked (it may still go to someone else before
 * the code comes back), the request kept as a pending booking with the hash of a 6-digit code, and the
 * code queued by SMS to the customer's number, in one server write. `code` is for tests.
 */
export async function startPending(
  database: Database, sync: SyncService, shop: BookingShop, req: BookingRequest, code = String(randomInt(0, 1_000_000)).padStart(6, '0'),
): Promise<PendingOutcome> {
  const free = await withTenant(database, shop.tenantId, async (tx) => {
    const now = Date.now();
    const service = (await bookableServices(tx)).find((s) => s.id === req.serviceId);
    const startMs = Date.parse(req.start);
    if (!service || Number.isNaN(startMs)) return false;
    const day = shopDay(startMs);
    if (day < shopDay(now) || day > lastBookableDay(shop.settings, now)) return false;
    const start = new Date(startMs).toISOString();
    return bookingSlots(await loadSlotData(tx, day, day), shop.settings, service, day, day, now).some((s) => s.start === start);
  }, { snapshot: true });
  if (!free) return { kind: 'taken' };
  return sync.serverWrite(shop.tenantId, async ({ tx, now: at }) => {
    const id = newToken();
    // Pending bookings older than a day are of no use to anyone: each new one clears them.
    await tx.db.deleteFrom('booking_pending').where('created_at', '<', new Date(Date.parse(at) - 86_400_000).toISOString()).execute();
    await tx.db.insertInto('booking_pending').values({
      id, tenant_id: tx.tenantId, payload: JSON.stringify(req), code_hash: codeHash(id, code), attempts: 0,
      expires_at: new Date(Date.parse(at) + codeValidityMs).toISOString(), used_at: null, created_at: at,
    }).execute();
    const text = `Codul pentru programarea la ${shop.name}: ${code}. Este valabil 10 minute.`;
    const message = await serverMessage(tx, { to: normalizePhone(req.phone), shown: req.phone, clientId: null, template: null, text, at, maxPerMonth: shop.maxSmsPerMonth });
    return { rows: [message.row], result: { kind: 'pending' as const, id, sms: message.outcome } };
  });
}

const pendingShape = /^[A-Za-z0-9_-]{22,128}$/;

export type CodeOutcome = BookOutcome | { kind: 'wrong_code'; left: number } | { kind: 'expired' };

/**
 * The second step: the code typed. Each try spends one of the pending booking's attempts (a
 * conditional update, so parallel guesses cannot exceed them); the right code books the slot, and the
 * pending booking is marked used inside the booking's own write, so it books once.
 */
export async function confirmPending(
  database: Database, sync: SyncService, shop: BookingShop, pendingId: string, code: string, baseUrl: string,
): Promise<CodeOutcome> {
  if (!pendingShape.test(pendingId)) return { kind: 'expired' };
  const now = new Date().toISOString();
  const pending = await withTenant(database, shop.tenantId, async (tx) => {
    const spent = await tx.db.updateTable('booking_pending').set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', pendingId).where('used_at', 'is', null).where('expires_at', '>', now).where('attempts', '<', codeAttempts).executeTakeFirst();
    if (Number(spent.numUpdatedRows) !== 1) return null;
    return tx.db.selectFrom('booking_pending').select(['payload', 'code_hash', 'attempts']).where('id', '=', pendingId).executeTakeFirst();
  });
  if (!pending) return { kind: 'expired' };
  const given = Buffer.from(codeHash(pendingId, code.replace(/\s/g, '')), 'hex');
  if (!timingSafeEqual(given, Buffer.from(pending.code_hash, 'hex'))) {
    const left = codeAttempts - pending.attempts;
    return left > 0 ? { kind: 'wrong_code', left } : { kind: 'expired' };
  }
  const req = JSON.parse(pending.payload) as BookingRequest;
  return bookSlot(sync, shop, req, baseUrl, async (tx, at) => {
    const used = await tx.db.updateTable('booking_pending').set({ used_at: at }).where('id', '=', pendingId).where('used_at', 'is', null).executeTakeFirst();
    return Number(used.numUpdatedRows) === 1;
  });
}

/** The booking a private link opens. */
export type LinkedBooking = {
  tokenHash: string;
  appointment: {
    id: string; inceput: string; sfarsit: string; status: AppointmentStatus; service_id: string | null; client_nume: string | null;
    nr_auto: string | null; updated_at: string;
  };
  service: BookableService | null;
};

const tokenShape = /^[A-Za-z0-9_-]{22,128}$/;

/** The booking of a private link of this shop, or null (malformed, unknown, another shop's, the appointment gone). */
export async function resolveBooking(database: Database, shop: BookingShop, token: string): Promise<LinkedBooking | null> {
  if (!tokenShape.test(token)) return null;
  const hash = sha256(token);
  const link = await database.db.selectFrom('booking_links').select(['tenant_id', 'appointment_id']).where('token_hash', '=', hash).executeTakeFirst();
  if (!link || link.tenant_id !== shop.tenantId) return null;
  return withTenant(database, shop.tenantId, async (tx) => {
    const appointment = await tx.db.selectFrom('appointments')
      .select(['id', 'inceput', 'sfarsit', 'status', 'service_id', 'client_nume', 'nr_auto', 'updated_at'])
      .where('id', '=', link.appointment_id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!appointment) return null;
    const service = appointment.service_id
      ? (await tx.db.selectFrom('appointment_services').select(['id', 'nume', 'durata_minute']).where('id', '=', appointment.service_id).executeTakeFirst()) ?? null
      : null;
    return { tokenHash: hash, appointment, service };
  });
}

/** A booking the customer may still change: waiting or confirmed, and not begun. */
export const changeable = (a: { status: AppointmentStatus; inceput: string }, now = Date.now()): boolean =>
  (a.status === 'booked' || a.status === 'confirmed') && Date.parse(a.inceput) > now;

export type ChangeOutcome = 'done' | 'closed' | 'taken';

/** Cancels the booking (status cancelled), in a server write; `closed` when it can no longer change. */
export async function cancelBooking(sync: SyncService, shop: BookingShop, booking: LinkedBooking): Promise<ChangeOutcome> {
  return sync.serverWrite(shop.tenantId, async ({ load, now }) => {
    const [row] = await load('appointments', [booking.appointment.id]);
    if (!row || row.deleted_at || !changeable({ status: row.status as AppointmentStatus, inceput: String(row.inceput) }, Date.parse(now))) {
      return { rows: [], result: 'closed' as const };
    }
    return { rows: [{ table: 'appointments', row: { ...row, status: 'cancelled' }, isNew: false }], result: 'done' as const };
  });
}

/**
 * Moves the booking to another free slot of its service, checked again in the server write (the
 * booking's own time does not count as busy); `taken` when the slot went meanwhile.
 */
export async function moveBooking(sync: SyncService, shop: BookingShop, booking: LinkedBooking, start: string): Promise<ChangeOutcome> {
  return sync.serverWrite(shop.tenantId, async ({ tx, load, now: at }) => {
    const none = (result: ChangeOutcome) => ({ rows: [], result });
    const now = Date.parse(at);
    const [row] = await load('appointments', [booking.appointment.id]);
    if (!row || row.deleted_at || !changeable({ status: row.status as AppointmentStatus, inceput: String(row.inceput) }, now)) return none('closed');
    const settings = await settingsOf(tx);
    const service = (await bookableServices(tx)).find((s) => s.id === row.service_id);
    const startMs = Date.parse(start);
    if (!service || Number.isNaN(startMs)) return none('taken');
    const day = shopDay(startMs);
    if (day < shopDay(now) || day > lastBookableDay(settings, now)) return none('taken');
    const data = await loadSlotData(tx, day, day);
    data.appointments = data.appointments.filter((a) => a.id !== row.id);
    const iso = new Date(startMs).toISOString();
    const slot = bookingSlots(data, settings, service, day, day, now).find((s) => s.start === iso);
    if (!slot) return none('taken');
    const moved = {
      ...row, inceput: slot.start, sfarsit: slot.end, data: day, post_id: slot.bays[0] || null, campaign_id: slot.campaignId,
      status: settings.confirmare_auto ? 'confirmed' : 'booked',
    };
    return { rows: [{ table: 'appointments', row: moved, isNew: false }], result: 'done' as const };
  });
}

/** Free slots for the move form: the booking's own time counted free. */
export async function slotsForMove(database: Database, shop: BookingShop, booking: LinkedBooking, week: number, now = Date.now()) {
  const service = booking.service;
  if (!service) return [];
  const { from, to } = weekSpan(shop.settings, week, now);
  if (from > to) return [];
  return withTenant(database, shop.tenantId, async (tx) => {
    const data = await loadSlotData(tx, from, to);
    data.appointments = data.appointments.filter((a) => a.id !== booking.appointment.id);
    // Its own time is where it is already: not offered as a move.
    return bookingSlots(data, shop.settings, service, from, to, now).filter((s) => s.start !== booking.appointment.inceput);
  }, { snapshot: true });
}
