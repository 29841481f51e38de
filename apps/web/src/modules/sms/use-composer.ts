import { computed, ref, shallowRef, watch, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { withoutDiacritics, type SmsTemplateKey, type SmsValues } from '@roaauto/shared';
import { apiFetch } from '@/app/api';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useLiveQuery } from '@/app/live-query';
import { useSession } from '@/app/session';
import {
  composeText, composerProblem, meter, monthStart, monthUsageSql, newSmsMessage, optedOutNumbers, templateTexts,
  type SmsOptOutRow, type SmsTemplateRow,
} from './sms';

const priceKey = 'roaauto.sms.segmentPriceBani';

/** The price of a segment, from the server (kept for offline use); null until it is known. */
function useSegmentPrice(): Ref<number | null> {
  const session = useSession();
  const stored = Number(localStorage.getItem(priceKey) ?? Number.NaN);
  const price = ref<number | null>(Number.isFinite(stored) ? stored : null);
  void (async () => {
    try {
      const config = await apiFetch<{ segmentPriceBani: number }>('/api/sms/config', { token: await session.accessToken() });
      price.value = config.segmentPriceBani;
      localStorage.setItem(priceKey, String(config.segmentPriceBani));
    } catch {
      // Offline or not signed in: the last known price stays.
    }
  })();
  return price;
}

/**
 * The composer's state: the template, the text filled from it, its segments and cost, what keeps it
 * from going (no phone, an opted-out number, the month's limit), and queuing it as a row.
 */
export function useComposer(input: {
  phone: () => string | null; clientId: () => string | null; orderId: () => string | null; values: () => SmsValues; template: SmsTemplateKey;
}) {
  const { t } = useI18n();
  const database = useDatabase();
  const session = useSession();
  const templatesQuery = useLiveQuery<SmsTemplateRow>(['sms_templates'], 'SELECT id, cheie, text, updated_at FROM sms_templates');
  const optOutsQuery = useLiveQuery<SmsOptOutRow>(['sms_optouts'], 'SELECT id, telefon, client_id, sursa FROM sms_optouts');
  const usageQuery = useLiveQuery<{ n: number }>(['sms_messages'], monthUsageSql, () => [monthStart()]);
  const price = useSegmentPrice();

  const template = ref<SmsTemplateKey>(input.template);
  const phone = ref(input.phone() ?? '');
  const text = ref('');
  const fill = () => {
    text.value = composeText(templateTexts(templatesQuery.rows.value), template.value, input.values());
  };
  // Filled again when the template, its text or a value changes (by content: a synced copy of the same
  // order leaves what the person typed alone).
  watch([template, () => JSON.stringify(templateTexts(templatesQuery.rows.value)[template.value]), () => JSON.stringify(input.values())], fill, { immediate: true });
  watch(input.phone, (p) => {
    phone.value = p ?? '';
  });

  const used = computed(() => usageQuery.rows.value[0]?.n ?? 0);
  const max = computed(() => session.entitlements.limits.maxSmsPerMonth ?? null);
  const optedOut = computed(() => optedOutNumbers(optOutsQuery.rows.value));
  const counter = computed(() => meter(text.value, price.value));
  const problem = computed(() => composerProblem({ phone: phone.value, text: text.value, optedOut: optedOut.value, used: used.value, max: max.value }));
  const busy = shallowRef(false);
  const error = shallowRef<string | null>(null);
  const queued = shallowRef(false);

  function plain(): void {
    text.value = withoutDiacritics(text.value);
  }

  async function send(): Promise<void> {
    if (problem.value || busy.value) return;
    busy.value = true;
    error.value = null;
    queued.value = false;
    try {
      const db = await database.ready();
      await db.create('sms_messages', newSmsMessage({ phone: phone.value, text: text.value, clientId: input.clientId(), orderId: input.orderId(), template: template.value }));
      queued.value = true;
    } catch (err) {
      error.value = errorText(t, err);
    } finally {
      busy.value = false;
    }
  }

  return { template, phone, text, counter, used, max, problem, busy, error, queued, plain, send, fill };
}
