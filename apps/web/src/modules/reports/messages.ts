import { defineMessages } from '@/app/module-kit';
import { accountantEn, accountantRo } from './bridges/accounting-reports/handoff/messages';
import { journalsEn, journalsRo } from './bridges/accounting-reports/messages';

/** The reports module's texts (`reports.…`). */
const ro = {
  nav: { reports: 'Rapoarte' },
  title: 'Rapoarte',
  accountant: accountantRo,
  journals: journalsRo,
};

const en: typeof ro = {
  nav: { reports: 'Reports' },
  title: 'Reports',
  accountant: accountantEn,
  journals: journalsEn,
};

export const reportsMessages = defineMessages(ro, en);
