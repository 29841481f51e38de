import { defaultSmsTemplates, smsTemplateKeys, type SmsTemplateKey, type WriteOp } from '@roaauto/shared';
import { currentSettings, templateTexts, type SmsSettingsRow, type SmsTemplateRow } from './sms';

export type SmsSettingsForm = { expeditor: string; templates: Record<SmsTemplateKey, string> };

/** The form as the stored rows say it. */
export function settingsForm(settings: readonly SmsSettingsRow[], templates: readonly SmsTemplateRow[]): SmsSettingsForm {
  return { expeditor: currentSettings(settings)?.expeditor ?? '', templates: templateTexts(templates) };
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
  const current = currentSettings(settings);
  if (!current) {
    if (expeditor) ops.push({ op: 'create', table: 'sms_settings', data: { expeditor } });
  } else if (current.expeditor !== expeditor) ops.push({ op: 'update', table: 'sms_settings', id: current.id, patch: { expeditor } });
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
