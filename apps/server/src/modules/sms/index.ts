import { defineServerModule } from '../../module-kit';
import * as m0021 from './migrations/0021_sms_messages';
import * as m0022 from './migrations/0022_sms_sends';
import * as m0025 from './migrations/0025_sms_reminders';
import { smsRoutes } from './sms.routes';
import { smsSyncHook } from './sms.sync';

export const smsServer = defineServerModule({
  id: 'sms',
  routes: [smsRoutes],
  syncHooks: [smsSyncHook],
  migrations: {
    '0021_sms_messages': m0021,
    '0022_sms_sends': m0022,
    '0025_sms_reminders': m0025,
  },
  bridges: [],
});
