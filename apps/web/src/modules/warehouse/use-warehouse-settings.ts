import { computed } from 'vue';
import { defaultWarehouseSettings, effectiveWarehouseSettings, type SeasonWindowColumns, type WarehouseSettings } from '@roaauto/shared';
import type { LocalDatabase } from '@/db/local-database';
import { useLiveQuery } from '@/app/live-query';

export type WarehouseSettingsRow = WarehouseSettings & { id: string; created_at: string };

/** The settings in force (the oldest row, or the defaults) and their rows. */
export function useWarehouseSettings() {
  const q = useLiveQuery<WarehouseSettingsRow>(['warehouse_settings'], 'SELECT id, created_at, stoc_negativ, evaluare FROM warehouse_settings');
  return { rows: q.rows, loading: q.loading, settings: computed(() => effectiveWarehouseSettings(q.rows.value)) };
}

/**
 * Saves a change to the company's settings row: the stored row is read at the moment of writing, never
 * from what a page had loaded, so a hand quicker than the page (or a slow phone) updates the row that
 * exists instead of making a second one with the defaults.
 */
export async function saveWarehouseSettings(db: LocalDatabase, patch: Partial<WarehouseSettings & SeasonWindowColumns>): Promise<void> {
  const [oldest] = await db.query<{ id: string }>('SELECT id FROM warehouse_settings ORDER BY created_at, id LIMIT 1');
  await db.write([oldest
    ? { op: 'update', table: 'warehouse_settings', id: oldest.id, patch }
    : { op: 'create', table: 'warehouse_settings', data: { ...defaultWarehouseSettings, ...patch } }]);
}
