import { contribute, type WebBridge } from '@/app/module-kit';
import { lazyCompute } from '../../glance/lazy';
import { glanceSources } from '../../slots';

/** `appointments_reports`: what the reports show of the appointments module's data, only while it is on. */
export const appointmentsReportsBridge: WebBridge = {
  id: 'appointments_reports',
  with: ['appointments'],
  contributes: [contribute(glanceSources, { id: 'appointments', order: 6, compute: lazyCompute('appointmentsGlance') })],
};
