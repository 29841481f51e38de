import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { addDays, shopDate } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { appointmentColumns, conflictsOf, dayMark, gridRange, instantOf, minutesOfDay, openIntervals, viewDays, type AppointmentRow } from './calendar';
import { overlapCheck } from './editor';
import { useResources } from './use-resources';

/** The view and the columns stay as the person left them while they open and close appointments (this tab). */
const kept = {
  view: ref<'day' | 'week'>(typeof window !== 'undefined' && window.innerWidth < 768 ? 'day' : 'week'),
  by: ref<'bay' | 'mechanic'>('bay'),
  /** Minutes a drag snaps to. */
  snap: ref<5 | 15>(15),
};

/** A column of the grid: a day and, in the day view, a bay or a mechanic (null: none). */
export type Column = { key: string; date: string; resource: string | null | undefined; label: string };

/**
 * The calendar page's state: the date and view, the columns, the appointments of the days shown (a
 * live query: a booking that arrives by sync shows without a reload), conflicts, and moving one.
 */
export function useCalendar() {
  const { t } = useI18n();
  const database = useDatabase();
  const r = useResources();
  const date = ref(shopDate());
  const view = kept.view;
  const by = kept.by;
  const snapStep = kept.snap;
  const days = computed(() => viewDays(date.value, view.value));
  const list = useLiveQuery<AppointmentRow>(
    ['appointments'],
    `SELECT ${appointmentColumns} FROM appointments WHERE data BETWEEN ? AND ? ORDER BY inceput`,
    () => [days.value[0] ?? date.value, days.value[days.value.length - 1] ?? date.value],
  );
  const rows = computed(() => list.rows.value);
  const conflicts = computed(() => conflictsOf(rows.value));

  const resourceOf = (a: AppointmentRow) => (by.value === 'bay' ? a.post_id : a.mecanic_id);
  const columns = computed<Column[]>(() => {
    if (view.value === 'week') {
      return days.value.map((d) => ({ key: d, date: d, resource: undefined, label: d }));
    }
    const d = date.value;
    const resources = by.value === 'bay'
      ? r.activeBays.value.map((b) => ({ id: b.id, label: b.nume }))
      : r.mechanics.rows.value.filter((m) => m.activ).map((m) => ({ id: m.id, label: r.mechanicName(m) }));
    const cols: Column[] = resources.map((x) => ({ key: x.id, date: d, resource: x.id, label: x.label }));
    const known = new Set(resources.map((x) => x.id));
    // Appointments on no bay (or a bay removed since) get their own column; a shop without bays has only it.
    if (!cols.length || rows.value.some((a) => { const k = resourceOf(a); return k === null || !known.has(k); })) {
      cols.push({ key: '-', date: d, resource: null, label: cols.length ? t(by.value === 'bay' ? 'appointments.calendar.noBay' : 'appointments.calendar.noMechanic') : t('appointments.calendar.shop') });
    }
    return cols;
  });
  const columnOf = (a: AppointmentRow, cols: readonly Column[]): Column | undefined => {
    if (view.value === 'week') return cols.find((c) => c.date === a.data);
    const k = resourceOf(a);
    return cols.find((c) => c.resource === k) ?? cols.find((c) => c.resource === null);
  };
  const range = computed(() => gridRange(r.hours.rows.value, rows.value.map((a) => minutesOfDay(a, a.data))));
  const marks = computed(() => Object.fromEntries(days.value.map((d) => [d, dayMark(d, r.closures.rows.value, r.settings.value.inchis_sarbatori)])));
  const open = (d: string) => openIntervals(r.hours.rows.value, d);

  function shift(n: number): void {
    date.value = addDays(date.value, n * (view.value === 'week' ? 7 : 1));
  }

  const message = shallowRef<string | null>(null);
  /** Moves (or resizes) an appointment to a column and a time, as the overlap policy allows. */
  async function moveTo(a: AppointmentRow, col: Column, start: number, end: number): Promise<boolean> {
    message.value = null;
    const patch: Record<string, unknown> = { inceput: instantOf(col.date, start), sfarsit: instantOf(col.date, end), data: col.date };
    if (col.resource !== undefined) patch[by.value === 'bay' ? 'post_id' : 'mecanic_id'] = col.resource;
    const next: AppointmentRow = { ...a, ...patch };
    const check = overlapCheck(a.id, next, rows.value, r.settings.value.suprapuneri);
    if (check.blocked) {
      message.value = t('appointments.calendar.overlapRefused');
      return false;
    }
    try {
      await (await database.ready()).update('appointments', a.id, patch);
      message.value = t('appointments.calendar.moved');
      return true;
    } catch (err) {
      message.value = errorText(t, err);
      return false;
    }
  }

  return { ...r, date, view, by, snapStep, days, rows, loading: list.loading, conflicts, columns, columnOf, range, marks, open, shift, moveTo, message };
}
