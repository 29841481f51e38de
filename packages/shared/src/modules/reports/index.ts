import { defineModule } from '../../module-kit';

/** Not built yet: its definition (entitlements, dependencies) is what exists; its tables come with it. */
export const reportsModule = defineModule({
  id: 'reports',
  name: 'Reports',
  description: 'Monthly summary, charts, CSV export of the enabled modules',
  requires: ['core'],
  uses: [],
  tables: [],
  serverTables: [],
  permissions: ['reports.read'],
  bridges: [],
});
