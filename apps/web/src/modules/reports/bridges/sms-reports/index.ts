import { contribute, type WebBridge } from '@/app/module-kit';
import { lazyCompute } from '../../glance/lazy';
import { glanceSources } from '../../slots';

/** `sms_reports`: what the reports show of the sms module's data, only while it is on. */
export const smsReportsBridge: WebBridge = {
  id: 'sms_reports',
  with: ['sms'],
  contributes: [contribute(glanceSources, { id: 'sms', order: 5, compute: lazyCompute('smsGlance') })],
};
