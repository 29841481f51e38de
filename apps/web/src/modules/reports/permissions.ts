import { readReportsPermission, type Permission } from '@roaauto/shared';

/** Who sees the reports: the module's one permission, as its shared definition declares it. */
export const readReports: Permission = readReportsPermission;
