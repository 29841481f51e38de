import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { deliveryNoteOps, newId, normalizeDecimalInput, shopDate, type DeliveryNoteDocument, type WriteOp } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { useOnline } from '@/app/online';
import { useSession } from '@/app/session';
import { useCompanyProfile } from '@/modules/core/company-profile';
import { productListQuery, type ProductListRow } from './products';
import { seriesForIssue } from './series-source';

export type NoteFormLine = { productId: string; cod: string; denumire: string; um: string; cantitate: string };

/** The new delivery note's state: from a location to another location or a customer, lines, issue. */
export function useDeliveryNoteForm() {
  const { t } = useI18n();
  const router = useRouter();
  const database = useDatabase();
  const session = useSession();
  const online = useOnline();
  const { profile } = useCompanyProfile();
  const form = ref({ data: shopDate(new Date()), din: '', catre: 'gestiune', toLocation: '', nume: '', cui: '', adresa: '', delegat: '', mijloc: '', mentiuni: '' });
  const lines = ref<NoteFormLine[]>([]);
  const search = ref('');
  const found = computed(() => productListQuery(search.value, 8));
  const products = useLiveQuery<ProductListRow>(['products', 'stock_movements'], () => found.value.sql, () => found.value.params);
  const locations = useLiveQuery<{ id: string; nume: string }>(['stock_locations'], 'SELECT id, nume FROM stock_locations WHERE activ = 1 ORDER BY nume');
  const error = shallowRef<string | null>(null);
  const problems = ref<string[]>([]);

  function pick(p: ProductListRow): void {
    lines.value.push({ productId: p.id, cod: p.cod, denumire: p.nume, um: p.um, cantitate: '1' });
    search.value = '';
  }

  async function issue(): Promise<void> {
    error.value = null;
    const f = form.value;
    const name = (id: string) => locations.rows.value.find((l) => l.id === id)?.nume ?? '—';
    const bad = [
      !f.din && t('warehouse.notes.needFrom'),
      f.catre === 'gestiune' && (!f.toLocation || f.toLocation === f.din) && t('warehouse.notes.needTo'),
      f.catre === 'destinatar' && (!f.nume.trim() || !f.adresa.trim()) && t('warehouse.notes.needCustomer'),
      lines.value.length === 0 && t('warehouse.receipts.needLines'),
      ...lines.value.map((l, i) => { const q = normalizeDecimalInput(l.cantitate, 3); return (!q || Number(q) <= 0) && t('warehouse.receipts.lineQuantity', { n: i + 1 }); }),
    ].filter((x): x is string => typeof x === 'string');
    problems.value = bad;
    if (bad.length) return;
    const catre: DeliveryNoteDocument['catre'] = f.catre === 'gestiune'
      ? { tip: 'gestiune', id: f.toLocation, nume: name(f.toLocation) }
      : { tip: 'destinatar', nume: f.nume.trim(), cui: f.cui.trim() || null, adresa: f.adresa.trim() };
    try {
      const db = await database.ready();
      const { series, create } = await seriesForIssue(db, 'aviz', { online: online.value, token: session.account ? () => session.accessToken() : null }, newId);
      const p = profile.value;
      const built = deliveryNoteOps({
        series, userId: session.account?.user.id ?? null, data: f.data, unitate: { nume: p?.nume.trim() || '—', cui: p?.cui ?? null, adresa: p ? [p.adresa, p.localitate].filter(Boolean).join(', ') || null : null },
        din: { id: f.din, nume: name(f.din) }, catre,
        linii: lines.value.map((l) => ({ productId: l.productId, cod: l.cod, denumire: l.denumire, um: l.um, cantitate: normalizeDecimalInput(l.cantitate, 3) ?? '0' })),
        delegat: f.delegat.trim() || null, mijlocTransport: f.mijloc.trim() || null, mentiuni: f.mentiuni.trim() || null, emitent: session.account?.user.name ?? null,
      });
      const ops: WriteOp[] = create ? [{ op: 'create', table: 'warehouse_series', data: create }, ...built.ops] : built.ops;
      await db.write(ops);
      await router.push(`/warehouse/delivery-notes/${built.noteId}`);
    } catch (err) {
      error.value = errorText(t, err);
    }
  }
  return { form, lines, search, products, locations, error, problems, pick, issue };
}
