import type { WebBridge } from '@/app/module-kit';

/** `warehouse_reports`: what the reports show of the warehouse module's data, only while it is on. */
export const warehouseReportsBridge: WebBridge = {
  id: 'warehouse_reports',
  with: ['warehouse'],
  contributes: [],
};
