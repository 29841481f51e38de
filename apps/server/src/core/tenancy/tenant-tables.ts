import { syncTables } from '@roaauto/shared';

/**
 * The server tables whose rows belong to one company, and the column that says which. A test checks
 * this list against the live schema on both engines: a table with a tenant_id column that is missing
 * here fails the build.
 */
export const tenantTables: Readonly<Record<string, 'tenant_id' | 'id'>> = {
  ...Object.fromEntries(syncTables.map((t) => [t.name, 'tenant_id' as const])),
  tenants: 'id',
  users: 'tenant_id',
  invitations: 'tenant_id',
  document_counters: 'tenant_id',
  billing_events: 'tenant_id',
  audit_log: 'tenant_id',
  sync_tenant_state: 'tenant_id',
  sync_clients: 'tenant_id',
  sync_scope: 'tenant_id',
  sms_sends: 'tenant_id',
  sms_reminders: 'tenant_id',
  calendar_feeds: 'tenant_id',
  appointment_reminders: 'tenant_id',
  tyre_set_reminders: 'tenant_id',
  booking_pages: 'tenant_id',
  booking_pending: 'tenant_id',
  booking_links: 'tenant_id',
  efactura_connections: 'tenant_id',
  efactura_submissions: 'tenant_id',
};
