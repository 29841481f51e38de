import { defineModule } from '../../module-kit';
import {
  appointmentBaysTable, appointmentCampaignsTable, appointmentClosuresTable, appointmentHoursTable, appointmentServicesTable,
  appointmentSettingsTable, appointmentsTable,
} from './appointments.tables';
import { appointmentsRefusals } from './refusals';

/** The shop's calendar and customers' self-booking (docs/appointments.md). */
export const appointmentsModule = defineModule({
  id: 'appointments',
  name: 'Appointments',
  description: 'Calendar and customer self-booking',
  requires: ['core'],
  // Mechanics, vehicles, the catalog's order types and the order made from an appointment are the
  // workshop's; reminders and booking codes go as the sms module's messages.
  uses: ['workshop', 'sms'],
  tables: [
    appointmentSettingsTable, appointmentHoursTable, appointmentClosuresTable, appointmentBaysTable, appointmentServicesTable,
    appointmentCampaignsTable, appointmentsTable,
  ],
  // Server only: the booking page's address, bookings waiting for their SMS code and the customers' private
  // links; the calendar feeds' secret addresses and the day-before reminders written.
  serverTables: ['booking_pages', 'booking_pending', 'booking_links', 'calendar_feeds', 'appointment_reminders'],
  permissions: ['appointments.write', 'appointments.manage'],
  bridges: [],
  refusals: appointmentsRefusals.texts,
});

// The module's public API (re-exported by the package's index through the list file).
export * from './appointments.tables';
export * from './booking';
export * from './hours';
export * from './ics';
export * from './slots';
export { appointmentsRefusals } from './refusals';
