import { defineBridge } from '../../../../module-kit';

/** `accounting_reports`: the reports' figures and registers that read the accounting module's tables, only while it is on. */
export const accountingReportsBridge = defineBridge({
  id: 'accounting_reports',
  owner: 'reports',
  with: 'accounting',
  description: 'Reports on the accounting module\'s data',
});

export * from './journals';
export * from './journal-columns';
export { journalDefinition } from './journal-pdf';
export * from './saga';
export * from './glance';
