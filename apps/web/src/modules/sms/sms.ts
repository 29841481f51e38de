import {
  countSegments, defaultSmsTemplates, formatMoney, normalizePhone, renderSmsTemplate, smsTemplateKeys,
  type SegmentCount, type SmsTemplateKey, type SmsValues,
} from '@roaauto/shared';

/** A stored message (the columns the pages read). */
export type SmsMessageRow = {
  id: string;
  client_id: string | null;
  order_id: string | null;
  telefon: string;
  text: string;
  template: SmsTemplateKey | null;
  status: 'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'refused';
  motiv: 'opt_out' | 'limit' | 'bad_number' | null;
  segmente: number;
  codare: 'gsm7' | 'ucs2';
  cost: number | null;
  eroare: string | null;
  created_at: string;
  trimis_la: string | null;
  livrat_la: string | null;
};
export type SmsTemplateRow = { id: string; cheie: SmsTemplateKey; text: string; updated_at: string };
export type SmsSettingsRow = {
  id: string; expeditor: string | null; created_at: string;
  /** Automatic due-date reminders: on (1), off (0 or none); the days before (none: the default). */
  remindere?: number | null; remindere_zile?: number | null;
};
export type SmsOptOutRow = { id: string; telefon: string; client_id: string | null; sursa: 'manual' | 'stop' };

/** The company's text for each purpose: its newest row, else the default. */
export function templateTexts(rows: readonly SmsTemplateRow[]): Record<SmsTemplateKey, string> {
  const out = { ...defaultSmsTemplates };
  const newest = new Map<SmsTemplateKey, SmsTemplateRow>();
  for (const r of rows) {
    const seen = newest.get(r.cheie);
    if (!seen || r.updated_at > seen.updated_at) newest.set(r.cheie, r);
  }
  for (const [key, r] of newest) out[key] = r.text;
  return out;
}

/** The settings row in use: the oldest, when two devices each made one offline. */
export function currentSettings(rows: readonly SmsSettingsRow[]): SmsSettingsRow | null {
  return [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0] ?? null;
}

/** What fills a template, from what the page knows (the portal link only when the order has one). */
export function smsValues(input: {
  client?: string | null; plate?: string | null; company?: string | null; companyPhone?: string | null;
  totalBani?: number | null; link?: string | null; date?: string | null;
}): SmsValues {
  return {
    client: input.client ?? null,
    nr_auto: input.plate ?? null,
    firma: input.company ?? null,
    telefon_firma: input.companyPhone ?? null,
    total: input.totalBani === null || input.totalBani === undefined ? null : formatMoney(input.totalBani),
    link: input.link ?? null,
    data: input.date ?? null,
  };
}

export function composeText(templates: Record<SmsTemplateKey, string>, key: SmsTemplateKey, values: SmsValues): string {
  return renderSmsTemplate(templates[key], values);
}

/** What the composer shows under the text: characters, segments, encoding and the cost estimate. */
export type ComposerMeter = SegmentCount & { costBani: number | null };
export function meter(text: string, segmentPriceBani: number | null): ComposerMeter {
  const count = countSegments(text);
  return { ...count, costBani: segmentPriceBani === null ? null : count.segments * segmentPriceBani };
}

/** Why the composer will not queue a message (a message key), or null when it may. */
export type ComposerProblem = 'sms.composer.noPhone' | 'sms.composer.badPhone' | 'sms.composer.optedOut' | 'sms.composer.empty' | 'sms.composer.tooLong' | 'sms.composer.limitReached';
export function composerProblem(input: { phone: string; text: string; optedOut: ReadonlySet<string>; used: number; max: number | null }): ComposerProblem | null {
  if (!input.phone.trim()) return 'sms.composer.noPhone';
  const phone = normalizePhone(input.phone);
  if (!phone) return 'sms.composer.badPhone';
  if (input.optedOut.has(phone)) return 'sms.composer.optedOut';
  if (!input.text.trim()) return 'sms.composer.empty';
  if (input.text.length > 1000) return 'sms.composer.tooLong';
  if (input.max !== null && input.used >= input.max) return 'sms.composer.limitReached';
  return null;
}

/** The row a device writes: queued, sent by the server when it gets it (also after a time offline). */
export function newSmsMessage(input: { phone: string; text: string; clientId: string | null; orderId: string | null; template: SmsTemplateKey | null }): Record<string, unknown> {
  const { segments, encoding } = countSegments(input.text);
  return {
    client_id: input.clientId, order_id: input.orderId, telefon: input.phone.trim(), text: input.text, template: input.template,
    status: 'queued', motiv: null, segmente: segments, codare: encoding, cost: null, provider_id: null, eroare: null, trimis_la: null, livrat_la: null,
  };
}

/** The first moment of the local calendar month of `now`, as stored timestamps compare (ISO, UTC). */
export function monthStart(now: Date = new Date()): string {
  return new Date(now.getFullYear(), now.getMonth(), 1).toISOString();
}

/** This month's messages that count against the plan's limit (all but refused and failed ones). */
export const monthUsageSql = `SELECT COUNT(*) AS n FROM sms_messages WHERE created_at >= ? AND status NOT IN ('refused', 'failed')`;

/** The numbers that want no SMS, in international digits. */
export function optedOutNumbers(rows: readonly SmsOptOutRow[]): Set<string> {
  return new Set(rows.map((r) => r.telefon));
}

/** The templates the composer offers: all but the automatic reminder's, which the server fills. */
export const templateKeys = smsTemplateKeys.filter((k) => k !== 'due_reminder');
