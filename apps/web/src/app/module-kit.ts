import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { ModuleId, Permission } from '@roaauto/shared';
import type { LocalDatabase } from '@/db/local-database';

/**
 * The web module kit: what a module of the app is made of. Each module folder's `index.ts` exports one
 * `WebModule`; the list file `@/modules` names them, and the shell installs that list at start
 * (`installModules`) without ever importing a module folder itself.
 */

/** Texts by key, nested. */
export type MessageTree = { [key: string]: string | MessageTree };

/** The app's languages; Romanian first (and the fallback). */
export const locales = ['ro', 'en'] as const;
export type Locale = (typeof locales)[number];

/** A module's texts in each language of the app, with the same keys in each. */
export type ModuleMessages<T extends MessageTree = MessageTree> = Record<Locale, T>;

/**
 * A module's texts; `en` must have exactly the keys of `ro` (a missing or extra key fails the type
 * check). The shell puts them under the module's id: `orders.title` of workshop is `workshop.orders.title`.
 */
export function defineMessages<T extends MessageTree>(ro: T, en: NoInfer<T>): ModuleMessages<T> {
  return { ro, en };
}

export type NavItem = {
  to: string;
  /** Full message key, e.g. `workshop.nav.orders`. */
  labelKey: string;
  icon: string;
  /** Place in the navigation, smallest first, across modules. */
  order: number;
  /** Shown only to people with at least one of these permissions (everyone when absent). */
  permissions?: readonly Permission[];
};

/**
 * An extension point: a named place where modules (or bridges) add things without the owner of the
 * place knowing who adds them. `T` is what each addition is (a component, a loader…).
 */
export type ExtensionPoint<T> = { readonly id: string; readonly _of?: (value: T) => T };

/** A new extension point; its id is `<owner>:<name>` (`workshop:orderActions`), the owner being a module id or `shell`. */
export function extensionPoint<T>(id: `${string}:${string}`): ExtensionPoint<T> {
  return { id };
}

/** One addition to an extension point (made with `contribute`, which checks its type against the point's). */
export type Contribution = { readonly point: string; readonly value: unknown };

export function contribute<T>(point: ExtensionPoint<T>, value: T): Contribution {
  return { point: point.id, value };
}

/**
 * What a component slot holds: a component drawn with the slot's props, in `order` (smallest first).
 * Load it lazily (`defineAsyncComponent`) so a module's code stays in its own chunk.
 */
export type SlotEntry<Props extends object = Record<string, never>> = {
  component: Component;
  order?: number;
  /** Drawn only for people with at least one of these permissions (everyone when absent), like `NavItem.permissions`. */
  permissions?: readonly Permission[];
  /** Phantom: the props the slot passes. */
  readonly _props?: Props;
};

/** An extension point whose contributions are components drawn in place (see `ModuleSlot.vue`). */
export type ComponentSlot<Props extends object = Record<string, never>> = ExtensionPoint<SlotEntry<Props>>;

/** Hooks and texts a module adds to the shell's services. */
type ModuleParts = {
  routes?: readonly RouteRecordRaw[];
  /** Extension points' additions (its own points, other modules' or the shell's). */
  contributes?: readonly Contribution[];
};

/**
 * Code that exists only when its owner and the modules in `with` are all on (e.g. accounting's
 * `order_invoicing`, with workshop). Its routes and contributions are used only then.
 */
export type WebBridge = ModuleParts & {
  id: string;
  with: readonly ModuleId[];
  /** Navigation entries, shown only while its owner and every module in `with` are on. */
  nav?: readonly NavItem[];
};

export type WebModule = ModuleParts & {
  id: ModuleId;
  nav?: readonly NavItem[];
  /** Its texts; a `tables` group names its synced tables as people call them (a refused change names its table). */
  messages: ModuleMessages;
  /** Runs in the leader tab when it opens the database (e.g. a starter catalog for a new local database). */
  onLeader?: (db: LocalDatabase, ctx: { hasAccount: boolean }) => Promise<void>;
  /** Runs in the leader tab after every successful sync (a module's own online upkeep). */
  afterSync?: (db: LocalDatabase) => Promise<void>;
  bridges?: readonly WebBridge[];
};

/** Checks a module's shape where it is written. */
export function defineWebModule(module: WebModule): WebModule {
  return module;
}
