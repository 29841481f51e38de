import { defaultReminderDays, defaultSmsTemplates, maxReminderDays, smsTemplateKeys, type SmsTemplateKey, type WriteOp } from '@roaauto/shared';
import { currentSettings, templateTexts, type SmsSettingsRow, type SmsTemplateRow } from './sms';

/** `reminderDays` as typed (a text field): a whole number of days before the due date. */
export type SmsSettingsForm = { expeditor: string; reminders: boolean; reminderDays: string; templates: Record<SmsTemplateKey, string> };

/** The form as the stored rows say it. */
export function settingsForm(settings: readonly SmsSettingsRow[], templates: readonly SmsTemplateRow[]): SmsSettingsForm {
  const current = currentSettings(settings);
  return {
    expeditor: current?.expeditor ?? '',
    reminders: Boolean(current?.remindere),
    reminderDays: String(current?.remindere_zile ?? defaultReminderDays),
    templates: templateTexts(templates),
  };
}

/** The days before the due date: a whole number from 1 to 60. */
export function reminderDaysProblem(days: string): 'sms.settings.reminderDaysHint' | null {
  const v = days.trim();
  return /^\d{1,2}$/.test(v) && Number(v) >= 1 && Number(v) <= maxReminderDays ? null : 'sms.settings.reminderDaysHint';
}

/** The sender name as stored: empty is none; else 3–11 letters, digits, spaces, dots or dashes. */
export function senderProblem(expeditor: string): 'sms.settings.senderHint' | null {
  const v = expeditor.trim();
  return v === '' || /^[A-Za-z0-9 .-]{3,11}$/.test(v) ? null : 'sms.settings.senderHint';
}

/**
 * What saving the form writes: the settings row (made when there is none), and for each purpose whose
 * text changed, its row (a text equal to the default removes the company's own).
 */
export function settingsWrites(settings: readonly SmsSettingsRow[], templates: readonly SmsTemplateRow[], form: SmsSettingsForm): WriteOp[] {
  const ops: WriteOp[] = [];
  const expeditor = form.expeditor.trim() || null;
  // Days that are not a valid number keep what is stored (the page says what is wrong before saving).
  const typed = reminderDaysProblem(form.reminderDays) ? null : Number(form.reminderDays.trim());
  const current = currentSettings(settings);
  if (!current) {
    const reminders = form.reminders ? { remindere: 1, remindere_zile: typed ?? defaultReminderDays } : {};
    if (expeditor || form.reminders) ops.push({ op: 'create', table: 'sms_settings', data: { expeditor, ...reminders } });
  } else {
    const patch: Record<string, unknown> = {};
    if (current.expeditor !== expeditor) patch.expeditor = expeditor;
    if (Boolean(current.remindere) !== form.reminders) patch.remindere = form.reminders ? 1 : 0;
    if (typed !== null && typed !== (current.remindere_zile ?? defaultReminderDays)) patch.remindere_zile = typed;
    if (Object.keys(patch).length) ops.push({ op: 'update', table: 'sms_settings', id: current.id, patch });
  }
  const stored = templateTexts(templates);
  for (const key of smsTemplateKeys) {
    const text = form.templates[key].trim();
    if (text === stored[key]) continue;
    const own = templates.filter((r) => r.cheie === key);
    for (const r of own) ops.push({ op: 'delete', table: 'sms_templates', id: r.id });
    if (text && text !== defaultSmsTemplates[key]) ops.push({ op: 'create', table: 'sms_templates', data: { cheie: key, text } });
  }
  return ops;
}
