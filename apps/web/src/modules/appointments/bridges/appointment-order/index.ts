import { defineAsyncComponent } from 'vue';
import { contribute, type WebBridge } from '@/app/module-kit';
import { appointmentActions } from '../../slots';

/**
 * `appointment_order`: one tap from an appointment to the workshop's repair order ("Start the order"),
 * and the link from an appointment to its order with the order's number and status. Only with workshop on.
 */
export const appointmentOrderBridge: WebBridge = {
  id: 'appointment_order',
  with: ['workshop'],
  contributes: [
    contribute(appointmentActions, { component: defineAsyncComponent(() => import('./AppointmentOrderAction.vue')), permissions: ['orders.write', 'orders.read', 'orders.read_assigned'] }),
  ],
};
