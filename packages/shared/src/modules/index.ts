import { accountingModule } from './accounting';
import { appointmentsModule } from './appointments';
import { clientPortalModule } from './client_portal';
import { cloudSyncModule } from './cloud_sync';
import { coreModule } from './core';
import { dispatcherModule } from './dispatcher';
import { logisticsModule } from './logistics';
import { reportsModule } from './reports';
import { smsModule } from './sms';
import { warehouseModule } from './warehouse';
import { workshopModule } from './workshop';

/**
 * The list file: every module of the shared package, each after the modules it requires. The kernel
 * (entitlements, schema registry, sync) loops over this list and imports no module folder.
 */
export const moduleDefinitions = [
  coreModule,
  workshopModule,
  accountingModule,
  cloudSyncModule,
  clientPortalModule,
  smsModule,
  appointmentsModule,
  reportsModule,
  warehouseModule,
  logisticsModule,
  dispatcherModule,
] as const;

// The modules' public APIs, for the package's index.
export * from './accounting';
export * from './core';
export * from './sms';
export * from './workshop';
export * from './client_portal';
export * from './appointments';
export * from './warehouse';
export * from './reports';
export * from './logistics';
