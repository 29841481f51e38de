import { computed, ref, shallowRef, watch } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { newId } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';
import { seeCosts, writeWarehouse } from './permissions';
import { emptyProductForm, productFormOf, productProblems, productWrites, type ProductForm, type ProductRow } from './products';

/** The product page's state: the form, its problems, saving (with the purchase price only for those who see costs). */
export function useProductEditor(id: () => string | undefined) {
  const { t } = useI18n();
  const router = useRouter();
  const database = useDatabase();
  const session = useSession();
  const withCosts = computed(() => session.allowed(seeCosts));
  const canEdit = computed(() => session.allowed(writeWarehouse));
  const product = useLiveQuery<ProductRow>(['products'], 'SELECT * FROM products WHERE id = ?', () => [id() ?? '']);
  const cost = useLiveQuery<{ id: string; pret_achizitie: number }>(
    ['product_costs'], () => (withCosts.value ? 'SELECT id, pret_achizitie FROM product_costs WHERE product_id = ? ORDER BY updated_at DESC LIMIT 1' : 'SELECT NULL AS id, 0 AS pret_achizitie WHERE 0'),
    () => [id() ?? ''],
  );
  const form = ref<ProductForm>(emptyProductForm());
  const dirty = ref(false);
  watch([() => product.rows.value, () => cost.rows.value], ([rows, costs]) => {
    const p = rows[0];
    if (p && !dirty.value) form.value = productFormOf(p, costs[0]?.pret_achizitie ?? null);
  }, { immediate: true });
  const touched = ref(false);
  const problems = computed(() => (touched.value ? productProblems(form.value) : {}));
  const error = shallowRef<string | null>(null);
  const saved = shallowRef(false);

  async function save(): Promise<void> {
    touched.value = true;
    error.value = null;
    saved.value = false;
    if (Object.keys(productProblems(form.value)).length) return;
    try {
      const w = productWrites(form.value, { id: id() ?? null, costRowId: cost.rows.value[0]?.id ?? null, withCosts: withCosts.value }, newId);
      await (await database.ready()).write(w.ops);
      dirty.value = false;
      saved.value = true;
      if (!id()) await router.replace(`/warehouse/products/${w.id}`);
    } catch (err) {
      error.value = errorText(t, err);
    }
  }
  const missing = computed(() => Boolean(id()) && !product.loading.value && !product.rows.value.length);
  return { form, dirty, problems, error, saved, save, withCosts, canEdit, missing };
}
