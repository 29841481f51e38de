import { defineComponent, type FunctionalComponent } from 'vue';
import { afterEach, describe, expect, it } from 'vitest';
import { workshopRefusals, type ModuleId, type Permission } from '@roaauto/shared';
import { contribute, defineMessages, extensionPoint, type SlotEntry, type WebModule } from './module-kit';
import { contributionsTo, installModules, missingModule, moduleMessages, moduleRoutes, navItems, refusalMessages, slotEntries, tableNameKey } from './modules';

const page = defineComponent({ render: () => null });
const greeting = extensionPoint<string>('test:greeting');
const messages = defineMessages({ title: 'Titlu', tables: { things: 'Lucruri' } }, { title: 'Title', tables: { things: 'Things' } });

const alpha: WebModule = {
  id: 'warehouse',
  routes: [{ path: '/stock', name: 'stock', component: page }],
  nav: [{ to: '/stock', labelKey: 'warehouse.title', icon: 'book', order: 30 }],
  messages,
  contributes: [contribute(greeting, 'from warehouse')],
  bridges: [{ id: 'stock_delivery', with: ['logistics'], routes: [{ path: '/stock/ship', name: 'ship', component: page }], contributes: [contribute(greeting, 'from the bridge')] }],
};
const beta: WebModule = {
  id: 'logistics',
  nav: [{ to: '/routes', labelKey: 'logistics.title', icon: 'car', order: 10 }],
  messages,
  contributes: [contribute(greeting, 'from logistics')],
};
const on = (...ids: ModuleId[]) => Object.fromEntries(ids.map((id) => [id, true])) as Partial<Record<ModuleId, boolean>>;

afterEach(() => installModules([]));

describe('the web module kit', () => {
  it("routes say which modules they need: a module's its own, a bridge's both", () => {
    installModules([alpha, beta]);
    expect(moduleRoutes().map((r) => [r.path, r.meta?.modules])).toEqual([['/stock', ['warehouse']], ['/stock/ship', ['warehouse', 'logistics']]]);
    const ship = moduleRoutes()[1]?.meta;
    expect(missingModule(ship, on('warehouse'))).toBe('logistics');
    expect(missingModule(ship, on('warehouse', 'logistics'))).toBeNull();
    expect(missingModule(undefined, on())).toBeNull();
  });

  it('navigation of the modules that are on, in order across modules', () => {
    installModules([alpha, beta]);
    expect(navItems(on('warehouse', 'logistics')).map((n) => n.to)).toEqual(['/routes', '/stock']);
    expect(navItems(on('warehouse')).map((n) => n.to)).toEqual(['/stock']);
  });

  it("a bridge's navigation shows only while its owner and its partners are on", () => {
    const bridged: WebModule = { ...alpha, bridges: [{ id: 'stock_delivery', with: ['logistics'], nav: [{ to: '/stock/ship', labelKey: 'warehouse.title', icon: 'car', order: 20 }] }] };
    installModules([bridged, beta]);
    expect(navItems(on('warehouse', 'logistics')).map((n) => n.to)).toEqual(['/routes', '/stock/ship', '/stock']);
    expect(navItems(on('warehouse')).map((n) => n.to)).toEqual(['/stock']);
    expect(navItems(on('logistics')).map((n) => n.to)).toEqual(['/routes']);
  });

  it('an entry that needs a permission is left out for people without any of its permissions', () => {
    installModules([{ ...beta, nav: [{ to: '/routes', labelKey: 'logistics.title', icon: 'car', order: 10, permissions: ['routes.manage', 'reports.read'] }] }]);
    expect(navItems(on('logistics'), (p) => p === 'reports.read')).toHaveLength(1);
    expect(navItems(on('logistics'), (p) => p === 'orders.write')).toEqual([]);
    expect(navItems(on('logistics'))).toHaveLength(1);
  });

  it("a slot draws the entries of the modules that are on, by order, without those the person's permissions do not open", () => {
    const slot = extensionPoint<SlotEntry>('test:slot');
    // Three functional components, told apart by identity.
    const first: FunctionalComponent = () => null;
    const second: FunctionalComponent = () => null;
    const third: FunctionalComponent = () => null;
    installModules([
      { ...alpha, contributes: [contribute(slot, { component: second, order: 2 }), contribute(slot, { component: first, order: 1, permissions: ['invoices.issue', 'reports.read'] })] },
      { ...beta, contributes: [contribute(slot, { component: third, order: 3, permissions: ['routes.manage'] })] },
    ]);
    const drawn = (allowed: (p: Permission) => boolean, ...ids: ModuleId[]) => slotEntries(slot, on(...ids), allowed).map((e) => e.component);
    expect(drawn(() => true, 'warehouse', 'logistics')).toEqual([first, second, third]);
    expect(drawn((p) => p === 'reports.read', 'warehouse', 'logistics')).toEqual([first, second]);
    expect(drawn((p) => p === 'orders.write', 'warehouse', 'logistics')).toEqual([second]);
    expect(drawn(() => true, 'logistics')).toEqual([third]);
  });

  it("an extension point gets what the modules that are on add, and a bridge's additions only with both its modules on", () => {
    installModules([alpha, beta]);
    expect(contributionsTo(greeting, on('warehouse'))).toEqual(['from warehouse']);
    expect(contributionsTo(greeting, on('logistics'))).toEqual(['from logistics']);
    expect(contributionsTo(greeting, on('warehouse', 'logistics'))).toEqual(['from warehouse', 'from the bridge', 'from logistics']);
    expect(contributionsTo(extensionPoint<string>('test:other'), on('warehouse', 'logistics'))).toEqual([]);
  });

  it("each module's texts under its id; table names found in the module that has them", () => {
    installModules([alpha]);
    expect(moduleMessages('en')).toEqual({ warehouse: messages.en });
    const keys = new Set(['warehouse.tables.things']);
    expect(tableNameKey('things', (k) => keys.has(k))).toBe('warehouse.tables.things');
    expect(tableNameKey('orders', (k) => keys.has(k))).toBeNull();
  });

  it('holds every refusal code of every module in each language, filled like the rule fills its English', () => {
    for (const locale of ['ro', 'en'] as const) {
      const tree = refusalMessages(locale);
      for (const [code, texts] of Object.entries(workshopRefusals.texts)) {
        const [group = '', name = ''] = code.split('.');
        expect((tree[group] as Record<string, unknown>)[name], `${locale} ${code}`).toBe(texts[locale]);
      }
    }
  });
});
