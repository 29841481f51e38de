import { col } from '../../schema/columns';
import { defineTable } from '../../schema/table';
import { smsRefusals } from './refusals';
import { normalizePhone } from './segments';
import { smsTemplateKeys } from './templates';

const { refuse } = smsRefusals;

export const smsStatuses = ['queued', 'sending', 'sent', 'delivered', 'failed', 'refused'] as const;
export type SmsStatus = (typeof smsStatuses)[number];
/** Why the server refused a message without sending it. */
export const smsRefusalReasons = ['opt_out', 'limit', 'bad_number'] as const;
export type SmsRefusalReason = (typeof smsRefusalReasons)[number];

/**
 * An SMS to a customer. A device writes it `queued` (also offline); the server sends it once when it
 * arrives and records what happened (status, segments, cost, the provider's id, delivery): devices
 * never change a message after writing it.
 */
export const smsMessagesTable = defineTable({
  name: 'sms_messages',
  module: 'sms',
  columns: {
    client_id: col.id({ nullable: true, references: 'clients' }),
    order_id: col.id({ nullable: true, references: 'orders' }),
    /** As typed; the server sends to its international form (normalizePhone). */
    telefon: col.text(40),
    text: col.text(1000),
    template: col.enum(smsTemplateKeys, { nullable: true }),
    status: col.enum(smsStatuses),
    motiv: col.enum(smsRefusalReasons, { nullable: true }),
    segmente: col.integer({ min: 0, max: 20 }),
    codare: col.enum(['gsm7', 'ucs2']),
    /** What the segments cost, in bani, at the deployment's price per segment. */
    cost: col.money({ nullable: true }),
    provider_id: col.text(100, { nullable: true }),
    eroare: col.text(400, { nullable: true }),
    trimis_la: col.timestamp({ nullable: true }),
    livrat_la: col.timestamp({ nullable: true }),
  },
  indexes: [['client_id'], ['order_id']],
  writePermission: 'messages.send',
  conflict: 'base-version',
  check: ({ row, previous, deleting }) => {
    if (previous || deleting) return refuse('sms.message_readonly');
    if (row.status !== 'queued') return refuse('sms.new_not_queued');
    if (!row.text.trim()) return refuse('sms.text_required');
    if (!normalizePhone(row.telefon)) return refuse('sms.bad_phone', { phone: row.telefon });
    return null;
  },
  search: (row) => [row.telefon, row.telefon.replace(/\D/g, ''), row.text].join(' ').toLowerCase(),
});

/** A company's own text for one purpose; without a row the default is used (the newest row wins). */
export const smsTemplatesTable = defineTable({
  name: 'sms_templates',
  module: 'sms',
  columns: {
    cheie: col.enum(smsTemplateKeys),
    text: col.text(1000),
  },
  indexes: [['cheie']],
  writePermission: 'messages.manage',
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.text.trim() ? null : refuse('sms.text_required')),
});

/** The company's SMS settings: one row (the oldest, if two devices each made one offline). */
export const smsSettingsTable = defineTable({
  name: 'sms_settings',
  module: 'sms',
  columns: {
    /** The sender name the customer sees (registered with the provider); none: the provider's default. */
    expeditor: col.text(11, { nullable: true }),
    /** Automatic due-date reminders (ITP, RCA, service) on; none: off. */
    remindere: col.boolean({ nullable: true }),
    /** How many days before the due date the reminder goes; none: the default (7). */
    remindere_zile: col.integer({ nullable: true, min: 1, max: 60 }),
  },
  indexes: [],
  writePermission: 'messages.manage',
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || row.expeditor === null || /^[A-Za-z0-9 .-]{3,11}$/.test(row.expeditor) ? null : refuse('sms.sender_name')),
});

/**
 * A number that wants no SMS: marked by hand on the customer's page, or written by the server when the
 * customer answered STOP. Deleting the row lets messages go again.
 */
export const smsOptOutsTable = defineTable({
  name: 'sms_optouts',
  module: 'sms',
  columns: {
    /** International digits (normalizePhone). */
    telefon: col.text(20),
    client_id: col.id({ nullable: true, references: 'clients' }),
    sursa: col.enum(['manual', 'stop']),
  },
  indexes: [['telefon'], ['client_id']],
  writePermission: 'messages.send',
  conflict: 'field',
  check: ({ row, deleting }) => (deleting || normalizePhone(row.telefon) === row.telefon ? null : refuse('sms.bad_phone', { phone: row.telefon })),
});
