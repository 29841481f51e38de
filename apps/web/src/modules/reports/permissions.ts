import type { Permission } from '@roaauto/shared';

/** Who sees the reports: the module's one permission (declared in its shared definition). */
export const readReports: Permission = 'reports.read';
