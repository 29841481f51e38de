import type { WebModule } from '@/app/modules';

export const workshopModule: WebModule = {
  id: 'workshop',
  routes: [{ path: '/vehicles', name: 'vehicles', component: () => import('./pages/VehiclesPage.vue') }],
  nav: [{ to: '/vehicles', labelKey: 'nav.vehicles', icon: 'car', order: 10 }],
};
