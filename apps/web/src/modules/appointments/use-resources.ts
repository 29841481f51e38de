import { computed } from 'vue';
import { effectiveAppointmentSettings } from '@roaauto/shared';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';
import type { ServiceRow } from './editor';
import type { HoursRow, SettingsRow } from './settings';

export type BayRow = { id: string; nume: string; ordine: number; activ: number };
export type MechanicRow = { id: string; nume: string; prenume: string | null; activ: number };
export type ClosureRow = { id: string; de_la: string; pana_la: string; motiv: string | null };

/**
 * The shop's appointment setup from the local database, kept live: settings in force, weekly hours,
 * closed days, bays, services and (with the workshop on) mechanics.
 */
export function useResources() {
  const session = useSession();
  const workshop = computed(() => session.modules.workshop);
  const settingsRows = useLiveQuery<SettingsRow>(['appointment_settings'], `SELECT id, created_at, suprapuneri, confirmare_auto, rezervari_online, pas_minute, orizont_zile,
    avans_minute, inchis_sarbatori, reminder_ora FROM appointment_settings`);
  const hours = useLiveQuery<HoursRow>(['appointment_hours'], 'SELECT id, zi, de_la, pana_la FROM appointment_hours ORDER BY zi, de_la');
  const closures = useLiveQuery<ClosureRow>(['appointment_closures'], 'SELECT id, de_la, pana_la, motiv FROM appointment_closures ORDER BY de_la');
  const bays = useLiveQuery<BayRow>(['appointment_bays'], 'SELECT id, nume, ordine, activ FROM appointment_bays ORDER BY ordine, nume');
  const services = useLiveQuery<ServiceRow>(['appointment_services'], 'SELECT id, nume, durata_minute, tip_deviz_id, online, activ FROM appointment_services ORDER BY nume');
  const mechanics = useLiveQuery<MechanicRow>(['mecanici'], () => (workshop.value
    ? 'SELECT id, nume, prenume, activ FROM mecanici ORDER BY nume, prenume'
    : 'SELECT id, nume, prenume, activ FROM mecanici WHERE 0'), () => [workshop.value ? 1 : 0]);
  const settings = computed(() => effectiveAppointmentSettings(settingsRows.rows.value));
  const activeBays = computed(() => bays.rows.value.filter((b) => b.activ));
  const mechanicName = (m: MechanicRow) => [m.nume, m.prenume].filter(Boolean).join(' ');
  return { workshop, settingsRows, settings, hours, closures, bays, activeBays, services, mechanics, mechanicName };
}
