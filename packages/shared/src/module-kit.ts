import type { Permission } from './auth/roles';
import type { RefusalTexts } from './schema/refusals';
import type { TableDef } from './schema/table';

/**
 * The module kit's contract in the shared package: what a module is, independent of which modules
 * exist. Module folders import this file; it imports no module and not the list file
 * (modules/index.ts), so a module's declarations can be evaluated while the list is being loaded.
 */

/**
 * Module ids: stable, they are the entitlement keys stored per company (a closed set: a new module adds
 * its id here, and its definition to the list file).
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

export function isModuleId(value: unknown): value is ModuleId {
  return typeof value === 'string' && (moduleIds as readonly string[]).includes(value);
}

/**
 * Code that exists only when two modules are both on (invoicing a repair order needs workshop and
 * accounting). Owned by the module that declares `uses: [with]`; its code lives in that module's
 * `bridges/<id>/` folder in each package and runs only when both modules are usable.
 */
export type BridgeDefinition<Owner extends ModuleId = ModuleId> = {
  id: string;
  owner: Owner;
  with: ModuleId;
  description: string;
};

export function defineBridge<const B extends BridgeDefinition>(bridge: B): B {
  if (bridge.owner === bridge.with) throw new Error(`bridge ${bridge.id}: a bridge joins two different modules`);
  return bridge;
}

export type ModuleDefinition<Id extends ModuleId = ModuleId, Tables extends readonly TableDef[] = readonly TableDef[]> = {
  id: Id;
  name: string;
  description: string;
  /** Modules that must be on for this one to work; its folders may import theirs. */
  requires: readonly ModuleId[];
  /** Optional partners it has bridges with; its folders may import theirs too, its bridges use them. */
  uses: readonly ModuleId[];
  /**
   * The synced tables it owns (their declarations, each naming this module), owners before what they
   * own. Sync, the browser's database and the server's data layer (and its types) come from these.
   */
  tables: Tables;
  /** Server-only tables it owns, which have no shared declaration (accounts, invitations): by name. */
  serverTables: readonly string[];
  /** The permissions (auth/roles.ts) its rules, routes and pages check. */
  permissions: readonly Permission[];
  bridges: readonly BridgeDefinition<Id>[];
  /**
   * The codes its rules refuse changes with, and their texts in each language (schema/refusals.ts):
   * the device shows them, the server's errors carry the codes.
   */
  refusals?: RefusalTexts;
};

/** A module's definition, checked where it is made: its tables and bridges must name it. */
export function defineModule<const Id extends ModuleId, const Tables extends readonly TableDef[]>(
  def: ModuleDefinition<Id, Tables>,
): ModuleDefinition<Id, Tables> {
  for (const t of def.tables) {
    if (t.module !== def.id) throw new Error(`module ${def.id}: table ${t.name} is declared for module ${t.module}`);
  }
  for (const b of def.bridges) {
    if (b.owner !== def.id || !def.uses.includes(b.with)) throw new Error(`module ${def.id}: bridge ${b.id} must be its own, with a module it uses`);
  }
  if (def.requires.includes(def.id) || def.uses.includes(def.id)) throw new Error(`module ${def.id} names itself as a dependency`);
  return def;
}
