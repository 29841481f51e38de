import { appointmentSettingsTable, appointmentsTable } from '@roaauto/shared';

/** Who may change appointments, and who may change the settings behind them: the tables' own write permissions. */
export const writeAppointments = appointmentsTable.writePermission;
export const manageAppointments = appointmentSettingsTable.writePermission;
