import { afterEach, describe, expect, it } from 'vitest';
import type { ModuleId } from '@roaauto/shared';
import { contributionsTo, installModules, moduleRoutes, navItems } from '@/app/modules';
import { shellNotices } from '@/app/shell-slots';
import { invoiceSources } from './accounting/slots';
import { companySections, homeCards } from './core/slots';
import { webModules } from './index';
import { orderActions } from './workshop/slots';

/** The app's modules as the list installs them: what each adds where, and what needs two modules on. */
const on = (...ids: ModuleId[]) => Object.fromEntries(ids.map((id) => [id, true])) as Partial<Record<ModuleId, boolean>>;

afterEach(() => installModules([]));

describe('the modules of the app', () => {
  it('order_invoicing adds the invoice actions to an order and the invoice-from-order start only when accounting and workshop are both on', () => {
    installModules(webModules);
    expect(contributionsTo(orderActions, on('core', 'workshop', 'accounting'))).toHaveLength(1);
    expect(contributionsTo(orderActions, on('core', 'workshop'))).toEqual([]);
    expect(contributionsTo(invoiceSources, on('core', 'accounting')).map((s) => s.param)).toEqual([]);
    expect(contributionsTo(invoiceSources, on('core', 'workshop', 'accounting')).map((s) => s.param)).toEqual(['order']);
  });

  it("the company page is core's: it stays when accounting is off, and its invoice series section comes with accounting", () => {
    installModules(webModules);
    const company = moduleRoutes().find((r) => r.path === '/company');
    expect(company?.meta?.modules).toEqual(['core']);
    expect(navItems(on('core')).map((n) => n.to)).toContain('/company');
    expect(navItems(on('core')).map((n) => n.to)).not.toContain('/invoices');
    expect(contributionsTo(companySections, on('core'))).toEqual([]);
    expect(contributionsTo(companySections, on('core', 'accounting'))).toHaveLength(1);
    expect(contributionsTo(shellNotices, on('core'))).toHaveLength(1);
  });

  it("core's home shows the vehicles only with workshop on", () => {
    installModules(webModules);
    expect(contributionsTo(homeCards, on('core', 'accounting'))).toEqual([]);
    expect(contributionsTo(homeCards, on('core', 'workshop'))).toHaveLength(1);
  });

  it('every route name and path is used once', () => {
    installModules(webModules);
    const routes = moduleRoutes();
    expect(new Set(routes.map((r) => r.name)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length);
  });
});
