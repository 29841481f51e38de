import { defineModule } from '../../module-kit';
import { invoiceSmsBridge } from './bridges/invoice-sms';
import { smsRefusals } from './refusals';
import { smsMessagesTable, smsOptOutsTable, smsSettingsTable, smsTemplatesTable } from './sms.tables';

export const smsModule = defineModule({
  id: 'sms',
  name: 'SMS',
  description: 'SMS to customers through SMSAPI.ro',
  // The portal's link goes in its texts; the order page (workshop's) holds its composer.
  requires: ['client_portal', 'workshop'],
  uses: ['accounting'],
  tables: [smsSettingsTable, smsTemplatesTable, smsOptOutsTable, smsMessagesTable],
  /**
   * sms_sends: the server's claim on each message, so it is sent once; sms_reminders: each automatic
   * reminder's due date, so it is written once (apps/server, docs/sms.md).
   */
  serverTables: ['sms_sends', 'sms_reminders'],
  permissions: ['messages.send', 'messages.manage'],
  bridges: [invoiceSmsBridge],
  refusals: smsRefusals.texts,
});

// The module's public API (re-exported by the package's index through the list file).
export * from './segments';
export * from './sms.tables';
export * from './templates';
export { smsRefusals } from './refusals';
export { invoiceSmsBridge } from './bridges/invoice-sms';
