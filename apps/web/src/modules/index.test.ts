import { afterEach, describe, expect, it } from 'vitest';
import { can, type ModuleId, type Permission } from '@roaauto/shared';
import { contributionsTo, installModules, moduleRoutes, navItems, permittedContributions, slotEntries } from '@/app/modules';
import { shellNotices } from '@/app/shell-slots';
import { invoiceSources } from './accounting/slots';
import { companySections, customerSections, firstSteps, homeActions, homeCards, homeFigures } from './core/slots';
import { webModules } from './index';
import { appointmentActions } from './appointments/slots';
import { orderActions } from './workshop/slots';

/** The app's modules as the list installs them: what each adds where, and what needs two modules on. */
const on = (...ids: ModuleId[]) => Object.fromEntries(ids.map((id) => [id, true])) as Partial<Record<ModuleId, boolean>>;

afterEach(() => installModules([]));

describe('the modules of the app', () => {
  it('order_invoicing adds the invoice actions to an order and the invoice-from-order start only when accounting and workshop are both on', () => {
    installModules(webModules);
    // Workshop's own actions (WhatsApp, e-mail) are there either way; the bridge adds one.
    const own = contributionsTo(orderActions, on('core', 'workshop'));
    expect(contributionsTo(orderActions, on('core', 'workshop', 'accounting')).filter((e) => !own.includes(e))).toHaveLength(1);
    // A customer is core's: an invoice can start from one with accounting alone.
    expect(contributionsTo(invoiceSources, on('core', 'accounting')).map((s) => s.param)).toEqual(['client']);
    expect(contributionsTo(invoiceSources, on('core', 'workshop', 'accounting')).map((s) => s.param).sort()).toEqual(['client', 'order']);
  });

  it("a customer's page shows the sections of the modules that are on", () => {
    installModules(webModules);
    expect(contributionsTo(customerSections, on('core'))).toEqual([]);
    expect(contributionsTo(customerSections, on('core', 'workshop'))).toHaveLength(2);
    expect(contributionsTo(customerSections, on('core', 'workshop', 'accounting'))).toHaveLength(3);
  });

  it("the company page is core's: it stays when accounting is off, and its invoice series section comes with accounting", () => {
    installModules(webModules);
    const company = moduleRoutes().find((r) => r.path === '/company');
    expect(company?.meta?.modules).toEqual(['core']);
    expect(navItems(on('core')).map((n) => n.to)).toContain('/company');
    expect(navItems(on('core')).map((n) => n.to)).not.toContain('/invoices');
    expect(contributionsTo(companySections, on('core'))).toEqual([]);
    expect(contributionsTo(companySections, on('core', 'accounting'))).toHaveLength(1);
    // The no-account and backup notices, and the sync-stopped one.
    expect(contributionsTo(shellNotices, on('core'))).toHaveLength(2);
  });

  it("core's home shows the vehicles only with workshop on", () => {
    installModules(webModules);
    expect(contributionsTo(homeCards, on('core', 'accounting'))).toEqual([]);
    // The vehicles and what falls due this month.
    expect(contributionsTo(homeCards, on('core', 'workshop'))).toHaveLength(2);
  });

  it("the home page's figures of the day come from the modules that are on, each for the roles that read it", () => {
    installModules(webModules);
    expect(contributionsTo(homeFigures, on('core'))).toEqual([]);
    // Today's orders and those awaiting approval; unpaid and overdue invoices; today's appointments; low stock.
    const workshop = contributionsTo(homeFigures, on('core', 'workshop'));
    const accounting = contributionsTo(homeFigures, on('core', 'accounting'));
    const appointments = contributionsTo(homeFigures, on('core', 'appointments'));
    const warehouse = contributionsTo(homeFigures, on('core', 'warehouse'));
    for (const one of [workshop, accounting, appointments, warehouse]) expect(one).toHaveLength(1);
    const all = on('core', 'workshop', 'accounting', 'appointments', 'warehouse');
    // The owner sees them all, by their order; a mechanic their orders and the calendar, no invoices.
    expect(slotEntries(homeFigures, all, (p) => can('owner', p))).toEqual([...appointments, ...workshop, ...accounting, ...warehouse]);
    expect(slotEntries(homeFigures, all, (p) => can('mechanic', p))).not.toContain(accounting[0]);
    expect(slotEntries(homeFigures, all, (p) => can('mechanic', p))).toEqual(expect.arrayContaining([...appointments, ...workshop]));
    expect(slotEntries(homeFigures, all, (p) => can('accountant', p))).toContain(accounting[0]);
  });

  it('a mechanic has no invoices: no invoice navigation, series section or order invoice actions; the owner has them all', () => {
    installModules(webModules);
    const all = on('core', 'workshop', 'accounting');
    const mechanic = (p: Permission) => can('mechanic', p);
    const owner = (p: Permission) => can('owner', p);
    expect(navItems(all, mechanic).map((n) => n.to)).toEqual(['/', '/orders', '/vehicles', '/clients', '/due', '/catalog', '/company', '/settings']);
    expect(navItems(all, owner).map((n) => n.to)).toContain('/invoices');
    expect(navItems(all, (p) => can('accountant', p)).map((n) => n.to)).toContain('/invoices');
    const invoicing = contributionsTo(orderActions, all).filter((e) => !contributionsTo(orderActions, on('core', 'workshop')).includes(e));
    expect(invoicing).toHaveLength(1);
    expect(slotEntries(orderActions, all, mechanic)).not.toContain(invoicing[0]);
    expect(slotEntries(orderActions, all, owner)).toContain(invoicing[0]);
    expect(slotEntries(companySections, all, mechanic)).toEqual([]);
    expect(slotEntries(companySections, all, owner)).toHaveLength(1);
    // The home page's cards hold nothing about invoices, for anyone.
    expect(slotEntries(homeCards, all, mechanic)).toEqual(slotEntries(homeCards, all, owner));
    // The first-run guide: the owner's steps end with the first invoice; a mechanic's has no company or invoice step.
    expect(permittedContributions(firstSteps, all, owner).map((s) => s.id)).toEqual(['company', 'order', 'deviz', 'invoice']);
    expect(permittedContributions(firstSteps, all, mechanic).map((s) => s.id)).not.toContain('invoice');
    expect(permittedContributions(firstSteps, all, mechanic).map((s) => s.id)).not.toContain('company');
    expect(permittedContributions(homeActions, all, owner).map((a) => a.to)).toEqual(['/orders/new', '/clients?new=1']);
  });

  it('appointments: the calendar in the navigation, a customer section and a home figure; "Start the order" only with the workshop on', () => {
    installModules(webModules);
    expect(navItems(on('core', 'appointments')).map((n) => n.to)).toContain('/appointments');
    expect(navItems(on('core', 'workshop')).map((n) => n.to)).not.toContain('/appointments');
    expect(contributionsTo(customerSections, on('core', 'appointments'))).toHaveLength(1);
    expect(contributionsTo(homeCards, on('core', 'appointments'))).toEqual([]);
    expect(contributionsTo(homeFigures, on('core', 'appointments'))).toHaveLength(1);
    expect(contributionsTo(appointmentActions, on('core', 'appointments'))).toEqual([]);
    expect(contributionsTo(appointmentActions, on('core', 'appointments', 'workshop'))).toHaveLength(1);
    // A mechanic may start the order of their appointment (orders.write and appointments.write).
    expect(slotEntries(appointmentActions, on('core', 'appointments', 'workshop'), (p) => can('mechanic', p))).toHaveLength(1);
  });

  it('every route name and path is used once', () => {
    installModules(webModules);
    const routes = moduleRoutes();
    expect(new Set(routes.map((r) => r.name)).size).toBe(routes.length);
    expect(new Set(routes.map((r) => r.path)).size).toBe(routes.length);
  });
});
