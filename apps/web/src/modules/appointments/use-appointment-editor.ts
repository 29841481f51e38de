import { computed, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute, useRouter } from 'vue-router';
import { addDays, newId, shopDate, type AppointmentStatus } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';
import { customerListQuery, type CustomerListRow } from '@/modules/core/pages/customers/customer-list';
import { appointmentColumns, clock, minutesOfDay, type AppointmentRow } from './calendar';
import { formOf, formProblem, newForm, noShowQuery, overlapCheck, rowOf, saveOps, withService, type AppointmentForm } from './editor';
import { useResources } from './use-resources';
import { writeAppointments } from './permissions';

const one = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '');

/**
 * The appointment editor's state: a new appointment (from a tap on the calendar: date, time, bay or
 * mechanic in the query) or a stored one, kept live; the customer picked by search or typed; the
 * overlap check as the shop's policy says; the status's next steps.
 */
export function useAppointmentEditor(id: () => string | undefined) {
  const { t } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const database = useDatabase();
  const session = useSession();
  const r = useResources();
  const key = ref(id() ?? newId());
  const isNew = computed(() => !id());
  const canEdit = computed(() => session.allowed(writeAppointments));

  const storedQuery = useLiveQuery<AppointmentRow>(['appointments'], `SELECT ${appointmentColumns} FROM appointments WHERE id = ?`, () => [key.value]);
  const stored = computed(() => storedQuery.rows.value[0] ?? null);

  const form = ref<AppointmentForm>(newForm(one(route.query.date) || shopDate(), Number(one(route.query.start) || 540), one(route.query.bay) || null));
  form.value.mecanic_id = one(route.query.mechanic);
  form.value.client_id = one(route.query.client);
  let loaded = false;
  watch(stored, (row) => {
    if (row && !loaded) {
      form.value = formOf(row);
      loaded = true;
    }
  }, { immediate: true });

  const search = ref('');
  const customerQuery = computed(() => customerListQuery(search.value, 8));
  const found = useLiveQuery<CustomerListRow>(
    ['clients'],
    () => (search.value.trim() ? customerQuery.value.sql : 'SELECT id, tip, nume, telefon, cod_fiscal, localitate FROM clients WHERE 0'),
    () => (search.value.trim() ? customerQuery.value.params : []),
  );
  const customers = computed(() => (search.value.trim() ? found.rows.value : []));
  const picked = useLiveQuery<{ id: string; nume: string; telefon: string | null }>(['clients'], 'SELECT id, nume, telefon FROM clients WHERE id = ?', () => [form.value.client_id]);
  const customer = computed(() => picked.rows.value[0] ?? null);
  function pick(c: CustomerListRow): void {
    form.value = { ...form.value, client_id: c.id, client_nume: c.nume, client_telefon: c.telefon ?? '' };
    search.value = '';
  }
  function unpick(): void {
    form.value = { ...form.value, client_id: '', vehicle_id: '' };
  }
  const vehicles = useLiveQuery<{ id: string; nr_inmatriculare: string }>(['vehicles'], () => (r.workshop.value
    ? 'SELECT id, nr_inmatriculare FROM vehicles WHERE client_id = ? ORDER BY nr_inmatriculare'
    : 'SELECT id, nr_inmatriculare FROM vehicles WHERE 0 AND id = ?'), () => [form.value.client_id]);
  watch(() => form.value.vehicle_id, (v) => {
    const plate = vehicles.rows.value.find((x) => x.id === v)?.nr_inmatriculare;
    if (plate) form.value.nr_auto = plate;
  });

  const noShows = useLiveQuery<{ n: number }>(['appointments'], () => noShowQuery('', '').sql, () => noShowQuery(form.value.client_id, form.value.client_telefon).params);
  const noShowCount = computed(() => noShows.rows.value[0]?.n ?? 0);

  // The appointments around its day, for the overlap check.
  const near = useLiveQuery<AppointmentRow>(['appointments'], `SELECT ${appointmentColumns} FROM appointments WHERE data BETWEEN ? AND ?`,
    () => [addDays(form.value.date || shopDate(), -1), addDays(form.value.date || shopDate(), 1)]);
  const problem = computed(() => formProblem(form.value));
  const check = computed(() => (problem.value ? { clashes: [], blocked: false } : overlapCheck(key.value, rowOf(form.value), near.rows.value, r.settings.value.suprapuneri)));
  const clashList = computed(() => check.value.clashes.map((a) => {
    const s = minutesOfDay(a, a.data);
    return `${clock(s.start)}–${clock(s.end)} ${a.client_nume ?? a.client_telefon ?? ''}`.trim();
  }).join(', '));
  const warned = ref(false);
  watch(clashList, () => (warned.value = false));

  const error = shallowRef<string | null>(null);
  const showProblem = ref(false);
  async function save(): Promise<void> {
    error.value = null;
    showProblem.value = true;
    if (problem.value || check.value.blocked) return;
    if (check.value.clashes.length && !warned.value) {
      warned.value = true;
      return;
    }
    try {
      const ops = saveOps(key.value, stored.value, form.value);
      if (ops.length) await (await database.ready()).write(ops);
      await router.push({ path: '/appointments', query: { date: form.value.date } });
    } catch (err) {
      error.value = errorText(t, err);
    }
  }

  async function setStatus(status: AppointmentStatus): Promise<void> {
    error.value = null;
    form.value.status = status;
    if (!stored.value) return;
    try {
      await (await database.ready()).update('appointments', key.value, { status });
    } catch (err) {
      error.value = errorText(t, err);
    }
  }

  async function remove(): Promise<void> {
    error.value = null;
    try {
      await (await database.ready()).write([{ op: 'delete', table: 'appointments', id: key.value }]);
      await router.push({ path: '/appointments', query: { date: form.value.date } });
    } catch (err) {
      error.value = errorText(t, err);
    }
  }

  function pickService(serviceId: string): void {
    form.value = withService(form.value, r.services.rows.value.find((s) => s.id === serviceId));
  }

  return {
    ...r, key, isNew, canEdit, stored, loading: storedQuery.loading, form, search, customers, customer, pick, unpick, vehicles, noShowCount,
    problem, showProblem, check, clashList, warned, error, save, setStatus, remove, pickService,
  };
}
