import { defineServerModule } from '../../module-kit';
import { bookingRoutes } from './booking.routes';
import { feedRoutes } from './feed.routes';
import * as m0026 from './migrations/0026_appointments_calendar';
import * as m0027 from './migrations/0027_appointments_booking';
import * as m0028 from './migrations/0028_appointments_feeds-reminders';
import { reminderRoutes } from './reminders';

/** The appointments module on the server (docs/appointments.md). */
export const appointmentsServer = defineServerModule({
  id: 'appointments',
  routes: [bookingRoutes, feedRoutes, reminderRoutes],
  syncHooks: [],
  migrations: {
    '0026_appointments_calendar': m0026,
    '0027_appointments_booking': m0027,
    '0028_appointments_feeds-reminders': m0028,
  },
  bridges: [],
});
