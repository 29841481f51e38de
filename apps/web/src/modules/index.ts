import type { WebModule } from '@/app/module-kit';
import { accountingModule } from './accounting';
import { appointmentsModule } from './appointments';
import { clientPortalModule } from './client_portal';
import { coreModule } from './core';
import { logisticsModule } from './logistics';
import { reportsModule } from './reports';
import { smsModule } from './sms';
import { warehouseModule } from './warehouse';
import { workshopModule } from './workshop';

/**
 * The web app's modules, one line each. The start-up code installs this list; the rest of the shell
 * reads modules only through what it installed and never imports a module folder.
 */
export const webModules: readonly WebModule[] = [
  coreModule, workshopModule, accountingModule, clientPortalModule, smsModule, appointmentsModule, warehouseModule, reportsModule, logisticsModule,
];
