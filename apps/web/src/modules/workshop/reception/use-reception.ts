import { computed, ref, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { parseDamageMarks, receptionDocument, sellerOrBlank, serializeDamageMarks, type DamageMark, type RowOf, type vehicleReceptionsTable } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { download } from '@/app/documents';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';
import { useCompanyProfile } from '@/modules/core/company-profile';
import type { OrderRow } from '../order-rows';
import { receptionPdf } from './reception-pdf';
import { receptionStage, sideForm, sidePatch, signPatch, type ReceptionRow, type SideErrors, type SideForm } from './reception-form';

type Side = 'intake' | 'handback';

/** The reception sheet page's state: the order, its sheet, both sides' forms, saving, signing and the PDF. */
export function useReception(orderId: () => string) {
  const { t } = useI18n();
  const database = useDatabase();
  const session = useSession();
  const { profile } = useCompanyProfile();
  const canEdit = computed(() => session.allowed('orders.write'));

  const orderQuery = useLiveQuery<OrderRow>(['orders'], `SELECT * FROM orders WHERE id = ?`, () => [orderId()]);
  const order = computed(() => orderQuery.rows.value[0] ?? null);
  const sheetQuery = useLiveQuery<RowOf<typeof vehicleReceptionsTable.columns>>(
    ['vehicle_receptions'], `SELECT * FROM vehicle_receptions WHERE order_id = ? ORDER BY created_at, id LIMIT 1`, () => [orderId()],
  );
  const sheet = computed<ReceptionRow | null>(() => sheetQuery.rows.value[0] ?? null);
  const stage = computed(() => receptionStage(sheet.value));
  const photoQuery = useLiveQuery<{ id: string; uploaded: number; caption: string | null; reception_side: string }>(
    ['order_photos'], `SELECT id, uploaded, caption, reception_side FROM order_photos WHERE reception_id = ? ORDER BY created_at, id`, () => [sheet.value?.id ?? ''],
  );
  const photos = (side: Side) => photoQuery.rows.value.filter((p) => p.reception_side === (side === 'intake' ? 'intake' : 'hand-back'));

  const forms = ref<Record<Side, SideForm>>({ intake: sideForm(null, 'intake'), handback: sideForm(null, 'handback') });
  const requests = ref('');
  const marks = ref<DamageMark[]>([]);
  const errors = ref<Record<Side, SideErrors>>({ intake: {}, handback: {} });
  const busy = ref(false);
  const error = ref<string | null>(null);
  const saved = ref(false);

  // The forms follow the stored sheet when it arrives or another device changes it, but never throw away
  // what the person is typing: a part is replaced only while it still shows what was last loaded. (A sync
  // round trip rewrites the row's bookkeeping, and used to reset marks and fields typed a moment before.)
  const fromStore = (s: ReceptionRow | null) => ({
    forms: { intake: sideForm(s, 'intake'), handback: sideForm(s, 'handback') },
    requests: s?.customer_requests ?? '',
    marks: s ? (parseDamageMarks(s.damage_marks) ?? []) : [],
  });
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  let loaded = fromStore(null);
  watch(() => JSON.stringify(fromStore(sheet.value)), () => {
    const next = fromStore(sheet.value);
    for (const side of ['intake', 'handback'] as const) {
      if (same(forms.value[side], loaded.forms[side])) forms.value = { ...forms.value, [side]: next.forms[side] };
    }
    if (requests.value === loaded.requests) requests.value = next.requests;
    if (same(marks.value, loaded.marks)) marks.value = next.marks;
    loaded = next;
  }, { immediate: true });

  async function run(fn: () => Promise<void>): Promise<void> {
    busy.value = true;
    error.value = null;
    saved.value = false;
    try {
      await fn();
    } catch (err) {
      error.value = errorText(t, err);
    } finally {
      busy.value = false;
    }
  }

  const start = () => run(async () => {
    await (await database.ready()).create('vehicle_receptions', { order_id: orderId(), damage_marks: '[]', intake_km: order.value?.km_intrare ?? null });
  });

  /** The side's changes as typed (intake: the marks and requests too), or null with the errors shown. */
  function patchOf(side: Side): Record<string, unknown> | null {
    const { patch, errors: e } = sidePatch(side, forms.value[side], side === 'intake' ? { requests: requests.value } : {});
    errors.value = { ...errors.value, [side]: e };
    if (Object.keys(e).length) return null;
    return side === 'intake' ? { ...patch, damage_marks: serializeDamageMarks(marks.value) } : patch;
  }

  const save = (side: Side) => run(async () => {
    const s = sheet.value;
    const patch = patchOf(side);
    if (!s || !patch) return;
    await (await database.ready()).update('vehicle_receptions', s.id, patch);
    saved.value = true;
  });

  /** Saves the side as typed and signs it, in one change. */
  const sign = (side: Side, path: string, name: string) => run(async () => {
    const s = sheet.value;
    const patch = patchOf(side);
    if (!s || !patch) return;
    const signed = signPatch(side, path, name, new Date());
    if ('error' in signed) {
      error.value = t(signed.error);
      return;
    }
    await (await database.ready()).update('vehicle_receptions', s.id, { ...patch, ...signed.patch });
  });

  const pdf = () => run(async () => {
    const o = order.value;
    const s = sheetQuery.rows.value[0];
    if (!o || !s) return;
    const count = (side: string) => photoQuery.rows.value.filter((p) => p.reception_side === side).length;
    const doc = receptionDocument(o, s, sellerOrBlank(profile.value), { intake: count('intake'), handback: count('hand-back') });
    download(await receptionPdf(doc, profile.value?.logo ?? null), o.nr_comanda === null ? 'Receptie.pdf' : `Receptie-${o.nr_comanda}.pdf`);
  });

  return { order, orderQuery, sheet, sheetQuery, stage, photos, forms, requests, marks, errors, busy, error, saved, canEdit, start, save, sign, pdf };
}
