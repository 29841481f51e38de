import { routesTable, type Permission } from '@roaauto/shared';

/** Who plans: points, vehicles, routes and their stops (the routes' write permission). */
export const manageRoutes: Permission = routesTable.writePermission;
