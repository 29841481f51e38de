import { computed, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { parseMoneyInput, shopDate, type TyreLabelSize } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { download } from '@/app/documents';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { nextOrderNumber } from '@/modules/workshop/order-numbers';
import { labelOf, labelPdf } from './label';
import { checkOutOps, feeOps, setMinTread, type OpenOrder, type TyreSetRow, type WheelRow } from './tyre-sets';
import { useWho } from './use-check-in';

const positionOrder = "CASE pozitie WHEN 'FS' THEN 0 WHEN 'FD' THEN 1 WHEN 'SS' THEN 2 WHEN 'SD' THEN 3 ELSE 4 END";

/** A set's page: the set and its wheels live, check-out, the label, the fee on an order, the notes. */
export function useTyreSet(id: () => string) {
  const { t } = useI18n();
  const router = useRouter();
  const database = useDatabase();
  const who = useWho();
  const setQuery = useLiveQuery<TyreSetRow>(['tyre_sets'], 'SELECT * FROM tyre_sets WHERE id = ?', () => [id()]);
  const wheelsQuery = useLiveQuery<WheelRow>(['tyre_set_wheels'], `SELECT * FROM tyre_set_wheels WHERE set_id = ? ORDER BY ${positionOrder}`, () => [id()]);
  const orderQuery = useLiveQuery<{ id: string; nr_comanda: number | null }>(
    ['orders', 'tyre_sets'], 'SELECT o.id, o.nr_comanda FROM orders o JOIN tyre_sets s ON s.order_id = o.id WHERE s.id = ?', () => [id()],
  );
  const set = computed(() => setQuery.rows.value[0] ?? null);
  const wheels = wheelsQuery.rows;
  const order = computed(() => orderQuery.rows.value[0] ?? null);
  const minTread = computed(() => setMinTread(wheels.value));
  const busy = shallowRef(false);
  const error = shallowRef<string | null>(null);
  const labelSize = ref<TyreLabelSize>('50x30');
  const fee = ref('');
  const notes = ref('');
  watch(set, (s, before) => {
    if (s && s.id !== before?.id) notes.value = s.observatii ?? '';
  }, { immediate: true });

  async function run(task: () => Promise<void>): Promise<void> {
    error.value = null;
    busy.value = true;
    try {
      await task();
    } catch (err) {
      error.value = errorText(t, err);
    } finally {
      busy.value = false;
    }
  }

  const checkOut = () => run(async () => {
    const s = set.value;
    if (!s) return;
    await (await database.ready()).write(checkOutOps(s.id, who(), new Date().toISOString()));
  });

  const printLabel = () => run(async () => {
    const s = set.value;
    if (!s) return;
    download(await labelPdf(labelOf(s, wheels.value, window.location.origin), labelSize.value), `Eticheta-${s.cod}-${labelSize.value}.pdf`);
  });

  const saveNotes = () => run(async () => {
    const s = set.value;
    if (!s) return;
    await (await database.ready()).update('tyre_sets', s.id, { observatii: notes.value.trim() || null });
  });

  const feeProblem = ref<string | null>(null);
  const addFee = () => run(async () => {
    const s = set.value;
    const bani = parseMoneyInput(fee.value);
    feeProblem.value = bani === null || bani <= 0 ? t('warehouse.tyres.problems.fee') : null;
    if (!s || bani === null || bani <= 0) return;
    const db = await database.ready();
    const [open] = s.vehicle_id
      ? await db.query<{ id: string }>("SELECT id FROM orders WHERE vehicle_id = ? AND status = 'DRAFT' ORDER BY data_comanda DESC, created_at DESC LIMIT 1", [s.vehicle_id])
      : [];
    let target: OpenOrder | null = null;
    if (open) {
      const lines = await db.query<OpenOrder['lines'][number]>(
        'SELECT tip, ore, pret_ora, cantitate, pret_unitar, total, ordine, decizie_client FROM order_lines WHERE order_id = ?', [open.id],
      );
      target = { id: open.id, lines };
    }
    const number = target ? null : await nextOrderNumber(db);
    const { orderId, ops } = feeOps(s, bani, target, { number, today: shopDate() });
    await db.write(ops);
    fee.value = '';
    await router.push(`/orders/${orderId}`);
  });

  return { set, wheels, order, minTread, loading: setQuery.loading, busy, error, labelSize, printLabel, checkOut, fee, feeProblem, addFee, notes, saveNotes };
}
