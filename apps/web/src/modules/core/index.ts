import type { WebModule } from '@/app/modules';

export const coreModule: WebModule = {
  id: 'core',
  routes: [
    { path: '/', name: 'home', component: () => import('./pages/HomePage.vue') },
    { path: '/clients', name: 'clients', component: () => import('./pages/ClientsPage.vue') },
    { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue') },
    { path: '/sync', name: 'sync', component: () => import('./pages/SyncPage.vue') },
    { path: '/account/signup', name: 'signup', component: () => import('./pages/SignUpPage.vue') },
    { path: '/account/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
  ],
  nav: [
    { to: '/', labelKey: 'nav.home', icon: 'home', order: 0 },
    { to: '/clients', labelKey: 'nav.clients', icon: 'users', order: 20 },
    { to: '/settings', labelKey: 'nav.settings', icon: 'settings', order: 90 },
  ],
};
