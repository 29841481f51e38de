import { contribute, type WebBridge } from '@/app/module-kit';
import { lazyCompute } from '../../glance/lazy';
import { glanceSources } from '../../slots';

/** `workshop_reports`: what the reports show of the workshop module's data, only while it is on. */
export const workshopReportsBridge: WebBridge = {
  id: 'workshop_reports',
  with: ['workshop'],
  contributes: [contribute(glanceSources, { id: 'workshop', order: 1, compute: lazyCompute('workshopGlance') })],
};
