import type { ServerModule } from '../module-kit';
import { accountingServer } from './accounting';
import { appointmentsServer } from './appointments';
import { clientPortalServer } from './client_portal';
import { coreServer } from './core';
import { logisticsServer } from './logistics';
import { reportsServer } from './reports';
import { smsServer } from './sms';
import { warehouseServer } from './warehouse';
import { workshopServer } from './workshop';

/**
 * The list file: every module with server code, each after the modules it requires. The kernel
 * (app.ts, the migrator, the sync service's hooks) loops over this list and imports no module folder.
 */
export const serverModules: readonly ServerModule[] = [
  coreServer, workshopServer, accountingServer, clientPortalServer, smsServer, appointmentsServer, warehouseServer, reportsServer, logisticsServer,
];
