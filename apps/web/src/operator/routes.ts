import type { RouteRecordRaw } from 'vue-router';

/**
 * The platform operator's console: its own route tree in the same app, loaded only when opened (none of
 * it is in the company app's first load), with its own sign-in, shell and texts.
 */
export const operatorRoutes: RouteRecordRaw[] = [
  {
    path: '/operator',
    component: () => import('./OperatorShell.vue'),
    children: [
      { path: '', name: 'operator-companies', component: () => import('./pages/CompaniesPage.vue') },
      { path: 'login', name: 'operator-login', component: () => import('./pages/OperatorLoginPage.vue') },
      { path: 'companies/new', name: 'operator-company-new', component: () => import('./pages/NewCompanyPage.vue') },
      { path: 'companies/:id', name: 'operator-company', component: () => import('./pages/CompanyPage.vue'), props: true },
      { path: 'audit', name: 'operator-audit', component: () => import('./pages/TrailPage.vue') },
      { path: 'billing', name: 'operator-billing', component: () => import('./pages/BillingPage.vue') },
      { path: 'jobs', name: 'operator-jobs', component: () => import('./pages/JobsPage.vue') },
    ],
  },
];
