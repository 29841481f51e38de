import { defaultAppointmentSettings, effectiveAppointmentSettings, hhmmPattern, minutesOf, type AppointmentSettings, type WriteOp } from '@roaauto/shared';

/** The settings pages' models: weekly hours, the general settings row, bays' order. */

export type HoursRow = { id: string; zi: number; de_la: string; pana_la: string };
/** The settings row as the local database gives it (booleans as 0/1). */
export type SettingsRow = {
  id: string; created_at: string; suprapuneri: AppointmentSettings['suprapuneri']; confirmare_auto: number; rezervari_online: number; inchis_sarbatori: number;
  pas_minute: number; orizont_zile: number; avans_minute: number; reminder_ora: number | null;
};
export type HourDraft = { id: string | null; de_la: string; pana_la: string };
/** Per ISO weekday (1–7) its intervals. */
export type Week = Record<number, HourDraft[]>;

export const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

export function weekOf(rows: readonly HoursRow[]): Week {
  const week: Week = {};
  for (const d of weekdays) {
    week[d] = rows.filter((r) => r.zi === d).sort((a, b) => a.de_la.localeCompare(b.de_la)).map((r) => ({ id: r.id, de_la: r.de_la, pana_la: r.pana_la }));
  }
  return week;
}

/** Monday's intervals on every day Monday to Friday (new rows; the weekend is left as it is). */
export function copyMonday(week: Week): Week {
  const monday = week[1] ?? [];
  const out: Week = { ...week };
  for (const d of [2, 3, 4, 5]) out[d] = monday.map((h) => ({ id: null, de_la: h.de_la, pana_la: h.pana_la }));
  return out;
}

/** The first wrong interval: a malformed time, an end not after the start, or two that overlap. */
export function weekProblem(week: Week): { day: number; key: 'appointments.settings.hoursFormat' | 'appointments.settings.hoursOverlap' } | null {
  for (const d of weekdays) {
    const list = week[d] ?? [];
    for (const h of list) {
      if (!hhmmPattern.test(h.de_la) || !hhmmPattern.test(h.pana_la) || minutesOf(h.de_la) >= minutesOf(h.pana_la)) return { day: d, key: 'appointments.settings.hoursFormat' };
    }
    const sorted = [...list].sort((a, b) => a.de_la.localeCompare(b.de_la));
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (prev && cur && minutesOf(cur.de_la) < minutesOf(prev.pana_la)) return { day: d, key: 'appointments.settings.hoursOverlap' };
    }
  }
  return null;
}

/** Saving the week: stored intervals removed or changed, new ones made. */
export function hoursWrites(stored: readonly HoursRow[], week: Week): WriteOp[] {
  const ops: WriteOp[] = [];
  const kept = new Set<string>();
  for (const d of weekdays) {
    for (const h of week[d] ?? []) {
      const old = h.id ? stored.find((r) => r.id === h.id) : undefined;
      if (old) {
        kept.add(old.id);
        if (old.de_la !== h.de_la || old.pana_la !== h.pana_la || old.zi !== d) ops.push({ op: 'update', table: 'appointment_hours', id: old.id, patch: { zi: d, de_la: h.de_la, pana_la: h.pana_la } });
      } else {
        ops.push({ op: 'create', table: 'appointment_hours', data: { zi: d, de_la: h.de_la, pana_la: h.pana_la } });
      }
    }
  }
  for (const r of stored) if (!kept.has(r.id)) ops.push({ op: 'delete', table: 'appointment_hours', id: r.id });
  return [...ops.filter((o) => o.op === 'delete'), ...ops.filter((o) => o.op !== 'delete')];
}

/** The general settings as a form (numbers as typed text). */
export type GeneralForm = {
  suprapuneri: AppointmentSettings['suprapuneri']; confirmare_auto: boolean; rezervari_online: boolean; inchis_sarbatori: boolean;
  pas_minute: string; orizont_zile: string; avans_minute: string; reminder_ora: string;
};

export function generalForm(rows: readonly SettingsRow[]): GeneralForm {
  const s = effectiveAppointmentSettings(rows);
  return {
    suprapuneri: s.suprapuneri, confirmare_auto: s.confirmare_auto, rezervari_online: s.rezervari_online, inchis_sarbatori: s.inchis_sarbatori,
    pas_minute: String(s.pas_minute), orizont_zile: String(s.orizont_zile), avans_minute: String(s.avans_minute), reminder_ora: s.reminder_ora === null ? '' : String(s.reminder_ora),
  };
}

const limits = { pas_minute: [5, 240], orizont_zile: [1, 180], avans_minute: [0, 10_080], reminder_ora: [0, 23] } as const;

/** The fields out of range, by name. */
export function generalProblems(f: GeneralForm): (keyof typeof limits)[] {
  return (Object.keys(limits) as (keyof typeof limits)[]).filter((k) => {
    const v = f[k].trim();
    if (k === 'reminder_ora' && v === '') return false;
    const [min, max] = limits[k];
    return !/^\d+$/.test(v) || Number(v) < min || Number(v) > max;
  });
}

/** Saving the general settings: the row in force patched, or made. */
export function generalWrites(rows: readonly SettingsRow[], f: GeneralForm): WriteOp[] {
  const values = {
    suprapuneri: f.suprapuneri, confirmare_auto: f.confirmare_auto ? 1 : 0, rezervari_online: f.rezervari_online ? 1 : 0, inchis_sarbatori: f.inchis_sarbatori ? 1 : 0,
    pas_minute: Number(f.pas_minute), orizont_zile: Number(f.orizont_zile), avans_minute: Number(f.avans_minute),
    reminder_ora: f.reminder_ora.trim() === '' ? null : Number(f.reminder_ora),
  };
  const current = [...rows].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))[0];
  if (!current) return [{ op: 'create', table: 'appointment_settings', data: { ...values } }];
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (current[k as keyof SettingsRow] !== v) patch[k] = v;
  }
  return Object.keys(patch).length ? [{ op: 'update', table: 'appointment_settings', id: current.id, patch }] : [];
}

export { defaultAppointmentSettings };

/** Moving a bay up or down: the new `ordine` of every bay whose place changed. */
export function reorder(bays: readonly { id: string; ordine: number }[], id: string, by: -1 | 1): WriteOp[] {
  const list = [...bays];
  const i = list.findIndex((b) => b.id === id);
  const j = i + by;
  if (i < 0 || j < 0 || j >= list.length) return [];
  const a = list[i];
  const b = list[j];
  if (!a || !b) return [];
  list[i] = b;
  list[j] = a;
  return list.flatMap((bay, k) => (bay.ordine === k ? [] : [{ op: 'update' as const, table: 'appointment_bays', id: bay.id, patch: { ordine: k } }]));
}

/** A new campaign as typed. */
export type CampaignForm = {
  nume: string; service_id: string; de_la: string; pana_la: string; zile: number[]; ora_start: string; ora_sfarsit: string; slot_minute: string; posturi: string[];
};

/** The campaign's row, or the key of its first problem. */
export function campaignRow(f: CampaignForm): { data: Record<string, unknown> } | { problem: string } {
  if (!f.nume.trim()) return { problem: 'appointments.settings.campaignName' };
  if (!f.service_id) return { problem: 'appointments.settings.campaignService' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.de_la) || !/^\d{4}-\d{2}-\d{2}$/.test(f.pana_la) || f.pana_la < f.de_la) return { problem: 'appointments.settings.closureTo' };
  if (!f.zile.length) return { problem: 'appointments.settings.campaignDays' };
  if (!hhmmPattern.test(f.ora_start) || !hhmmPattern.test(f.ora_sfarsit) || minutesOf(f.ora_start) >= minutesOf(f.ora_sfarsit)) return { problem: 'appointments.settings.hoursFormat' };
  const slot = Number(f.slot_minute);
  if (!/^\d{1,3}$/.test(f.slot_minute.trim()) || slot < 5 || slot > 240) return { problem: 'appointments.settings.slotMinutes' };
  return {
    data: {
      nume: f.nume.trim(), service_id: f.service_id, de_la: f.de_la, pana_la: f.pana_la, zile: [...new Set(f.zile)].sort().join(','), ora_start: f.ora_start,
      ora_sfarsit: f.ora_sfarsit, slot_minute: slot, posturi: JSON.stringify(f.posturi), activ: 1,
    },
  };
}
