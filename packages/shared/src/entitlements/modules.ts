/**
 * The module registry: ids (stable; they are the entitlement keys), names, dependencies and the
 * tables each module owns. Adding a module is one entry here plus its folders in server and web.
 */
export const moduleIds = [
  'core',
  'workshop',
  'accounting',
  'cloud_sync',
  'client_portal',
  'sms',
  'appointments',
  'reports',
  'warehouse',
  'logistics',
  'dispatcher',
] as const;

export type ModuleId = (typeof moduleIds)[number];

export type ModuleDefinition = {
  id: ModuleId;
  name: string;
  description: string;
  /** Modules that must be on for this one to work. */
  requires: readonly ModuleId[];
  /** Tables whose rows belong to this module (sync and the data layer check the module for them). */
  tables: readonly string[];
};

export const modules: Readonly<Record<ModuleId, ModuleDefinition>> = {
  core: {
    id: 'core',
    name: 'Core',
    description: 'Company profile, users and roles, customers, settings, backup, audit trail',
    requires: [],
    tables: ['tenants', 'users', 'invitations', 'clients', 'company_profile', 'document_events', 'settings', 'audit_log', 'document_counters'],
  },
  workshop: {
    id: 'workshop',
    name: 'Workshop',
    description: 'Vehicles, repair orders with labour and materials, workflow, mechanics, catalog',
    requires: ['core'],
    tables: [
      'vehicles',
      'orders',
      'order_lines',
      'catalog_marci',
      'catalog_modele',
      'catalog_ansamble',
      'catalog_norme',
      'catalog_preturi',
      'catalog_tipuri_deviz',
      'catalog_tipuri_motoare',
      'mecanici',
    ],
  },
  accounting: {
    id: 'accounting',
    name: 'Accounting',
    description: 'Invoices, receipts, delivery notes, credit notes, series and counters, PDF, e-Factura',
    requires: ['core'],
    tables: ['invoice_series', 'invoices'],
  },
  cloud_sync: {
    id: 'cloud_sync',
    name: 'Cloud sync',
    description: 'Server account, sync between devices, automatic backup',
    requires: ['core'],
    tables: [],
  },
  client_portal: {
    id: 'client_portal',
    name: 'Client portal',
    description: 'A public link per order: the customer sees the estimate and accepts or rejects it',
    requires: ['workshop', 'cloud_sync'],
    tables: ['portal_links'],
  },
  sms: {
    id: 'sms',
    name: 'SMS',
    description: 'SMS to customers through SMSAPI.ro',
    requires: ['client_portal'],
    tables: ['sms_messages'],
  },
  appointments: {
    id: 'appointments',
    name: 'Appointments',
    description: 'Calendar and customer self-booking',
    requires: ['core'],
    tables: ['appointments'],
  },
  reports: {
    id: 'reports',
    name: 'Reports',
    description: 'Monthly summary, charts, CSV export of the enabled modules',
    requires: ['core'],
    tables: [],
  },
  warehouse: {
    id: 'warehouse',
    name: 'Warehouse',
    description: 'Products, stock, receipts and issues, transfers, inventory counts, barcodes',
    requires: ['core'],
    tables: ['products', 'stock_movements', 'inventory_counts'],
  },
  logistics: {
    id: 'logistics',
    name: 'Logistics',
    description: 'Delivery points, routes, drivers, ETA',
    requires: ['core'],
    tables: ['delivery_points', 'routes', 'route_stops', 'drivers'],
  },
  dispatcher: {
    id: 'dispatcher',
    name: 'Dispatcher',
    description: 'Map, assignment, statuses, comments',
    requires: ['logistics'],
    tables: ['dispatch_comments'],
  },
};

export function isModuleId(value: unknown): value is ModuleId {
  return typeof value === 'string' && (moduleIds as readonly string[]).includes(value);
}

/** The module that owns a table, or undefined for a table no module declares. */
export function moduleOfTable(table: string): ModuleId | undefined {
  return moduleIds.find((id) => modules[id].tables.includes(table));
}
