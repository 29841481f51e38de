import { defineAsyncComponent } from 'vue';
import { contribute, defineWebModule } from '@/app/module-kit';
import { customerSections, homeFigures } from '@/modules/core/slots';
import { appointmentOrderBridge } from './bridges/appointment-order';
import { appointmentsMessages } from './messages';

/** The shop's calendar: appointments per bay or mechanic, the settings behind them, conflicts after sync. */
export const appointmentsModule = defineWebModule({
  id: 'appointments',
  routes: [
    { path: '/appointments', name: 'appointments', component: () => import('./pages/AppointmentsPage.vue') },
    { path: '/appointments/new', name: 'appointment-new', component: () => import('./pages/AppointmentEditPage.vue') },
    { path: '/appointments/settings', name: 'appointments-settings', component: () => import('./pages/settings/AppointmentSettingsPage.vue') },
    { path: '/appointments/:id', name: 'appointment', component: () => import('./pages/AppointmentEditPage.vue'), props: true },
  ],
  nav: [{ to: '/appointments', labelKey: 'appointments.nav.appointments', icon: 'calendar', order: 6 }],
  messages: appointmentsMessages,
  contributes: [
    contribute(customerSections, { component: defineAsyncComponent(() => import('./components/CustomerAppointments.vue')), order: 15 }),
    contribute(homeFigures, { component: defineAsyncComponent(() => import('./components/TodayHomeCard.vue')), order: 5 }),
  ],
  bridges: [appointmentOrderBridge],
});
