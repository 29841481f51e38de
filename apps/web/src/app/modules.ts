import type { RouteRecordRaw } from 'vue-router';
import { modules as moduleRegistry, plans, planIds, type ModuleId } from '@roaauto/shared';
import type { LocalDatabase } from '@/db/local-database';
import { accountingModule } from '@/modules/accounting';
import { coreModule } from '@/modules/core';
import { workshopModule } from '@/modules/workshop';

export type NavItem = { to: string; labelKey: string; icon: string; order: number };
export type WebModule = {
  id: ModuleId;
  routes: RouteRecordRaw[];
  nav: NavItem[];
  /** Runs in the leader tab when it opens the database (e.g. a starter catalog for a new local database). */
  onLeader?: (db: LocalDatabase, ctx: { hasAccount: boolean }) => Promise<void>;
  /** Its rules' refusals (English text from the shared checks) and the message keys that translate them. */
  ruleMessages?: readonly (readonly [string, string])[];
  /** Runs in the leader tab after every successful sync (a module's own online upkeep). */
  afterSync?: (db: LocalDatabase) => Promise<void>;
};

/** The web side of the module registry: one line per module; routes and navigation come from here. */
export const webModules: readonly WebModule[] = [coreModule, workshopModule, accountingModule];

export function moduleRoutes(): RouteRecordRaw[] {
  return webModules.flatMap((m) => m.routes.map((r) => ({ ...r, meta: { ...r.meta, module: m.id } })));
}

/** A refusal of a table rule (as the device or the server worded it) in the person's language, or null. */
export function ruleMessageKey(message: string): string | null {
  for (const m of webModules) for (const [text, key] of m.ruleMessages ?? []) if (message.includes(text)) return key;
  return null;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

/**
 * A refused change (an error thrown by a rule) in the person's language, else inside the generic error
 * text. A message may use `{detail}`: what the rule said after its first colon (the rule ids, say).
 */
export function ruleErrorText(t: Translate, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const key = ruleMessageKey(message);
  const colon = message.indexOf(': ');
  return key ? t(key, { detail: colon < 0 ? message : message.slice(colon + 2) }) : t('errors.generic', { message });
}

/** What would switch a module on: the plans that include it and the modules it needs. */
export function howToEnable(id: ModuleId): { plans: string[]; needs: string[] } {
  return {
    plans: planIds.filter((p) => p !== 'custom' && plans[p].modules.includes(id)).map((p) => plans[p].name),
    needs: moduleRegistry[id].requires.map((r) => moduleRegistry[r].name),
  };
}
