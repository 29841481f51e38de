import type { WebBridge } from '@/app/module-kit';

/** `appointments_reports`: what the reports show of the appointments module's data, only while it is on. */
export const appointmentsReportsBridge: WebBridge = {
  id: 'appointments_reports',
  with: ['appointments'],
  contributes: [],
};
