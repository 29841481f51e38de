import type { GlanceCompute, Permission } from '@roaauto/shared';
import { extensionPoint, type ExtensionPoint } from '@/app/module-kit';

/**
 * A source of the month at a glance (docs/reports.md): a partner module's figures for a period, computed
 * from the local database. Each of the reports' bridges adds its own (workshop: orders, labour and
 * materials; accounting: invoices, VAT, unpaid; warehouse: stock value, parts consumed, tyre hotel; sms;
 * appointments). `permissions`: read only by people with one of them (costs need `warehouse.costs`).
 */
export type GlanceSource = { id: string; compute: GlanceCompute; order?: number; permissions?: readonly Permission[] };
export const glanceSources: ExtensionPoint<GlanceSource> = extensionPoint('reports:glance');
