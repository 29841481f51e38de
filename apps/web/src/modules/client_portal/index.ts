import { defineAsyncComponent } from 'vue';
import { contribute, defineWebModule } from '@/app/module-kit';
import { orderSections } from '@/modules/workshop/slots';
import { clientPortalMessages } from './messages';

/** The client portal: an order's links for the customer and the customer's decisions, on the order's page. */
export const clientPortalModule = defineWebModule({
  id: 'client_portal',
  routes: [],
  nav: [],
  messages: clientPortalMessages,
  contributes: [
    contribute(orderSections, { component: defineAsyncComponent(() => import('./components/PortalDecisions.vue')), order: 10 }),
    contribute(orderSections, { component: defineAsyncComponent(() => import('./components/PortalLinks.vue')), order: 11, permissions: ['portal.links'] }),
  ],
});
