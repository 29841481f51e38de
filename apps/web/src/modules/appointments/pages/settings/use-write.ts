import { shallowRef } from 'vue';
import { useI18n } from 'vue-i18n';
import type { WriteOp } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { errorText } from '@/app/errors';

/** A settings section's one write at a time, with its error and "saved" as the section shows them. */
export function useWrite() {
  const { t } = useI18n();
  const database = useDatabase();
  const error = shallowRef<string | null>(null);
  const saved = shallowRef(false);
  async function run(ops: WriteOp[]): Promise<boolean> {
    error.value = null;
    saved.value = false;
    try {
      if (ops.length) await (await database.ready()).write(ops);
      saved.value = true;
      return true;
    } catch (err) {
      error.value = errorText(t, err);
      return false;
    }
  }
  return { error, saved, run };
}
