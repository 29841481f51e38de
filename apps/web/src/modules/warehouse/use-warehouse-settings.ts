import { computed } from 'vue';
import { effectiveWarehouseSettings, type WarehouseSettings } from '@roaauto/shared';
import { useLiveQuery } from '@/app/live-query';

export type WarehouseSettingsRow = WarehouseSettings & { id: string; created_at: string };

/** The settings in force (the oldest row, or the defaults) and their rows. */
export function useWarehouseSettings() {
  const q = useLiveQuery<WarehouseSettingsRow>(['warehouse_settings'], 'SELECT id, created_at, stoc_negativ, evaluare FROM warehouse_settings');
  return { rows: q.rows, settings: computed(() => effectiveWarehouseSettings(q.rows.value)) };
}
