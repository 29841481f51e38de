import { moduleIds, type ModuleDefinition, type ModuleId } from '../module-kit';
import { moduleDefinitions } from '../modules';

export { defineBridge, defineModule, isModuleId, moduleIds, type BridgeDefinition, type ModuleDefinition, type ModuleId } from '../module-kit';

/**
 * The module registry, from the list file (modules/index.ts): each module's definition by id. Every id
 * has exactly one definition, listed after the modules it requires.
 */
export const modules: Readonly<Record<ModuleId, ModuleDefinition>> = registry(moduleDefinitions);

function registry(list: readonly ModuleDefinition[]): Record<ModuleId, ModuleDefinition> {
  const byId = new Map<ModuleId, ModuleDefinition>();
  for (const m of list) {
    if (byId.has(m.id)) throw new Error(`module ${m.id} is listed twice`);
    for (const dep of m.requires) if (!byId.has(dep)) throw new Error(`module ${m.id} is listed before ${dep}, which it requires`);
    byId.set(m.id, m);
  }
  const missing = moduleIds.filter((id) => !byId.has(id));
  if (missing.length) throw new Error(`modules without a definition: ${missing.join(', ')}`);
  return Object.fromEntries(byId) as Record<ModuleId, ModuleDefinition>;
}

/** Every table a module owns, by name: its synced tables and its server-only ones. */
export function tablesOfModule(id: ModuleId): string[] {
  return [...modules[id].tables.map((t) => t.name), ...modules[id].serverTables];
}

/** The module that owns a table, or undefined for a table no module declares. */
export function moduleOfTable(table: string): ModuleId | undefined {
  return moduleIds.find((id) => tablesOfModule(id).includes(table));
}

/** The bridges whose two modules are both on in `active` (what runs for the company now). */
export function activeBridges(active: Readonly<Record<ModuleId, boolean>>): string[] {
  return moduleIds.flatMap((id) => modules[id].bridges.filter((b) => active[b.owner] && active[b.with]).map((b) => b.id));
}
