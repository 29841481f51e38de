import { extensionPoint, type ComponentSlot } from '@/app/module-kit';
import type { AppointmentRow } from './calendar';

/** Buttons and links of an appointment in its editor (the workshop bridge: "Start the order", the order's link). */
export const appointmentActions: ComponentSlot<{ appointment: AppointmentRow }> = extensionPoint('appointments:appointmentActions');
