import type { WebBridge } from '@/app/module-kit';

/** `accounting_reports`: what the reports show of the accounting module's data, only while it is on. */
export const accountingReportsBridge: WebBridge = {
  id: 'accounting_reports',
  with: ['accounting'],
  contributes: [],
};
