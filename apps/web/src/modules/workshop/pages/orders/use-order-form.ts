import { computed, onBeforeUnmount, onMounted, reactive, ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { onBeforeRouteLeave, useRoute, useRouter } from 'vue-router';
import { newId, orderTotals, shopDate, type ClientDetails, type LineKind, type OrderStatus } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { useLiveQuery } from '@/app/live-query';
import { errorText } from '@/app/errors';
import { mechanicName, mechanicOptions } from '../../mechanics';
import { nextOrderNumber } from '../../order-numbers';
import { useMechanics } from '../../use-mechanics';
import type { OrderLineRow, OrderRow } from '../../order-rows';
import { createAutosave } from './autosave';
import {
  countedAmounts, defaultLabourRate, emptyFields, emptySnapshot, fieldsOfOrder, fromLineRow, hasContent, lineProblem, mechanicToStore, moveLine as moveInList, newLine,
  normKey, orderHeader, parseKm, saveStateOf, snapshotOf, snapshotOfOrder, unsavedLineCount, type LineDraft, type Mechanic, type Norm,
} from './order-form';
import { lineColumns, planSave } from './order-save';

/** How long the form waits after a change before it saves. */
const pauseMs = 600;

/**
 * The order form's state and its saving. It saves by itself: a short pause after each change (and at
 * once when the vehicle is chosen, when the page is hidden or left), each save one local write of the
 * order, its lines and its totals. A phone may drop a tab in the background without warning; an
 * explicit Save would lose that work. A line is written once it is complete (description and figures);
 * an incomplete one is kept on screen and flagged, and leaving with one asks first.
 */
export function useOrderForm(id: Ref<string | undefined>, editor: Ref<HTMLElement | null>) {
  const { t, locale } = useI18n();
  const route = useRoute();
  const router = useRouter();
  const database = useDatabase();

  // ---------- catalog lists (read once per change of the catalog, shared by every line) ----------

  const normRows = useLiveQuery<{ id: string; cod: string | null; denumire: string; ore_normate: string }>(
    ['catalog_norme'],
    'SELECT id, cod, denumire, ore_normate FROM catalog_norme WHERE activ = 1 ORDER BY cod, denumire',
  );
  const norms = computed<Norm[]>(() => normRows.rows.value.map((n) => ({ ...n, key: normKey(n) })));
  const staff = useMechanics();
  const mechanics = computed<Mechanic[]>(() => staff.rows.value.map((m) => ({ id: m.id, name: mechanicName(m), activ: m.activ })));
  const typeRows = useLiveQuery<{ id: string; denumire: string; activ: number }>(['catalog_tipuri_deviz'], 'SELECT id, denumire, activ FROM catalog_tipuri_deviz ORDER BY denumire');
  const priceRows = useLiveQuery<{ denumire: string; pret: number; um: string }>(
    ['catalog_preturi'],
    'SELECT denumire, pret, um FROM catalog_preturi WHERE activ = 1 ORDER BY created_at, id',
  );
  const defaultRate = computed(() => defaultLabourRate(priceRows.rows.value));

  // ---------- the form ----------

  const orderId = ref<string>(newId());
  /** Whether the order is in the database (a new one is written at its first save). */
  const created = ref(false);
  const loaded = ref(false);
  const notFound = ref(false);
  const status = ref<OrderStatus>('DRAFT');
  const nrComanda = ref<number | null>(null);
  const vehicle = reactive(emptySnapshot());
  const form = reactive(emptyFields(shopDate()));
  const lines = ref<LineDraft[]>([]);
  /** The line whose fields are open (one at a time; the others show a summary). */
  const activeId = ref<string | null>(null);
  /** Line ids this form loaded or wrote (so a line added on another device is never deleted from here). */
  let known = new Set<string>();
  /** The number of the new order, once taken (undefined: not yet; null: given by the server at the next sync). */
  let reservedNumber: number | null | undefined;
  /** The order's mechanic as last read or written here: a change made elsewhere shows in the form unless the person changed it here. */
  let storedMechanic: string | null = null;

  const readOnly = computed(() => status.value !== 'DRAFT');
  const saveError = ref<string | null>(null);
  const autosave = createAutosave(persist, {
    pauseMs,
    canSave: () => loaded.value && !readOnly.value && !notFound.value,
    state: reactive({ pending: false, saving: false }),
  });

  const kmValue = computed(() => parseKm(form.km));
  const labourLines = computed(() => lines.value.filter((l) => l.tip === 'manopera'));
  const materialLines = computed(() => lines.value.filter((l) => l.tip === 'material'));
  /** The form's two line sections: labour, then materials. */
  const lineSections = computed(() => [
    { kind: 'manopera' as const, lines: labourLines.value, title: 'workshop.orders.labour', add: 'workshop.orders.addLabour', listTestId: 'labour-lines', addTestId: 'order-add-labour' },
    { kind: 'material' as const, lines: materialLines.value, title: 'workshop.orders.materials', add: 'workshop.orders.addMaterial', listTestId: 'material-lines', addTestId: 'order-add-material' },
  ]);
  /** Live totals of what is on screen (an incomplete line counts 0), with the shared rules. */
  const totals = computed(() => orderTotals(lines.value.map(countedAmounts)));
  const incomplete = computed(() => lines.value.filter((l) => lineProblem(l)).length);

  function resetForm(): void {
    orderId.value = newId();
    created.value = false;
    notFound.value = false;
    status.value = 'DRAFT';
    nrComanda.value = null;
    Object.assign(vehicle, emptySnapshot());
    Object.assign(form, emptyFields(shopDate()));
    lines.value = [];
    activeId.value = null;
    known = new Set();
    reservedNumber = undefined;
    storedMechanic = null;
    saveError.value = null;
  }

  /** A mechanic's new order is theirs from the start (else it would leave their device at the next sync). */
  function applyOwnMechanic(): void {
    if (created.value || staff.reach.value !== 'assigned' || form.mecanic_id) return;
    form.mecanic_id = staff.own.value?.id ?? '';
  }
  // Their mechanic row may arrive with the first sync, after the form opened.
  watch(() => staff.own.value?.id, applyOwnMechanic);
  /** The choices of the order's mechanic (the one it has even if deactivated since). */
  const mechanicChoices = computed(() => mechanicOptions(staff.rows.value, form.mecanic_id || null));
  /** A mechanic whose account no mechanic of the catalog is linked to: their orders have no mechanic. */
  const unlinkedMechanic = computed(() => staff.reach.value === 'assigned' && !staff.loading.value && !staff.own.value);

  async function load(id: string | undefined): Promise<void> {
    loaded.value = false;
    resetForm();
    const db = await database.ready();
    if (!id) {
      const fromQuery = typeof route.query.vehicle === 'string' ? route.query.vehicle : null;
      if (fromQuery) {
        const [v] = await db.query(`SELECT * FROM vehicles WHERE id = ?`, [fromQuery]);
        if (v) await applyVehicle(v);
      }
      applyOwnMechanic();
      loaded.value = true;
      if (vehicle.vehicle_id) void autosave.flush();
      return;
    }
    const [o] = await db.query<OrderRow>(`SELECT * FROM orders WHERE id = ?`, [id]);
    if (!o) {
      notFound.value = true;
      loaded.value = true;
      return;
    }
    orderId.value = o.id;
    created.value = true;
    status.value = o.status;
    nrComanda.value = o.nr_comanda;
    Object.assign(vehicle, snapshotOfOrder(o));
    Object.assign(form, fieldsOfOrder(o));
    storedMechanic = o.mecanic_id;
    const rows = await db.query<OrderLineRow>(`SELECT id, ${lineColumns.join(', ')} FROM order_lines WHERE order_id = ? ORDER BY ordine, created_at`, [id]);
    lines.value = rows.map((r) => fromLineRow(r, locale.value));
    known = new Set(rows.map((r) => r.id));
    loaded.value = true;
  }

  // The same page serves /orders/new and /orders/:id/edit: after the first save of a new order the
  // address becomes its own (the form stays as it is); any other change of address loads afresh.
  watch(
    () => [id.value, route.query.vehicle] as const,
    ([next], old) => {
      if (old && next === orderId.value && created.value) return;
      void load(next);
    },
    { immediate: true },
  );

  // Changed elsewhere (validated in another tab, deleted, or rolled back by the server): stop editing.
  const live = useLiveQuery<{ status: OrderStatus; nr_comanda: number | null; mecanic_id: string | null }>(
    ['orders'],
    'SELECT status, nr_comanda, mecanic_id FROM orders WHERE id = ?',
    () => [orderId.value],
  );
  watch(live.rows, async (rows) => {
    if (!created.value || !loaded.value) return;
    const row = rows[0];
    if (row) {
      status.value = row.status;
      nrComanda.value = row.nr_comanda;
      // Reassigned on the order's page or another device: shown here, unless changed here meanwhile.
      if (row.mecanic_id !== storedMechanic) {
        if ((form.mecanic_id || null) === storedMechanic) form.mecanic_id = row.mecanic_id ?? '';
        storedMechanic = row.mecanic_id;
      }
      return;
    }
    // An answer from before the order was written says nothing: ask again.
    const current = orderId.value;
    const [still] = await (await database.ready()).query(`SELECT 1 AS x FROM orders WHERE id = ?`, [current]);
    if (!still && current === orderId.value) notFound.value = true;
  });

  // ---------- vehicle ----------

  async function applyVehicle(v: Record<string, unknown>): Promise<void> {
    const db = await database.ready();
    const name = async (table: string, ref: unknown) =>
      typeof ref === 'string' ? ((await db.query<{ d: string }>(`SELECT denumire AS d FROM ${table} WHERE id = ?`, [ref]))[0]?.d ?? null) : null;
    const hasText = (x: unknown) => typeof x === 'string' && x.trim() !== '';
    const make = hasText(v.marca_denumire) ? null : await name('catalog_marci', v.marca_id);
    const model = hasText(v.model_denumire) ? null : await name('catalog_modele', v.model_id);
    // The buyer comes from the vehicle's customer row when it has one (their details as they are today).
    const [customer] = typeof v.client_id === 'string' ? await db.query('SELECT * FROM clients WHERE id = ?', [v.client_id]) : [];
    Object.assign(vehicle, snapshotOf(v, make, model, (customer ?? null) as (ClientDetails & { id: string }) | null));
  }

  async function pickVehicle(v: Record<string, unknown>): Promise<void> {
    if (readOnly.value) return;
    await applyVehicle(v);
    // Choosing the vehicle is what makes a new order worth keeping: it gets its number now.
    await autosave.flush();
  }

  // ---------- lines ----------

  /** Focuses a line's description once the line is drawn, in a task of its own (no long frame). */
  function focusLine(lineId: string): void {
    requestAnimationFrame(() =>
      setTimeout(() => editor.value?.querySelector<HTMLInputElement>(`[data-line-id="${lineId}"] input[data-testid="line-desc"]`)?.focus(), 0),
    );
  }

  function openLine(line: LineDraft): void {
    activeId.value = line.id;
    focusLine(line.id);
  }

  function addLine(tip: LineKind): void {
    const line = newLine(tip, lines.value, defaultRate.value, newId(), locale.value);
    lines.value.push(line);
    activeId.value = line.id;
    autosave.touch();
    // The new line is drawn first; its description gets the focus (and the phone its keyboard) right after.
    focusLine(line.id);
  }

  function patchLine(line: LineDraft, patch: Partial<LineDraft>): void {
    Object.assign(line, patch);
    autosave.touch();
  }

  function moveLine(line: LineDraft, dir: -1 | 1): void {
    if (moveInList(lines.value, line, dir)) autosave.touch();
  }

  const removed = shallowRef<{ line: LineDraft; index: number } | null>(null);
  let removedTimer: ReturnType<typeof setTimeout> | null = null;

  function removeLine(line: LineDraft): void {
    const index = lines.value.indexOf(line);
    if (index < 0) return;
    lines.value.splice(index, 1);
    if (activeId.value === line.id) activeId.value = null;
    removed.value = { line, index };
    if (removedTimer) clearTimeout(removedTimer);
    removedTimer = setTimeout(() => (removed.value = null), 8000);
    autosave.touch();
  }

  function undoRemove(): void {
    const r = removed.value;
    if (!r) return;
    lines.value.splice(Math.min(r.index, lines.value.length), 0, r.line);
    removed.value = null;
    autosave.touch();
  }

  // ---------- saving ----------

  async function persist(): Promise<void> {
    const orderKey = orderId.value;
    const wasCreated = created.value;
    try {
      const db = await database.ready();
      const [stored] = wasCreated ? await db.query<OrderRow>(`SELECT * FROM orders WHERE id = ?`, [orderKey]) : [];
      if (wasCreated && !stored) {
        notFound.value = true;
        return;
      }
      if (stored && stored.status !== 'DRAFT') {
        status.value = stored.status;
        return;
      }
      const h = orderHeader(form, vehicle, stored?.km_intrare ?? null, shopDate());
      h.mecanic_id = mechanicToStore(form.mecanic_id, staff.canAssign.value, stored ?? null);
      if (!wasCreated && !hasContent(h, lines.value)) return;
      const storedLines = wasCreated ? await db.query<OrderLineRow>(`SELECT id, ${lineColumns.join(', ')} FROM order_lines WHERE order_id = ?`, [orderKey]) : [];
      // A number taken for a write that failed is kept for the next try, not taken again.
      if (!wasCreated && reservedNumber === undefined) reservedNumber = await nextOrderNumber(db);
      const newOrder = wasCreated ? undefined : { status: 'DRAFT', nr_comanda: reservedNumber ?? null };
      const plan = planSave({ orderId: orderKey, storedOrder: stored ?? null, newOrder, header: h, lines: lines.value, stored: storedLines, known });
      if (plan) await db.write(plan.ops);
      if (plan) known = plan.known;
      storedMechanic = h.mecanic_id;
      saveError.value = null;
      if (!wasCreated) {
        created.value = true;
        nrComanda.value = newOrder?.nr_comanda ?? null;
        // The page's address becomes the order's own, so a reload or a share opens it again.
        void router.replace({ name: 'order-edit', params: { id: orderKey } });
      }
    } catch (err) {
      saveError.value = errorText(t, err);
    }
  }

  const unsavedLines = () => unsavedLineCount(lines.value, known);
  const { state } = autosave;

  onBeforeRouteLeave(async (to) => {
    if (to.name === 'order-edit' && to.params.id === orderId.value) return true;
    await autosave.flush();
    if (saveError.value || unsavedLines() > 0) return window.confirm(t('workshop.orders.edit.leaveConfirm'));
    return true;
  });

  function onBeforeUnload(e: BeforeUnloadEvent): void {
    if (state.pending || state.saving) void autosave.flush();
    if (state.pending || state.saving || saveError.value || unsavedLines() > 0) e.preventDefault();
  }
  function onHidden(): void {
    if (document.visibilityState === 'hidden' && state.pending) void autosave.flush();
  }
  onMounted(() => {
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('visibilitychange', onHidden);
  });
  onBeforeUnmount(() => {
    window.removeEventListener('beforeunload', onBeforeUnload);
    document.removeEventListener('visibilitychange', onHidden);
    if (removedTimer) clearTimeout(removedTimer);
    if (autosave.waiting()) void autosave.flush();
  });

  /** "Done": saved, then the order's page (or the list, when nothing was worth keeping). */
  async function done(): Promise<void> {
    await autosave.flush();
    if (saveError.value) return;
    if (created.value) await router.push({ name: 'order', params: { id: orderId.value } });
    else await router.push({ name: 'orders' });
  }

  const saveState = computed(() => {
    const s = saveStateOf({ error: Boolean(saveError.value), busy: state.saving || state.pending, incomplete: incomplete.value, created: created.value });
    return { tone: s.tone, text: t(s.key, s.params ?? {}) };
  });
  const typeOptions = computed(() => typeRows.rows.value.filter((r) => r.activ === 1 || r.id === form.tip_deviz_id));

  return {
    orderId, created, loaded, notFound, nrComanda, vehicle, form, kmValue, readOnly, lineSections, activeId, totals, norms, mechanics, typeOptions,
    mechanicChoices, canAssign: staff.canAssign, unlinkedMechanic, removed, saveError, saveState, touch: autosave.touch, flush: autosave.flush,
    pickVehicle, openLine, addLine, patchLine, moveLine, removeLine, undoRemove, done,
  };
}
