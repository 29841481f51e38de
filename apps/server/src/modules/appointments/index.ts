import { defineServerModule } from '../../module-kit';
import * as m0026 from './migrations/0026_appointments_calendar';

/** The appointments module on the server (docs/appointments.md). */
export const appointmentsServer = defineServerModule({
  id: 'appointments',
  routes: [],
  syncHooks: [],
  migrations: {
    '0026_appointments_calendar': m0026,
  },
  bridges: [],
});
