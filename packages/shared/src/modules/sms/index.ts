import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const smsModule = defineModule({
  id: 'sms',
  name: 'SMS',
  description: 'SMS to customers through SMSAPI.ro',
  requires: ['client_portal'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: [],
  bridges: [],
});
