import { defineMessages } from '@/app/module-kit';

/** The reports module's texts (`reports.…`). */
const ro = {
  nav: { reports: 'Rapoarte' },
  title: 'Rapoarte',
};

const en: typeof ro = {
  nav: { reports: 'Reports' },
  title: 'Reports',
};

export const reportsMessages = defineMessages(ro, en);
