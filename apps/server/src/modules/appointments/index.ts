import { defineServerModule } from '../../module-kit';
import { feedRoutes } from './feed.routes';
import * as m0026 from './migrations/0026_appointments_calendar';
import * as m0028 from './migrations/0028_appointments_feeds-reminders';
import { reminderRoutes } from './reminders';

/** The appointments module on the server (docs/appointments.md). */
export const appointmentsServer = defineServerModule({
  id: 'appointments',
  routes: [feedRoutes, reminderRoutes],
  syncHooks: [],
  migrations: {
    '0026_appointments_calendar': m0026,
    '0028_appointments_feeds-reminders': m0028,
  },
  bridges: [],
});
