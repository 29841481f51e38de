import { computed, ref, shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRouter } from 'vue-router';
import { newId, shopDate, storageSeasonOn } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';
import { useSession } from '@/app/session';
import { checkInOps, checkInProblems, copyFirstWheel, emptyCheckIn, emptyWheel, type CheckInForm } from './tyre-sets';

/** Who the set's check-in and check-out name: the signed-in person's name, else their e-mail. */
export function useWho(): () => string {
  const session = useSession();
  return () => session.account?.user.name?.trim() || session.account?.user.email || 'Atelier';
}

/** The check-in page's state: the form, "copy to all", the spare, saving and going to the new set. */
export function useCheckIn() {
  const { t } = useI18n();
  const router = useRouter();
  const database = useDatabase();
  const who = useWho();
  const form = ref<CheckInForm>(emptyCheckIn(storageSeasonOn(shopDate())));
  const tried = ref(false);
  const saving = shallowRef(false);
  const error = shallowRef<string | null>(null);
  const problems = computed(() => checkInProblems(form.value));
  const problem = (field: string) => {
    const key = tried.value ? problems.value[field] : undefined;
    return key ? t(key) : null;
  };

  function pickVehicle(v: Record<string, unknown>): void {
    const f = form.value;
    const str = (k: string) => (typeof v[k] === 'string' ? (v[k]) : '');
    f.vehicleId = str('id') || null;
    f.nrAuto = str('nr_inmatriculare');
    f.clientId = str('client_id') || null;
    f.clientNume = str('client_nume');
    f.clientTelefon = str('client_telefon');
  }

  // In place: each wheel's fields are bound to its own object.
  function copyToAll(): void {
    const copied = copyFirstWheel(form.value.wheels);
    form.value.wheels.forEach((w, i) => Object.assign(w, copied[i]));
  }

  const hasSpare = computed(() => form.value.wheels.some((w) => w.pozitie === 'REZ'));
  function addSpare(): void {
    if (!hasSpare.value) form.value.wheels.push(emptyWheel('REZ'));
  }

  async function save(): Promise<void> {
    tried.value = true;
    error.value = null;
    if (Object.keys(problems.value).length) return;
    saving.value = true;
    try {
      const db = await database.ready();
      const id = newId();
      await db.write(checkInOps(form.value, who(), new Date().toISOString(), id));
      await router.push(`/tyres/${id}`);
    } catch (err) {
      error.value = errorText(t, err);
    } finally {
      saving.value = false;
    }
  }

  return { form, problem, pickVehicle, copyToAll, hasSpare, addSpare, save, saving, error };
}
