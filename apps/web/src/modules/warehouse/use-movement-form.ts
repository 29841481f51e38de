import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { newId, shopDate } from '@roaauto/shared';
import { apiFetch, NetworkError } from '@/app/api';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { useOnline } from '@/app/online';
import { useSession } from '@/app/session';
import { emptyMovementForm, movementProblems, movementWrites, onlineMovements, stockVerdict, type MovementForm } from './movements';
import { seeCosts } from './permissions';
import { exactProductQuery, productListQuery, type ProductListRow } from './products';
import { useWarehouseSettings } from './use-warehouse-settings';

/** The movement form's state: product search and pick, the stock at the location, the policy's verdict, saving. */
export function useMovementForm() {
  const { t } = useI18n();
  const database = useDatabase();
  const session = useSession();
  const online = useOnline();
  const { settings } = useWarehouseSettings();
  const withCosts = computed(() => session.allowed(seeCosts));
  const form = ref<MovementForm>(emptyMovementForm(shopDate(new Date())));
  const search = ref('');
  const found = computed(() => productListQuery(search.value, 8));
  const products = useLiveQuery<ProductListRow>(['products', 'stock_movements'], () => found.value.sql, () => found.value.params);
  const picked = useLiveQuery<{ id: string; nume: string; cod: string; um: string }>(['products'], 'SELECT id, nume, cod, um FROM products WHERE id = ?', () => [form.value.product_id]);
  const locations = useLiveQuery<{ id: string; nume: string }>(['stock_locations'], 'SELECT id, nume FROM stock_locations WHERE activ = 1 ORDER BY nume');
  const stock = useLiveQuery<{ q: number | null }>(
    ['stock_movements'], 'SELECT SUM(CAST(ROUND(CAST(cantitate AS REAL) * 1000) AS INTEGER)) AS q FROM stock_movements WHERE product_id = ? AND location_id = ?',
    () => [form.value.product_id, form.value.location_id],
  );
  const onHand = computed(() => BigInt(stock.rows.value[0]?.q ?? 0));
  const touched = ref(false);
  const problems = computed(() => (touched.value ? movementProblems(form.value) : {}));
  const verdict = computed(() => (Object.keys(movementProblems(form.value)).length ? 'ok' : stockVerdict(form.value, onHand.value, settings.value.stoc_negativ, online.value)));
  const error = shallowRef<string | null>(null);
  const saved = shallowRef(false);

  function pick(id: string): void {
    form.value.product_id = id;
    search.value = '';
  }
  /** Enter in the search box: an exact code or barcode picks its product (a keyboard-wedge scanner). */
  async function pickExact(code: string): Promise<void> {
    const q = exactProductQuery(code);
    const rows = await (await database.ready()).query<{ id: string }>(q.sql, q.params);
    const first = rows[0];
    if (first && rows.length === 1) pick(first.id);
  }
  /**
   * With the "refuse" policy and a connection, the movement goes through the server, which sums the stock
   * in the same transaction and refuses an issue beyond it (two phones online cannot both take the last
   * tyre). The device's own changes are pushed first so the server counts them; the rows come back by sync.
   * False when that path is not open (offline, no account, no cloud sync): the device records it itself.
   */
  async function recordOnline(ops: ReturnType<typeof movementWrites>): Promise<boolean> {
    if (settings.value.stoc_negativ !== 'refuse' || !online.value || !session.account) return false;
    const db = await database.ready();
    try {
      await db.syncNow();
    } catch {
      return false;
    }
    if ((await db.pendingCount()) > 0) return false;
    try {
      await apiFetch('/api/warehouse/movements', { method: 'POST', json: { movements: onlineMovements(ops) }, token: await session.accessToken() });
    } catch (err) {
      if (err instanceof NetworkError) return false;
      throw err;
    }
    await db.syncNow().catch(() => undefined);
    return true;
  }

  async function save(): Promise<void> {
    touched.value = true;
    error.value = null;
    saved.value = false;
    if (Object.keys(movementProblems(form.value)).length) return;
    if (verdict.value === 'refuse') {
      error.value = t('warehouse.movements.refused');
      return;
    }
    try {
      const ops = movementWrites(form.value, { userId: session.account?.user.id ?? null, withCosts: withCosts.value }, newId);
      if (!(await recordOnline(ops))) await (await database.ready()).write(ops);
      saved.value = true;
      touched.value = false;
      form.value = { ...emptyMovementForm(form.value.data), tip: form.value.tip, location_id: form.value.location_id };
    } catch (err) {
      error.value = errorText(t, err);
    }
  }
  return { form, search, products, picked, locations, onHand, problems, verdict, error, saved, withCosts, pick, pickExact, save };
}
