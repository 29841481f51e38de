import { defineModule } from '../../module-kit';
import { coreRefusals } from './refusals';
import { clientsTable } from './clients.table';
import { companyProfileTable } from './company-profile.table';
import { documentEventsTable } from './document-events.table';

/** Core: required by every module. The platform itself (accounts, tenancy, billing, sync) is kernel code. */
export const coreModule = defineModule({
  id: 'core',
  name: 'Core',
  description: 'Company profile, users and roles, customers, settings, backup, audit trail',
  requires: [],
  uses: [],
  tables: [clientsTable, companyProfileTable, documentEventsTable],
  serverTables: ['tenants', 'users', 'invitations', 'audit_log', 'document_counters'],
  permissions: ['company.read', 'company.update', 'users.read', 'users.manage', 'audit.read', 'clients.write', 'documents.print'],
  bridges: [],
  refusals: coreRefusals.texts,
});

// The module's public API (re-exported by the package's index through the list file).
export * from './client-party';
export * from './clients.table';
export * from './company';
export * from './company-profile.table';
export * from './counties';
export * from './countries';
export * from './document-events.table';
export * from './documents';
export * from './party';
export type { PdfOptions } from './pdf-layout';
export { coreRefusals } from './refusals';
