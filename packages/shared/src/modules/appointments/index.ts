import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const appointmentsModule = defineModule({
  id: 'appointments',
  name: 'Appointments',
  description: 'Calendar and customer self-booking',
  requires: ['core'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: [],
  bridges: [],
});
