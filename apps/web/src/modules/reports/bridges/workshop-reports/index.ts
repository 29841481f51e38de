import type { WebBridge } from '@/app/module-kit';

/** `workshop_reports`: what the reports show of the workshop module's data, only while it is on. */
export const workshopReportsBridge: WebBridge = {
  id: 'workshop_reports',
  with: ['workshop'],
  contributes: [],
};
