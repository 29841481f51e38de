import { z } from 'zod';
import { can, isCompanyRole } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';
import { createGeocoder } from './geocoder';
import { createRoutingEngine } from './road-matrix';

const coordinate = z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).strict();

/**
 * The logistics module's online helpers (docs/logistics.md): an address's coordinates from the geocoder and a
 * road table from the routing engine. Both are for the dispatcher (`routes.manage`) and rate-limited: they
 * spend another service's quota. Without a geocoder nothing is found; without a routing engine the table
 * answer says so (`engine: null`) and the browser estimates the distances itself.
 */
export const logisticsRoutes: ModuleRoutes = async (app, { guards, config, database }) => {
  const geocoder = createGeocoder(config.logistics);
  const engine = createRoutingEngine(config.logistics);

  app.get('/api/logistics/geocode', {
    onRequest: [guards.permission('routes.manage'), guards.module('logistics')],
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['logistics'],
      summary: 'Coordinates of an address (Romania), from the configured geocoder',
      querystring: z.object({ q: z.string().trim().min(3).max(300) }).strict(),
    },
  }, async (request) => ({ provider: geocoder.name, results: await geocoder.search(request.query.q) }));

  // The people a route can be given to: the company's active users who drive (`routes.drive`), for the
  // dispatcher, who does not read the team's list (`users.read`).
  app.get('/api/logistics/drivers', {
    onRequest: [guards.permission('routes.manage'), guards.module('logistics')],
    schema: { tags: ['logistics'], summary: 'The company\'s active users who may drive a route' },
  }, async (request) => withTenant(database, userOf(request).tenantId, async (tx) => {
    const users = await tx.db.selectFrom('users').select(['id', 'name', 'email', 'role']).where('active', '=', 1).orderBy('name').execute();
    return { drivers: users.filter((u) => isCompanyRole(u.role) && can(u.role, 'routes.drive')).map((u) => ({ id: u.id, name: u.name ?? u.email, role: u.role })) };
  }));

  app.post('/api/logistics/matrix', {
    onRequest: [guards.permission('routes.manage'), guards.module('logistics')],
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags: ['logistics'],
      summary: 'Road distances (m) and durations (s) between points, from the configured routing engine',
      body: z.object({ points: z.array(coordinate).min(2).max(100) }).strict(),
    },
  }, async (request) => {
    if (!engine) return { engine: null };
    const tables = await engine.table(request.body.points);
    return { engine: engine.name, ...tables };
  });
};
