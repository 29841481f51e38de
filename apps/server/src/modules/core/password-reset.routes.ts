import { z } from 'zod';
import { DomainError, canAssignRole, isCompanyRole } from '@roaauto/shared';
import { userOf } from '../../core/auth/guards';
import { withTenant } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';

/**
 * The owner (anyone with users.manage) sends a member a reset link and gets it back too, to hand it
 * over another way (a message on the phone). Only members of the same company; the owner's own
 * account only by the owner.
 */
export const passwordResetRoutes: ModuleRoutes = async (app, { guards, auth }) => {
  app.post('/api/users/:id/password-reset', {
    onRequest: [guards.permission('users.manage'), guards.module('core')],
    bodyLimit: 1024,
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['users'],
      summary: 'Mail a member a link to set a new password (valid for an hour) and return it',
      params: z.object({ id: z.string().min(1).max(64) }),
      body: z.object({ locale: z.enum(['ro', 'en']).optional() }).optional(),
      response: { 200: z.object({ link: z.string(), expiresAt: z.string(), email: z.string() }) },
    },
  }, async (request) => {
    const me = userOf(request);
    const user = await withTenant(app.database, me.tenantId, (tx) => tx.db.selectFrom('users').select(['id', 'email', 'role', 'active'])
      .where('tenant_id', '=', tx.tenantId).where('id', '=', request.params.id).executeTakeFirst());
    if (!user) throw new DomainError('not_found', 'User not found');
    if (user.role === 'owner' && user.id !== me.userId) throw new DomainError('forbidden', "Only the owner may reset the owner's password");
    if (user.id !== me.userId && user.role !== 'owner' && !(isCompanyRole(user.role) && canAssignRole(me.role, user.role))) {
      throw new DomainError('forbidden', `Your role (${me.role}) may not reset this account's password`);
    }
    if (user.active !== 1) throw new DomainError('conflict', 'This account is deactivated; reactivate it first');
    const reset = await auth.issuePasswordReset(user.id, { locale: request.body?.locale ?? 'ro', requestedBy: me.userId, ip: request.ip });
    return { ...reset, email: user.email };
  });
};
