import { contribute, defineWebModule } from '@/app/module-kit';
import { shellNotices } from '@/app/shell-slots';
import DataNotices from './components/DataNotices.vue';
import SyncStoppedNotice from './components/SyncStoppedNotice.vue';
import { companyStep } from './first-run';
import { coreMessages } from './messages';
import { firstSteps, homeActions } from './slots';

/** Core: home, customers, the company's details, account, settings, sync and backup. */
export const coreModule = defineWebModule({
  id: 'core',
  routes: [
    { path: '/', name: 'home', component: () => import('./pages/HomePage.vue') },
    { path: '/clients', name: 'clients', component: () => import('./pages/customers/CustomersPage.vue') },
    { path: '/clients/new', name: 'client-new', component: () => import('./pages/customers/CustomerPage.vue') },
    { path: '/clients/:id', name: 'client', component: () => import('./pages/customers/CustomerPage.vue'), props: true },
    { path: '/company', name: 'company', component: () => import('./pages/CompanyPage.vue') },
    { path: '/audit', name: 'audit', component: () => import('./pages/AuditPage.vue') },
    { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue') },
    { path: '/sync', name: 'sync', component: () => import('./pages/SyncPage.vue') },
    { path: '/plan', name: 'plan', component: () => import('./pages/PlanPage.vue') },
    { path: '/account/signup', name: 'signup', component: () => import('./pages/SignUpPage.vue') },
    { path: '/account/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
    { path: '/account/join', name: 'join', component: () => import('./pages/JoinPage.vue') },
    { path: '/team', name: 'team', component: () => import('./pages/TeamPage.vue') },
    { path: '/account', name: 'account', component: () => import('./pages/account/AccountPage.vue') },
    { path: '/account/forgot', name: 'forgot-password', component: () => import('./pages/account/ForgotPasswordPage.vue') },
    { path: '/account/reset', name: 'reset-password', component: () => import('./pages/account/ResetPasswordPage.vue') },
  ],
  nav: [
    { to: '/', labelKey: 'core.nav.home', icon: 'home', order: 0 },
    { to: '/clients', labelKey: 'core.nav.clients', icon: 'users', order: 20 },
    { to: '/company', labelKey: 'core.nav.company', icon: 'building', order: 40 },
    { to: '/team', labelKey: 'core.team.nav', icon: 'users', order: 45, permissions: ['users.read'] },
    { to: '/plan', labelKey: 'core.plan.nav', icon: 'gauge', order: 85, permissions: ['company.update'] },
    { to: '/audit', labelKey: 'shell.audit.nav', icon: 'book', order: 87, permissions: ['audit.read'] },
    { to: '/settings', labelKey: 'core.nav.settings', icon: 'settings', order: 90 },
  ],
  messages: coreMessages,
  contributes: [
    contribute(shellNotices, { component: DataNotices }),
    contribute(shellNotices, { component: SyncStoppedNotice }),
    contribute(firstSteps, companyStep),
    contribute(homeActions, { to: '/clients?new=1', labelKey: 'core.home.newClient', icon: 'users', order: 50, testId: 'home-new-client', permissions: ['clients.write'] }),
  ],
});
