import { computed } from 'vue';
import { defaultLogisticsSettings, effectiveLogisticsSettings, type LogisticsSettings } from '@roaauto/shared';
import type { LocalDatabase } from '@/db/local-database';
import { useLiveQuery } from '@/app/live-query';

type SettingsRow = LogisticsSettings & { id: string; created_at: string };

/** The settings in force (the oldest row, or the defaults). */
export function useLogisticsSettings() {
  const q = useLiveQuery<SettingsRow>(
    ['logistics_settings'],
    'SELECT id, created_at, depot_name, depot_address, depot_lat, depot_lon, depot_opens, depot_closes, speed_kmh FROM logistics_settings',
  );
  return { loading: q.loading, settings: computed(() => effectiveLogisticsSettings(q.rows.value)) };
}

/**
 * Saves a change to the company's settings row, read at the moment of writing (never from what the page had
 * loaded), so a quick hand or a slow phone updates the row that exists instead of making a second one.
 */
export async function saveLogisticsSettings(db: LocalDatabase, patch: Partial<LogisticsSettings>): Promise<void> {
  const [oldest] = await db.query<{ id: string }>('SELECT id FROM logistics_settings ORDER BY created_at, id LIMIT 1');
  await db.write([oldest
    ? { op: 'update', table: 'logistics_settings', id: oldest.id, patch }
    : { op: 'create', table: 'logistics_settings', data: { ...defaultLogisticsSettings, ...patch } }]);
}
