import { defineAsyncComponent } from 'vue';
import { contribute, defineWebModule } from '@/app/module-kit';
import { customerSections } from '@/modules/core/slots';
import { orderSections } from '@/modules/workshop/slots';
import { clientPortalMessages } from './messages';

/** The client portal: an order's links for the customer and the customer's decisions, on the order's and the customer's pages. */
export const clientPortalModule = defineWebModule({
  id: 'client_portal',
  routes: [],
  nav: [],
  messages: clientPortalMessages,
  contributes: [
    contribute(orderSections, { component: defineAsyncComponent(() => import('./components/PortalDecisions.vue')), order: 10 }),
    contribute(orderSections, { component: defineAsyncComponent(() => import('./components/PortalLinks.vue')), order: 11, permissions: ['portal.links'] }),
    contribute(customerSections, { component: defineAsyncComponent(() => import('./components/CustomerDecisions.vue')), order: 30, permissions: ['orders.read'] }),
  ],
});
