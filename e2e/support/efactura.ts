import { expect } from '@playwright/test';
import { describeReport, officialReports } from '@roaauto/shared/efactura/official-validation';

/** The XML passes what ANAF runs: the official UBL 2.1 schema and the CIUS-RO rules, with nothing fatal. */
export async function expectAcceptedByAnaf(xml: string): Promise<void> {
  const [report] = await officialReports([xml]);
  expect(report && { schema: report.schema, fatal: report.fatal }, report && describeReport(report)).toEqual({ schema: [], fatal: [] });
}
