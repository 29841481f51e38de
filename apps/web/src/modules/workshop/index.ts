import { defineAsyncComponent } from 'vue';
import { contribute, defineWebModule } from '@/app/module-kit';
import { customerSections, firstSteps, homeActions, homeCards, homeFigures, homeSections } from '@/modules/core/slots';
import { seedCatalogOnce } from './catalog-seed';
import { uploadPhotos } from './photos/photo-service';
import { workshopMessages } from './messages';
import { orderActions, orderSections } from './slots';

/** The workshop: dashboard, repair orders, vehicles and the catalog. */
export const workshopModule = defineWebModule({
  id: 'workshop',
  routes: [
    // The day at a glance is on the home page now; old links and bookmarks land there.
    { path: '/dashboard', name: 'dashboard', redirect: '/' },
    { path: '/orders', name: 'orders', component: () => import('./pages/orders/OrdersPage.vue') },
    { path: '/orders/new', name: 'order-new', component: () => import('./pages/orders/OrderEditPage.vue') },
    { path: '/orders/:id', name: 'order', component: () => import('./pages/orders/OrderDetailPage.vue'), props: true },
    { path: '/orders/:id/edit', name: 'order-edit', component: () => import('./pages/orders/OrderEditPage.vue'), props: true },
    { path: '/orders/:id/reception', name: 'order-reception', component: () => import('./reception/ReceptionPage.vue'), props: true },
    { path: '/vehicles', name: 'vehicles', component: () => import('./pages/VehiclesPage.vue') },
    { path: '/vehicles/:id', name: 'vehicle', component: () => import('./pages/VehicleDetailPage.vue'), props: true },
    { path: '/catalog', name: 'catalog', component: () => import('./pages/catalog/CatalogPage.vue') },
    { path: '/due', name: 'due', component: () => import('./pages/due/DuePage.vue') },
  ],
  nav: [
    { to: '/orders', labelKey: 'workshop.nav.orders', icon: 'clipboard', order: 8 },
    { to: '/vehicles', labelKey: 'workshop.nav.vehicles', icon: 'car', order: 10 },
    { to: '/due', labelKey: 'workshop.nav.due', icon: 'calendar', order: 25, permissions: ['orders.read', 'orders.read_assigned'] },
    { to: '/catalog', labelKey: 'workshop.nav.catalog', icon: 'book', order: 30 },
  ],
  messages: workshopMessages,
  // Without an account this browser is the company: it gets the starter catalog once (an account's comes by sync).
  onLeader: async (db, { hasAccount }) => {
    if (!hasAccount) await seedCatalogOnce(db);
    // The first search reads the whole search index of a table from storage (most of a second with
    // 20,000 orders): read them once soon after start, so the page cache has them when someone types.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const table of ['orders', 'vehicles']) await db.query(`SELECT COUNT(*) AS n FROM ${table} WHERE _search LIKE '%' || char(1) || '%'`);
  },
  // Photos taken on this device go up once their rows have reached the server.
  afterSync: async (db) => {
    await uploadPhotos(db);
  },
  contributes: [
    contribute(orderSections, { component: defineAsyncComponent(() => import('./reception/ReceptionSection.vue')), order: 10 }),
    contribute(orderSections, { component: defineAsyncComponent(() => import('./photos/OrderPhotos.vue')), order: 20 }),
    contribute(customerSections, { component: defineAsyncComponent(() => import('./components/CustomerVehicles.vue')), order: 10 }),
    contribute(customerSections, { component: defineAsyncComponent(() => import('./components/CustomerOrders.vue')), order: 20, permissions: ['orders.read', 'orders.read_assigned'] }),
    contribute(homeCards, { component: defineAsyncComponent(() => import('./components/VehiclesHomeCard.vue')) }),
    contribute(homeCards, { component: defineAsyncComponent(() => import('./components/DueHomeCard.vue')), order: 10, permissions: ['orders.read', 'orders.read_assigned'] }),
    contribute(orderActions, { component: defineAsyncComponent(() => import('./components/OrderWhatsappAction.vue')), order: 20 }),
    contribute(orderActions, { component: defineAsyncComponent(() => import('./components/OrderEmailAction.vue')), order: 21, permissions: ['documents.print'] }),
    contribute(homeSections, { component: defineAsyncComponent(() => import('./components/WorkshopToday.vue')), permissions: ['orders.read', 'orders.read_assigned'] }),
    contribute(homeFigures, { component: defineAsyncComponent(() => import('./components/OrderFigures.vue')), order: 10, permissions: ['orders.read', 'orders.read_assigned'] }),
    contribute(homeActions, { to: '/orders/new', labelKey: 'workshop.orders.new', icon: 'plus', order: 10, testId: 'order-new', permissions: ['orders.write'] }),
    contribute(firstSteps, {
      id: 'order', labelKey: 'workshop.firstRun.order', hintKey: 'workshop.firstRun.orderHint', to: '/orders/new',
      tables: ['orders'], doneSql: 'SELECT 1 FROM orders', order: 10, permissions: ['orders.write'],
    }),
    contribute(firstSteps, {
      id: 'deviz', labelKey: 'workshop.firstRun.deviz', hintKey: 'workshop.firstRun.devizHint', to: '/orders',
      tables: ['document_events'], doneSql: `SELECT 1 FROM document_events WHERE document = 'deviz'`, order: 20, permissions: ['documents.print'],
    }),
  ],
});
