import { defineMessages } from '@/app/module-kit';
import { journalsEn, journalsRo } from './bridges/accounting-reports/messages';

/** The reports module's texts (`reports.…`). */
const ro = {
  nav: { reports: 'Rapoarte' },
  title: 'Rapoarte',
  journals: journalsRo,
};

const en: typeof ro = {
  nav: { reports: 'Reports' },
  title: 'Reports',
  journals: journalsEn,
};

export const reportsMessages = defineMessages(ro, en);
