import { defineModule } from '../../module-kit';
import { accountingRefusals } from './refusals';
import { orderInvoicingBridge } from './bridges/order-invoicing';
import { invoiceSeriesTable, invoicesTable } from './invoices.tables';
import { paymentsTable, receiptsTable } from './payments.tables';
import { receivedInvoicesTable } from './received-invoices.table';

export const accountingModule = defineModule({
  id: 'accounting',
  name: 'Accounting',
  description: 'Invoices, receipts, delivery notes, credit notes, series and counters, PDF, e-Factura',
  requires: ['core'],
  uses: ['workshop'],
  tables: [invoiceSeriesTable, invoicesTable, paymentsTable, receiptsTable, receivedInvoicesTable],
  serverTables: ['efactura_connections', 'efactura_submissions'],
  permissions: ['invoices.issue', 'documents.print'],
  bridges: [orderInvoicingBridge],
  refusals: accountingRefusals.texts,
});

// The module's public API (re-exported by the package's index through the list file).
export * from './amount-words';
export * from './bridges/order-invoicing';
export * from './document';
export { efacturaMaxLength } from './efactura/fields';
export * from './invoice-rules';
export * from './invoices.tables';
export * from './issue';
export * from './payment-rules';
export * from './payments';
export * from './payments.tables';
export * from './received-invoices.table';
export { invoiceDefinition, invoiceMentions } from './pdf/invoice-pdf';
export { receiptDefinition } from './pdf/receipt-pdf';
export { receivedInvoiceDefinition, receivedUnit } from './pdf/received-pdf';
export { accountingRefusals } from './refusals';
export { efacturaDeadline, efacturaWorkingDays, isEfacturaLate } from './efactura-deadline';
