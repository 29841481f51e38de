import { computed, ref, watch } from 'vue';
import { parseSuggestionHistory, type SuggestionHistory } from '@roaauto/shared';
import { useDatabase } from '@/app/database';
import { useSession } from '@/app/session';

/** The suggestions' history in this browser, per database file, and whether the Free plan's rules apply. */
export function useSuggestionHistory() {
  const database = useDatabase();
  const session = useSession();
  const key = computed(() => `roaauto.suggestions:${database.db?.file ?? 'none'}`);
  const history = ref<SuggestionHistory>(parseSuggestionHistory(localStorage.getItem(key.value)));
  watch(key, (k) => (history.value = parseSuggestionHistory(localStorage.getItem(k))));
  function save(h: SuggestionHistory): void {
    history.value = h;
    localStorage.setItem(key.value, JSON.stringify(h));
  }
  const onFreePlan = computed(() => !session.account || session.entitlements.plan === 'free');
  return { history, save, onFreePlan };
}
