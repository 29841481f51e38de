import { defineServerModule } from '../../module-kit';
import { anafRoutes } from './anaf.routes';
import { passwordResetRoutes } from './password-reset.routes';
import { auditRoutes } from './audit.routes';
import { usersRoutes } from './users.routes';

/**
 * Core on the server: users and invitations. Customers, the company profile and backups travel by sync
 * and live on the devices; the platform (accounts, tenancy, billing, sync) is kernel code. Core's tables
 * are made by the platform's migrations (clients in 0003_core_sync; company_profile and document_events
 * in 0006_accounting_invoices, from before they moved to core: a landed migration keeps its name).
 */
export const coreServer = defineServerModule({
  id: 'core',
  routes: [usersRoutes, passwordResetRoutes, auditRoutes, anafRoutes],
  syncHooks: [],
  migrations: {},
  bridges: [],
});
