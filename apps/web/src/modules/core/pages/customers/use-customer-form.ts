import { computed, reactive, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { ApiError, isValidCui } from '@roaauto/shared';
import { NetworkError } from '@/app/api';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useSession } from '@/app/session';
import { anafFormPatch, anafNotes, lookupCompany } from './anaf-fill';
import { consentChosen, customerErrors, customerFields, customerFormOf, customerPatch, customerWarnings, storedCustomer, type CustomerField, type Message } from './customer-form';

/**
 * A customer form's state: the values, what each field says, filling a company from ANAF (through the
 * server: offline, without an account or when ANAF fails the form stays as it is and says why) and saving
 * through the local database (a new customer is created, an edit changes only what differs).
 */
export function useCustomerForm(customer: Record<string, unknown> | null, emitSaved: (id: string) => void) {
  const { t } = useI18n();
  const database = useDatabase();
  const session = useSession();
  const form = reactive(customerFormOf(customer));
  const opened = { ...storedCustomer(customerFormOf(customer)), ...(customer ?? {}) };
  const submitted = ref(false);
  const saving = ref(false);
  const saveError = ref<string | null>(null);

  const say = (m: Message | undefined) => (m ? t(m.key, m.params ?? {}) : null);
  const errors = computed(() => customerErrors(form));
  const warnings = computed(() => customerWarnings(form));
  const errorOf = (f: CustomerField) => (submitted.value ? say(errors.value[f]) : null);
  const warningOf = (f: CustomerField) => say(warnings.value[f]);

  // ---------- ANAF ----------
  const anafState = ref<'idle' | 'busy' | 'done'>('idle');
  const anafMessage = ref<string | null>(null);
  const anafWarnings = ref<string[]>([]);
  const anafInfo = ref<string[]>([]);
  const canAskAnaf = computed(() => form.tip === 'pj' && isValidCui(form.cod_fiscal) && anafState.value !== 'busy');

  async function fillFromAnaf(): Promise<void> {
    if (!canAskAnaf.value) return;
    anafState.value = 'busy';
    anafMessage.value = null;
    anafWarnings.value = [];
    anafInfo.value = [];
    try {
      if (!session.account) {
        anafMessage.value = t('core.customers.anaf.noAccount');
        return;
      }
      const answer = await lookupCompany(form.cod_fiscal, await session.accessToken());
      if (answer.status === 'not_found') {
        anafMessage.value = t('core.customers.anaf.notFound');
        return;
      }
      Object.assign(form, anafFormPatch(form, answer.company));
      const notes = anafNotes(answer.company);
      anafWarnings.value = notes.warnings.map((m) => t(m.key));
      anafInfo.value = notes.info.map((m) => t(m.key));
      anafMessage.value = t('core.customers.anaf.filled');
    } catch (err) {
      if (err instanceof NetworkError) anafMessage.value = t('core.customers.anaf.offline');
      else if (err instanceof ApiError && err.status === 401) anafMessage.value = t('core.customers.anaf.noAccount');
      else anafMessage.value = t('core.customers.anaf.failed', { reason: errorText(t, err) });
    } finally {
      anafState.value = 'done';
    }
  }

  /** A valid CUI typed for a company whose name is still empty fills it at once; otherwise the button offers it. */
  function leaveCui(): void {
    if (canAskAnaf.value && !form.nume.trim() && anafState.value === 'idle') void fillFromAnaf();
  }

  function chooseConsent(channel: string): void {
    Object.assign(form, consentChosen(form, channel));
  }

  async function save(): Promise<boolean> {
    submitted.value = true;
    saveError.value = null;
    if (Object.keys(errors.value).length > 0) return false;
    saving.value = true;
    try {
      const db = await database.ready();
      const values = storedCustomer(form);
      const id = typeof customer?.id === 'string' ? customer.id : null;
      if (id) {
        const patch = customerPatch(opened, values);
        if (Object.keys(patch).length > 0) await db.update('clients', id, patch);
        emitSaved(id);
      } else {
        const created = await db.create('clients', values);
        emitSaved(String(created.id));
      }
      return true;
    } catch (err) {
      const fields = Object.fromEntries(customerFields.map((f) => [f, t(`core.customers.fields.${f}`)]));
      saveError.value = errorText(t, err, { fields });
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { form, errorOf, warningOf, saving, saveError, save, anafState, anafMessage, anafWarnings, anafInfo, canAskAnaf, fillFromAnaf, leaveCui, chooseConsent };
}
