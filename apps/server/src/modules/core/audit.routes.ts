import { z } from 'zod';
import { auditLineSchema, auditQuerySchema, readCompanyTrail } from '../../core/admin/trail';
import { userOf } from '../../core/auth/guards';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';

/**
 * The company's audit trail for its owner and admins (and the accountant, who has `audit.read`): the
 * server's trail (sign-ins, user changes, plan changes) with the documents' trail (issue, credit note,
 * print…), filtered by person, kind of action and period. Only the caller's company, ever.
 */
export const auditRoutes: ModuleRoutes = async (app, { guards }) => {
  app.get('/api/audit', {
    onRequest: [guards.permission('audit.read')],
    schema: {
      tags: ['core'], summary: "The company's audit trail, newest first, with the people who can appear in it",
      querystring: auditQuerySchema,
      response: {
        200: z.object({
          lines: z.array(auditLineSchema),
          next: z.string().nullable(),
          people: z.array(z.object({ id: z.string(), email: z.string(), name: z.string().nullable() })),
        }),
      },
    },
  }, async (request) => {
    const me = userOf(request);
    return withTenant(app.database, me.tenantId, async (tx) => {
      const trail = await readCompanyTrail(tx.db, tx.tenantId, request.query);
      const people = await tx.db.selectFrom('users').select(['id', 'email', 'name']).where('tenant_id', '=', tx.tenantId).orderBy('email').execute();
      return { ...trail, people };
    }, { snapshot: true });
  });
};
