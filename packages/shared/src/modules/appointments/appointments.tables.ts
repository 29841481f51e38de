import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { searchKey } from '../../validation/search';
import { hhmmPattern, minutesOf } from './hours';
import { appointmentsRefusals } from './refusals';

const { refuse } = appointmentsRefusals;

const validHours = (from: string, to: string) => hhmmPattern.test(from) && hhmmPattern.test(to) && minutesOf(from) < minutesOf(to);

/** What an appointment is at: booked (waiting for the shop to confirm an online booking), confirmed… */
export const appointmentStatuses = ['booked', 'confirmed', 'arrived', 'no_show', 'cancelled', 'done'] as const;
export type AppointmentStatus = (typeof appointmentStatuses)[number];
/** Statuses that hold their bay and mechanic (the others free them). */
export const holdingStatuses: readonly AppointmentStatus[] = ['booked', 'confirmed', 'arrived', 'done'];

/** How the shop treats two appointments on one bay or mechanic at once. */
export const overlapPolicies = ['refuse', 'warn'] as const;
export type OverlapPolicy = (typeof overlapPolicies)[number];

/** The company's appointment settings: one row (the oldest, if two devices each made one offline). */
export const appointmentSettingsTable = defineTable({
  name: 'appointment_settings',
  module: 'appointments',
  columns: {
    /** Two appointments on the same bay or mechanic: refused, or allowed with a warning. */
    suprapuneri: col.enum(overlapPolicies),
    /** Online bookings: confirmed at once, or waiting for the shop ('booked'). */
    confirmare_auto: col.boolean(),
    /** The booking page is open to customers. */
    rezervari_online: col.boolean(),
    /** The grid of start times the booking page offers, in minutes. */
    pas_minute: col.integer({ min: 5, max: 240 }),
    /** How many days ahead customers may book. */
    orizont_zile: col.integer({ min: 1, max: 180 }),
    /** How long before a slot the booking page stops offering it, in minutes. */
    avans_minute: col.integer({ min: 0, max: 10_080 }),
    /** Closed on Romania's public holidays. */
    inchis_sarbatori: col.boolean(),
    /** The hour (0–23, shop time) the reminder goes the day before; none: no reminders. */
    reminder_ora: col.integer({ nullable: true, min: 0, max: 23 }),
  },
  indexes: [],
  writePermission: 'appointments.manage',
  conflict: 'field',
});

export type AppointmentSettings = {
  suprapuneri: OverlapPolicy; confirmare_auto: boolean; rezervari_online: boolean; pas_minute: number; orizont_zile: number;
  avans_minute: number; inchis_sarbatori: boolean; reminder_ora: number | null;
};

/** What a shop that has not saved its settings gets. */
export const defaultAppointmentSettings: AppointmentSettings = {
  suprapuneri: 'warn', confirmare_auto: true, rezervari_online: false, pas_minute: 30, orizont_zile: 42, avans_minute: 120,
  inchis_sarbatori: true, reminder_ora: 18,
};

/** The settings in force: the oldest row (two devices may each have made one offline), or the defaults. */
export function effectiveAppointmentSettings(rows: readonly (Omit<AppointmentSettings, 'confirmare_auto' | 'rezervari_online' | 'inchis_sarbatori'> & {
  created_at: string; id: string; confirmare_auto: boolean | number; rezervari_online: boolean | number; inchis_sarbatori: boolean | number;
})[]): AppointmentSettings {
  const row = [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0];
  if (!row) return { ...defaultAppointmentSettings };
  return {
    suprapuneri: row.suprapuneri, confirmare_auto: Boolean(row.confirmare_auto), rezervari_online: Boolean(row.rezervari_online),
    pas_minute: row.pas_minute, orizont_zile: row.orizont_zile, avans_minute: row.avans_minute, inchis_sarbatori: Boolean(row.inchis_sarbatori),
    reminder_ora: row.reminder_ora,
  };
}

/** The shop's weekly opening hours: one row per open interval of a weekday (a break is the gap between two). */
export const appointmentHoursTable = defineTable({
  name: 'appointment_hours',
  module: 'appointments',
  columns: {
    /** ISO weekday: 1 Monday … 7 Sunday. */
    zi: col.integer({ min: 1, max: 7 }),
    de_la: col.text(5),
    pana_la: col.text(5),
  },
  indexes: [['zi']],
  writePermission: 'appointments.manage',
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || validHours(row.de_la, row.pana_la) ? null : refuse('appointments.hour_format')),
});

/** Days the shop is closed besides public holidays (a holiday, inventory, a day off). */
export const appointmentClosuresTable = defineTable({
  name: 'appointment_closures',
  module: 'appointments',
  columns: {
    de_la: col.date(),
    pana_la: col.date(),
    motiv: col.text(200, { nullable: true }),
  },
  indexes: [['de_la']],
  writePermission: 'appointments.manage',
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.de_la <= row.pana_la ? null : refuse('appointments.date_range')),
});

/** A work bay (post, elevator): what an appointment occupies. */
export const appointmentBaysTable = defineTable({
  name: 'appointment_bays',
  module: 'appointments',
  columns: {
    nume: col.text(60),
    ordine: col.integer({ min: 0, max: 1000 }),
    activ: col.boolean(),
  },
  indexes: [],
  writePermission: 'appointments.manage',
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.nume.trim() ? null : refuse('appointments.name_required')),
});

/**
 * A service customers book, with its usual duration. With the workshop on, a service is one of the
 * catalog's order types (`tip_deviz_id`), so an order made from the appointment starts with that type.
 */
export const appointmentServicesTable = defineTable({
  name: 'appointment_services',
  module: 'appointments',
  columns: {
    nume: col.text(80),
    durata_minute: col.integer({ min: 5, max: 720 }),
    tip_deviz_id: col.id({ nullable: true, references: 'catalog_tipuri_deviz' }),
    /** Offered on the booking page. */
    online: col.boolean(),
    activ: col.boolean(),
  },
  indexes: [['tip_deviz_id']],
  writePermission: 'appointments.manage',
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.nume.trim() ? null : refuse('appointments.name_required')),
});

/** Parses a campaign's weekdays ("1,2,3,4,5,6"): null when malformed. */
export function campaignWeekdays(text: string): number[] | null {
  const days = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (!days.length || days.some((d) => !/^[1-7]$/.test(d))) return null;
  return [...new Set(days.map(Number))].sort();
}

/** Parses a campaign's bays (a JSON array of bay ids; empty: every active bay): null when malformed. */
export function campaignBays(text: string): string[] | null {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v) : null;
  } catch {
    return null;
  }
}

/**
 * A campaign for a rush (winter tyres): on its days, for its one service, the booking page offers only
 * its short slots (e.g. every 20 minutes) on its bays, between its hours.
 */
export const appointmentCampaignsTable = defineTable({
  name: 'appointment_campaigns',
  module: 'appointments',
  columns: {
    nume: col.text(80),
    service_id: col.id({ references: 'appointment_services' }),
    de_la: col.date(),
    pana_la: col.date(),
    /** ISO weekdays, comma-separated: "1,2,3,4,5,6". */
    zile: col.text(20),
    ora_start: col.text(5),
    ora_sfarsit: col.text(5),
    /** The length of each slot, in minutes (also each booking's duration). */
    slot_minute: col.integer({ min: 5, max: 240 }),
    /** JSON array of bay ids; [] means every active bay. */
    posturi: col.text(4000),
    activ: col.boolean(),
  },
  indexes: [['service_id'], ['de_la']],
  writePermission: 'appointments.manage',
  conflict: 'field',
  check: ({ row, deleting }) => {
    if (deleting) return null;
    if (!row.nume.trim()) return refuse('appointments.name_required');
    if (row.de_la > row.pana_la) return refuse('appointments.date_range');
    if (!validHours(row.ora_start, row.ora_sfarsit)) return refuse('appointments.hour_format');
    if (!campaignWeekdays(row.zile)) return refuse('appointments.weekdays');
    if (!campaignBays(row.posturi)) return refuse('appointments.bays_list');
    return null;
  },
});

const twelveHours = 12 * 3600_000;

/**
 * An appointment: a time on a bay and/or with a mechanic, for a customer and a vehicle. Devices write
 * them offline like any row; two that overlap on one bay are both kept and shown as a conflict (the
 * calendar and `appointmentConflicts`), never merged away. Online bookings are written by the server.
 */
export const appointmentsTable = defineTable({
  name: 'appointments',
  module: 'appointments',
  columns: {
    inceput: col.timestamp(),
    sfarsit: col.timestamp(),
    /** The shop's calendar day it starts on (for the day's list). */
    data: col.date(),
    post_id: col.id({ nullable: true, references: 'appointment_bays' }),
    mecanic_id: col.id({ nullable: true, references: 'mecanici' }),
    service_id: col.id({ nullable: true, references: 'appointment_services' }),
    campaign_id: col.id({ nullable: true, references: 'appointment_campaigns' }),
    client_id: col.id({ nullable: true, references: 'clients' }),
    vehicle_id: col.id({ nullable: true, references: 'vehicles' }),
    client_nume: col.text(200, { nullable: true }),
    client_telefon: col.text(40, { nullable: true }),
    client_email: col.text(254, { nullable: true }),
    nr_auto: col.text(20, { nullable: true }),
    observatii: col.text(2000, { nullable: true }),
    status: col.enum(appointmentStatuses),
    sursa: col.enum(['shop', 'online']),
    /** The order made from it. */
    order_id: col.id({ nullable: true, references: 'orders' }),
  },
  indexes: [['data'], ['post_id', 'data'], ['client_id'], ['vehicle_id'], ['order_id'], ['status', 'data']],
  writePermission: 'appointments.write',
  conflict: 'field',
  check: ({ row, deleting }) => {
    if (deleting) return null;
    const start = Date.parse(row.inceput);
    const end = Date.parse(row.sfarsit);
    if (!(end > start) || end - start > twelveHours) return refuse('appointments.time_range');
    if (!row.client_id && !row.client_nume?.trim() && !row.client_telefon?.trim()) return refuse('appointments.customer_required');
    return null;
  },
  search: (row) => searchKey([row.client_nume, row.client_telefon, row.client_telefon?.replace(/\D/g, ''), row.nr_auto, row.nr_auto?.replace(/[\s-]/g, '')]
    .filter(Boolean).join(' ')),
});
