import { defineServerModule } from '../../module-kit';
import * as m0026 from './migrations/0026_appointments_calendar';
import * as m0027 from './migrations/0027_appointments_booking';
import { bookingRoutes } from './booking.routes';

/** The appointments module on the server (docs/appointments.md). */
export const appointmentsServer = defineServerModule({
  id: 'appointments',
  routes: [bookingRoutes],
  syncHooks: [],
  migrations: {
    '0026_appointments_calendar': m0026,
    '0027_appointments_booking': m0027,
  },
  bridges: [],
});
