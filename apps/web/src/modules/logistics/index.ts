import { defineWebModule } from '@/app/module-kit';
import { logisticsMessages } from './messages';
import { manageRoutes } from './permissions';

/** Delivery points, delivery vehicles and the day's route planning (docs/logistics.md). */
export const logisticsModule = defineWebModule({
  id: 'logistics',
  routes: [
    { path: '/logistics/points', name: 'logistics-points', component: () => import('./pages/PointsPage.vue') },
    { path: '/logistics/vehicles', name: 'logistics-vehicles', component: () => import('./pages/VehiclesPage.vue') },
    { path: '/logistics/planning', name: 'logistics-planning', component: () => import('./pages/PlanningPage.vue') },
  ],
  nav: [
    { to: '/logistics/planning', labelKey: 'logistics.nav.planning', icon: 'clipboard', order: 36, permissions: [manageRoutes] },
    { to: '/logistics/points', labelKey: 'logistics.nav.points', icon: 'book', order: 37, permissions: [manageRoutes] },
    { to: '/logistics/vehicles', labelKey: 'logistics.nav.vehicles', icon: 'book', order: 38, permissions: [manageRoutes] },
  ],
  messages: logisticsMessages,
  contributes: [],
  bridges: [],
});
