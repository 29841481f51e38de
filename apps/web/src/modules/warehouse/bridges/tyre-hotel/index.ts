import type { WebBridge } from '@/app/module-kit';

/**
 * `tyre_hotel`: customers' wheel sets stored per season (docs/tyre-hotel.md). A set names the workshop's
 * vehicle and customer and bills its fee on a repair order, so it lives only while the workshop is on too.
 */
export const tyreHotelBridge: WebBridge = {
  id: 'tyre_hotel',
  with: ['workshop'],
  routes: [
    { path: '/tyres', name: 'tyres', component: () => import('./pages/TyreSetsPage.vue') },
    { path: '/tyres/new', name: 'tyre-set-new', component: () => import('./pages/TyreCheckInPage.vue') },
    { path: '/tyres/tread', name: 'tyre-tread', component: () => import('./pages/TyreTreadPage.vue') },
    { path: '/tyres/:id', name: 'tyre-set', component: () => import('./pages/TyreSetPage.vue'), props: true },
  ],
  nav: [{ to: '/tyres', labelKey: 'warehouse.tyres.nav', icon: 'tyre', order: 11 }],
};
