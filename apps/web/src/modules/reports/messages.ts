import { defineMessages } from '@/app/module-kit';
import { accountantEn, accountantRo } from './bridges/accounting-reports/handoff/messages';

/** The reports module's texts (`reports.…`). */
const ro = {
  nav: { reports: 'Rapoarte' },
  title: 'Rapoarte',
  accountant: accountantRo,
};

const en: typeof ro = {
  nav: { reports: 'Reports' },
  title: 'Reports',
  accountant: accountantEn,
};

export const reportsMessages = defineMessages(ro, en);
