import type { RouteRecordRaw } from 'vue-router';
import { moduleIds, modules as moduleRegistry, plans, planIds, type ModuleId, type Permission, type RefusalParams } from '@roaauto/shared';
import type { ComponentSlot, Contribution, ExtensionPoint, Locale, MessageTree, NavItem, SlotEntry, WebModule } from './module-kit';

/**
 * The modules the app runs with, as the start-up code installed them from the list file. The shell
 * reads modules only through here, so it never imports a module folder (and a module may import
 * any of this without an import loop).
 */
let installed: readonly WebModule[] = [];

export function installModules(list: readonly WebModule[]): void {
  installed = list;
}

export function installedModules(): readonly WebModule[] {
  return installed;
}

/** Which modules the company may use now (the session's entitlements). */
export type ModuleSwitch = Partial<Record<ModuleId, boolean>>;

/** Every route of every module and bridge, each with the modules it needs in `meta.modules`. */
export function moduleRoutes(): RouteRecordRaw[] {
  return installed.flatMap((m) => [
    ...(m.routes ?? []).map((r) => withModules(r, [m.id])),
    ...(m.bridges ?? []).flatMap((b) => (b.routes ?? []).map((r) => withModules(r, [m.id, ...b.with]))),
  ]);
}

function withModules(route: RouteRecordRaw, modules: ModuleId[]): RouteRecordRaw {
  return { ...route, meta: { ...route.meta, modules } };
}

/** The first module a route needs that is off, or null. */
export function missingModule(meta: unknown, on: ModuleSwitch): ModuleId | null {
  const needed = (meta as { modules?: unknown } | undefined)?.modules;
  if (!Array.isArray(needed)) return null;
  return (needed as ModuleId[]).find((id) => !on[id]) ?? null;
}

/** Navigation of the modules that are on, in order, without entries the person's permissions do not open. */
export function navItems(on: ModuleSwitch, allowed: (p: Permission) => boolean = () => true): NavItem[] {
  return installed
    .filter((m) => on[m.id])
    .flatMap((m) => [...(m.nav ?? []), ...(m.bridges ?? []).filter((b) => b.with.every((id) => on[id])).flatMap((b) => b.nav ?? [])])
    .filter((item) => !item.permissions || item.permissions.some(allowed))
    .sort((a, b) => a.order - b.order);
}

/** What the modules and bridges that are on add to an extension point, in install order. */
export function contributionsTo<T>(point: ExtensionPoint<T>, on: ModuleSwitch): T[] {
  const picked: Contribution[] = [];
  for (const m of installed) {
    if (!on[m.id]) continue;
    picked.push(...(m.contributes ?? []));
    for (const b of m.bridges ?? []) if (b.with.every((id) => on[id])) picked.push(...(b.contributes ?? []));
  }
  // contribute() checked each value against its point's type.
  return picked.filter((c) => c.point === point.id).map((c) => c.value as T);
}

/**
 * What a component slot draws: the entries of the modules that are on, without those the person's
 * permissions do not open (an invoice action for someone who cannot read invoices), by `order`.
 */
export function slotEntries<P extends object>(point: ComponentSlot<P>, on: ModuleSwitch, allowed: (p: Permission) => boolean): SlotEntry<P>[] {
  return permittedContributions(point, on, allowed);
}

/** The additions to a point of the modules that are on that the person's permissions open, by `order` (shortcuts, steps…). */
export function permittedContributions<T extends { order?: number; permissions?: readonly Permission[] }>(
  point: ExtensionPoint<T>, on: ModuleSwitch, allowed: (p: Permission) => boolean,
): T[] {
  return contributionsTo(point, on)
    .filter((e) => !e.permissions || e.permissions.some(allowed))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** Every module's texts under its id, for one language. */
export function moduleMessages(locale: Locale): Record<string, MessageTree> {
  return Object.fromEntries(installed.map((m) => [m.id, m.messages[locale]]));
}

/** The message key of a synced table's name (in the `tables` group of the module that names it), or null. */
export function tableNameKey(table: string, has: (key: string) => boolean): string | null {
  for (const m of installed) if (has(`${m.id}.tables.${table}`)) return `${m.id}.tables.${table}`;
  return null;
}

/**
 * Every module's refusal codes (their shared definitions) as texts of one language, under `refusals`:
 * `order.status_transition` is the key `refusals.order.status_transition`, its `{from}` a parameter.
 */
export function refusalMessages(locale: Locale): MessageTree {
  const tree: MessageTree = {};
  for (const id of moduleIds) {
    for (const [code, texts] of Object.entries(moduleRegistry[id].refusals ?? {})) {
      const [group = '', name = ''] = code.split('.');
      const branch = (tree[group] ??= {}) as MessageTree;
      branch[name] = texts[locale];
    }
  }
  return tree;
}

/** The message key and parameters of a rule's refusal code. */
export function refusalKey(rule: string, params: RefusalParams = {}): [string, RefusalParams] {
  return [`refusals.${rule}`, params];
}

/** Whether a refusal code is one of the modules' (this app has its texts), not one of a newer server. */
export function isKnownRefusal(rule: string): boolean {
  return moduleIds.some((id) => Object.hasOwn(moduleRegistry[id].refusals ?? {}, rule));
}

/** The refusal an error's details carry (a rule of this device, or the server's answer), or null. */
export function refusalOf(details: Readonly<Record<string, unknown>>): { rule: string; params: RefusalParams } | null {
  if (typeof details.rule !== 'string') return null;
  const params = details.params && typeof details.params === 'object' ? (details.params as RefusalParams) : {};
  return { rule: details.rule, params };
}

/** What would switch a module on: the plans that include it and the modules it needs. */
export function howToEnable(id: ModuleId): { plans: string[]; needs: string[] } {
  return {
    plans: planIds.filter((p) => p !== 'custom' && plans[p].modules.includes(id)).map((p) => plans[p].name),
    needs: moduleRegistry[id].requires.map((r) => moduleRegistry[r].name),
  };
}
