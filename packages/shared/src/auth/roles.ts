/** Company roles (a user has one per company) and the platform role, which is not a company role. */
export const companyRoles = ['owner', 'admin', 'mechanic', 'dispatcher', 'driver', 'accountant'] as const;
export type CompanyRole = (typeof companyRoles)[number];
export type PlatformRole = 'super_admin';
export type Role = CompanyRole | PlatformRole;

export const permissions = [
  'company.read',
  'company.update',
  'users.read',
  'users.manage',
  'audit.read',
  'clients.write',
  'vehicles.write',
  'orders.read',
  'orders.write',
  'orders.read_assigned',
  'catalog.write',
  'invoices.issue',
  /** Print, download and share documents (each one is recorded in the audit trail). */
  'documents.print',
  /** Make and revoke an order's client portal links. */
  'portal.links',
  /** See products and stock (no purchase prices or values). */
  'warehouse.read',
  /** Products, locations and stock movements. */
  'warehouse.write',
  /** Purchase prices, stock values and the cost of what orders consumed. */
  'warehouse.costs',
  /** Check customers' wheel sets into the tyre hotel and out of it. */
  'tyre_hotel.write',
  'routes.manage',
  'routes.drive',
  'reports.read',
  /** Write SMS to customers and mark who wants none. */
  'messages.send',
  /** The SMS templates and sender name. */
  'messages.manage',
  /** Make, move and cancel appointments. */
  'appointments.write',
  /** The shop's hours, bays, services, campaigns, booking page and calendar feeds. */
  'appointments.manage',
] as const;
export type Permission = (typeof permissions)[number];

/** The permission table: the one place that says who may do what. */
export const rolePermissions: Readonly<Record<CompanyRole, readonly Permission[]>> = {
  owner: permissions,
  admin: permissions.filter((p) => p !== 'company.update'),
  mechanic: ['company.read', 'clients.write', 'vehicles.write', 'orders.read_assigned', 'orders.write', 'documents.print', 'appointments.write', 'warehouse.read', 'tyre_hotel.write'],
  dispatcher: ['company.read', 'clients.write', 'routes.manage', 'warehouse.read', 'warehouse.write', 'orders.read', 'documents.print', 'appointments.write'],
  driver: ['company.read', 'routes.drive'],
  accountant: ['company.read', 'clients.write', 'orders.read', 'invoices.issue', 'documents.print', 'reports.read', 'audit.read', 'warehouse.read', 'warehouse.costs'],
};

export function isCompanyRole(value: unknown): value is CompanyRole {
  return typeof value === 'string' && (companyRoles as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  if (role === 'super_admin') return false; // the platform operator works through /api/admin only
  return rolePermissions[role].includes(permission);
}

/** Who may give which role: nobody hands out ownership, and only the owner makes admins. */
export function canAssignRole(actor: CompanyRole, role: CompanyRole): boolean {
  if (role === 'owner') return false;
  if (actor === 'owner') return true;
  return actor === 'admin' && role !== 'admin';
}
