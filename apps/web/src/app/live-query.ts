import { onScopeDispose, shallowRef, watch, type Ref, type WatchSource } from 'vue';
import type { SqlRow, SqlValue } from '@roaauto/shared';
import { useDatabase } from './database';

/**
 * A local query that re-runs when one of the tables it reads changes (in this tab or another) or when
 * its parameters change. Reads never touch the network.
 */
export function useLiveQuery<T extends SqlRow = SqlRow>(
  tables: readonly string[],
  sql: string | (() => string),
  params: WatchSource<readonly SqlValue[]> | (() => readonly SqlValue[]) = () => [],
): { rows: Ref<T[]>; loading: Ref<boolean>; error: Ref<string | null>; refresh: () => Promise<void> } {
  const database = useDatabase();
  const rows = shallowRef<T[]>([]);
  const loading = shallowRef(true);
  const error = shallowRef<string | null>(null);
  let run = 0;

  async function refresh(): Promise<void> {
    const db = database.db;
    if (!db) return;
    const mine = ++run;
    try {
      const text = typeof sql === 'function' ? sql() : sql;
      const values = typeof params === 'function' ? params() : params.value;
      const result = await db.query<T>(text, values);
      if (mine === run) {
        rows.value = result;
        error.value = null;
      }
    } catch (err) {
      if (mine === run) error.value = err instanceof Error ? err.message : String(err);
    } finally {
      if (mine === run) loading.value = false;
    }
  }

  let off: (() => void) | null = null;
  watch(
    () => database.db,
    (db) => {
      off?.();
      off = db?.onChange((changed) => {
        if (tables.some((t) => changed.has(t))) void refresh();
      }) ?? null;
      void refresh();
    },
    { immediate: true },
  );
  watch(params as WatchSource<readonly SqlValue[]>, () => void refresh());
  onScopeDispose(() => off?.());
  return { rows, loading, error, refresh };
}
