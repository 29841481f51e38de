import { userOf } from '../../core/auth/guards';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';

/**
 * The tyre hotel's endpoint: the season reminders the server wrote (a server-only table the devices do
 * not sync), so the set's page and the "to remind" list show who was already texted.
 */
export const tyreSetsRoutes: ModuleRoutes = async (app, { guards, database }) => {
  app.get('/api/tyre-sets/reminders', {
    onRequest: [guards.permission('tyre_hotel.write'), guards.module('warehouse')],
    schema: { tags: ['warehouse'], summary: 'The season-change reminders written for the company\'s stored tyre sets (set, season change, when)' },
  }, async (request) => {
    const rows = await withTenant(database, userOf(request).tenantId, (tx) => tx.db.selectFrom('tyre_set_reminders')
      .select(['set_id', 'sezon', 'message_id', 'created_at']).orderBy('created_at', 'desc').limit(5000).execute());
    return { reminders: rows.map((r) => ({ setId: r.set_id, season: r.sezon, messageId: r.message_id, at: r.created_at })) };
  });
};
