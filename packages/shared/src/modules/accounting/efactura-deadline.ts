import { isRomanianWorkingDay } from '../../calendar/holidays';

/** Working days after its issue date within which an invoice must reach e-Factura (OUG 120/2021, art. 10). */
export const efacturaWorkingDays = 5;

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The last day an invoice issued on `issueDate` may be uploaded: the fifth working day after it. */
export function efacturaDeadline(issueDate: string): string {
  let date = issueDate;
  for (let n = 0; n < efacturaWorkingDays;) {
    date = nextDate(date);
    if (isRomanianWorkingDay(date)) n += 1;
  }
  return date;
}

/** Whether an invoice issued on `issueDate` and not yet accepted is past its deadline on `today` (YYYY-MM-DD). */
export function isEfacturaLate(issueDate: string, today: string): boolean {
  return today > efacturaDeadline(issueDate);
}
