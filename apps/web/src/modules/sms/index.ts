import { defineAsyncComponent } from 'vue';
import { contribute, defineWebModule } from '@/app/module-kit';
import { customerSections } from '@/modules/core/slots';
import { orderSections } from '@/modules/workshop/slots';
import { invoiceSmsBridge } from './bridges/invoice-sms';
import { smsMessages } from './messages';

/** SMS to customers: the composer on the order and customer pages, the messages, the templates. */
export const smsModule = defineWebModule({
  id: 'sms',
  routes: [
    { path: '/messages', name: 'messages', component: () => import('./pages/MessagesPage.vue') },
    { path: '/messages/settings', name: 'messages-settings', component: () => import('./pages/SmsSettingsPage.vue') },
  ],
  nav: [{ to: '/messages', labelKey: 'sms.nav.messages', icon: 'message', order: 14, permissions: ['messages.send'] }],
  messages: smsMessages,
  contributes: [
    contribute(orderSections, { component: defineAsyncComponent(() => import('./components/OrderSmsSection.vue')), order: 50, permissions: ['messages.send'] }),
    contribute(customerSections, { component: defineAsyncComponent(() => import('./components/CustomerSmsSection.vue')), order: 50, permissions: ['messages.send'] }),
  ],
  bridges: [invoiceSmsBridge],
});
