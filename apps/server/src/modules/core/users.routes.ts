import { z } from 'zod';
import { DomainError, canAssignRole, companyRoles, isCompanyRole, newId, passwordProblem } from '@roaauto/shared';
import { audit } from '../../core/audit';
import type { Database } from '../../core/db';
import { userOf } from '../../core/auth/guards';
import { hashPassword } from '../../core/auth/passwords';
import { emailSchema, passwordInput, sessionSchema } from '../../core/auth/schemas';
import { hashToken, newRefreshToken } from '../../core/auth/tokens';
import { entitlementsFromRow, findTenant, lockTenant } from '../../core/tenancy/entitlements.repository';
import { withTenant, type TenantTx } from '../../core/tenancy/tenant-scope';
import type { ModuleRoutes } from '../../module-kit';

const invitationTtlMs = 48 * 60 * 60_000;
const assignableRoles = companyRoles.filter((r) => r !== 'owner') as [string, ...string[]];
const idParam = z.object({ id: z.string().min(1).max(64) });

const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.string(),
  active: z.boolean(),
  lastLoginAt: z.string().nullable(),
  /** The latest of the last sign-in and the last time one of the user's devices synced. */
  lastSeenAt: z.string().nullable(),
});

const invitationSchema = z.object({ id: z.string(), email: z.string(), role: z.string(), expiresAt: z.string(), createdAt: z.string() });
const invitationLinkSchema = z.object({ id: z.string(), email: z.string(), role: z.string(), expiresAt: z.string(), token: z.string() });
const tokenBody = z.object({ token: z.string().min(1).max(200) });

/** Why a link no longer works, as the 410 answer's `reason` says it. */
export type InvitationGone = 'used' | 'withdrawn' | 'expired';

type InvitationRow = { id: string; tenant_id: string; email: string; role: string; expires_at: string; accepted_at: string | null; revoked_at: string | null };

/**
 * The invitation a link's token opens: unknown (never issued, or replaced by a newer link) is 404; one
 * already used, withdrawn or expired is 410 with that reason, so the page can say which.
 */
async function openInvitation(db: Database['db'], token: string, now: Date): Promise<InvitationRow> {
  const invitation = await db.selectFrom('invitations')
    .select(['id', 'tenant_id', 'email', 'role', 'expires_at', 'accepted_at', 'revoked_at'])
    .where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!invitation) throw new DomainError('not_found', 'This invitation link is not valid (it may have been replaced by a newer one); ask for a new one');
  const gone = (reason: InvitationGone, message: string) => new DomainError('gone', message, { reason });
  if (invitation.accepted_at) throw gone('used', 'This invitation was already used; sign in with its e-mail address');
  if (invitation.revoked_at) throw gone('withdrawn', 'This invitation was withdrawn; ask for a new one');
  if (Date.parse(invitation.expires_at) <= now.getTime()) throw gone('expired', 'This invitation has expired; ask for a new one');
  return invitation;
}

/** Seats taken (active users plus open invitations) and the plan's cap. */
async function seatsOf(tx: TenantTx, now: Date): Promise<{ used: number; max: number | null; plan: string }> {
  const tenant = await findTenant(tx.db, tx.tenantId);
  if (!tenant) throw new DomainError('not_found', 'Company not found');
  const entitlements = entitlementsFromRow(tenant);
  const users = await tx.db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('tenant_id', '=', tx.tenantId).where('active', '=', 1).executeTakeFirstOrThrow();
  const invites = await tx.db.selectFrom('invitations').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('tenant_id', '=', tx.tenantId).where('accepted_at', 'is', null).where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString()).executeTakeFirstOrThrow();
  return { used: Number(users.n) + Number(invites.n), max: entitlements.limits.maxUsers, plan: entitlements.plan };
}

function latest(a: string | null, b: string | null): string | null {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Seats taken: active users plus invitations still open; the plan's maxUsers caps this. The company
 * row is locked first, so parallel invitations (or acceptances) are counted one after the other and
 * cannot each see the same last free seat.
 * `joining`: an invitation is being accepted. It already holds a seat, but the limit may have been
 * lowered since it was sent, so only the active users are counted: the newcomer must fit beside them.
 */
async function assertSeatFree(tx: TenantTx, now: Date, joining = false): Promise<void> {
  const tenant = await lockTenant(tx.db, tx.tenantId);
  if (!tenant) throw new DomainError('not_found', 'Company not found');
  const { maxUsers } = entitlementsFromRow(tenant).limits;
  if (maxUsers === null) return;
  const plural = `${maxUsers} user${maxUsers === 1 ? '' : 's'}`;
  const users = await tx.db.selectFrom('users').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('tenant_id', '=', tx.tenantId).where('active', '=', 1).executeTakeFirstOrThrow();
  if (joining) {
    if (Number(users.n) >= maxUsers) {
      throw new DomainError('limit_reached', `The company has reached its seat limit (${plural}); ask its administrator to free a seat or raise the limit`, { limit: 'maxUsers', max: maxUsers });
    }
    return;
  }
  const invites = await tx.db.selectFrom('invitations').select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('tenant_id', '=', tx.tenantId).where('accepted_at', 'is', null).where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString()).executeTakeFirstOrThrow();
  if (Number(users.n) + Number(invites.n) >= maxUsers) {
    throw new DomainError('limit_reached', `Your plan allows ${plural}: the seat limit is reached (open invitations count)`, { limit: 'maxUsers', max: maxUsers });
  }
}

export const usersRoutes: ModuleRoutes = async (app, { guards, auth, sync }) => {
  const tags = ['users'];
  const manage = [guards.permission('users.manage')];

  app.get('/api/users', {
    onRequest: [guards.permission('users.read')],
    schema: {
      tags, summary: 'Users of the company, open invitations and the seats they take',
      response: {
        200: z.object({
          users: z.array(userSchema),
          invitations: z.array(invitationSchema),
          seats: z.object({ used: z.number().int(), max: z.number().int().nullable(), plan: z.string() }),
        }),
      },
    },
  }, async (request) => {
    const me = userOf(request);
    const now = new Date();
    return withTenant(app.database, me.tenantId, async (tx) => {
      const users = await tx.db.selectFrom('users').select(['id', 'email', 'name', 'role', 'active', 'last_login_at'])
        .where('tenant_id', '=', tx.tenantId).orderBy('created_at').execute();
      const synced = await tx.db.selectFrom('sync_clients').select(['user_id', (eb) => eb.fn.max('last_seen_at').as('seen')])
        .where('tenant_id', '=', tx.tenantId).groupBy('user_id').execute();
      const seenBy = new Map(synced.map((s) => [s.user_id, s.seen]));
      const invitations = await tx.db.selectFrom('invitations').select(['id', 'email', 'role', 'expires_at', 'created_at'])
        .where('tenant_id', '=', tx.tenantId).where('accepted_at', 'is', null).where('revoked_at', 'is', null)
        .where('expires_at', '>', now.toISOString()).orderBy('created_at').execute();
      return {
        users: users.map((u) => ({
          id: u.id, email: u.email, name: u.name, role: u.role, active: u.active === 1, lastLoginAt: u.last_login_at,
          lastSeenAt: latest(u.last_login_at, seenBy.get(u.id) ?? null),
        })),
        invitations: invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expires_at, createdAt: i.created_at })),
        seats: await seatsOf(tx, now),
      };
    });
  });

  app.post('/api/users/invitations', {
    onRequest: manage,
    bodyLimit: 4 * 1024,
    schema: {
      tags, summary: 'Invite a person to the company (the link is valid for 48 hours)',
      body: z.object({ email: emailSchema, role: z.enum(assignableRoles), locale: z.enum(['ro', 'en']).optional() }),
      response: { 201: invitationLinkSchema },
    },
  }, async (request, reply) => {
    const me = userOf(request);
    const email = request.body.email.trim().toLowerCase();
    const role = request.body.role as (typeof companyRoles)[number];
    if (!canAssignRole(me.role, role)) throw new DomainError('forbidden', `Your role (${me.role}) may not invite a ${role}`);
    await auth.assertEmailFree(email);
    const now = new Date();
    const { token, hash } = newRefreshToken();
    const id = newId();
    const expiresAt = new Date(now.getTime() + invitationTtlMs).toISOString();
    await withTenant(app.database, me.tenantId, async (tx) => {
      await assertSeatFree(tx, now);
      await tx.db.insertInto('invitations').values({
        id, tenant_id: tx.tenantId, email, role, token_hash: hash, expires_at: expiresAt,
        accepted_at: null, revoked_at: null, created_by: me.userId, created_at: now.toISOString(),
      }).execute();
      await audit(tx.db, { tenantId: tx.tenantId, actorKind: 'user', actorId: me.userId, action: 'user.invited', target: email, details: { role }, ip: request.ip });
    });
    auth.mailInvitation({ to: email, tenantId: me.tenantId, role, token, expiresAt, locale: request.body.locale ?? 'ro' });
    return reply.status(201).send({ id, email, role, expiresAt, token });
  });

  app.delete('/api/users/invitations/:id', {
    onRequest: manage,
    schema: { tags, summary: 'Withdraw an open invitation', params: idParam },
  }, async (request, reply) => {
    const me = userOf(request);
    const done = await withTenant(app.database, me.tenantId, (tx) =>
      tx.db.updateTable('invitations').set({ revoked_at: new Date().toISOString() })
        .where('tenant_id', '=', tx.tenantId).where('id', '=', request.params.id)
        .where('accepted_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst());
    if (done.numUpdatedRows !== 1n) throw new DomainError('not_found', 'Invitation not found');
    return reply.status(204).send();
  });

  app.post('/api/users/invitations/:id/link', {
    onRequest: manage,
    bodyLimit: 1024,
    schema: {
      tags, summary: 'A fresh link for an invitation not yet used: the previous link stops working, the new one is valid for 48 hours',
      params: idParam,
      response: { 200: invitationLinkSchema },
    },
  }, async (request) => {
    const me = userOf(request);
    const now = new Date();
    // Only a hash of the token is kept, so a new link means a new token (the old one is forgotten).
    const { token, hash } = newRefreshToken();
    const expiresAt = new Date(now.getTime() + invitationTtlMs).toISOString();
    return withTenant(app.database, me.tenantId, async (tx) => {
      const invitation = await tx.db.selectFrom('invitations').select(['id', 'email', 'role', 'expires_at'])
        .where('tenant_id', '=', tx.tenantId).where('id', '=', request.params.id)
        .where('accepted_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
      if (!invitation) throw new DomainError('not_found', 'Invitation not found');
      if (isCompanyRole(invitation.role) && !canAssignRole(me.role, invitation.role)) {
        throw new DomainError('forbidden', `Your role (${me.role}) may not invite a ${invitation.role}`);
      }
      // An expired invitation held no seat: renewing it takes one again.
      if (Date.parse(invitation.expires_at) <= now.getTime()) await assertSeatFree(tx, now);
      await tx.db.updateTable('invitations').set({ token_hash: hash, expires_at: expiresAt })
        .where('tenant_id', '=', tx.tenantId).where('id', '=', invitation.id).execute();
      await audit(tx.db, { tenantId: tx.tenantId, actorKind: 'user', actorId: me.userId, action: 'user.invitation_renewed', target: invitation.email, details: { role: invitation.role }, ip: request.ip });
      return { id: invitation.id, email: invitation.email, role: invitation.role, expiresAt, token };
    });
  });

  app.patch('/api/users/:id', {
    onRequest: manage,
    bodyLimit: 1024,
    schema: {
      tags, summary: "Change a user's role or deactivate / reactivate them",
      params: idParam,
      body: z.object({ role: z.enum(assignableRoles).optional(), active: z.boolean().optional() }).strict(),
      response: { 200: userSchema },
    },
  }, async (request) => {
    const me = userOf(request);
    const { role, active } = request.body;
    const answer = await withTenant(app.database, me.tenantId, async (tx) => {
      const user = await tx.db.selectFrom('users').selectAll().where('tenant_id', '=', tx.tenantId)
        .where('id', '=', request.params.id).executeTakeFirst();
      if (!user) throw new DomainError('not_found', 'User not found');
      if (user.id === me.userId) throw new DomainError('forbidden', 'You cannot change your own role or deactivate yourself');
      if (user.role === 'owner') throw new DomainError('forbidden', "The owner's account cannot be changed here");
      if (role && role !== user.role && !(isCompanyRole(role) && canAssignRole(me.role, role) && isCompanyRole(user.role) && canAssignRole(me.role, user.role))) {
        throw new DomainError('forbidden', `Your role (${me.role}) may not make this change`);
      }
      if (active === true && user.active !== 1) await assertSeatFree(tx, new Date());
      const now = new Date().toISOString();
      const next = { role: role ?? user.role, active: active === undefined ? user.active : active ? 1 : 0 };
      // A role change or deactivation ends the user's current tokens at once.
      const changed = next.role !== user.role || next.active !== user.active;
      await tx.db.updateTable('users').set({ ...next, token_version: changed ? user.token_version + 1 : user.token_version, updated_at: now })
        .where('tenant_id', '=', tx.tenantId).where('id', '=', user.id).execute();
      if (next.role !== user.role) {
        await audit(tx.db, { tenantId: tx.tenantId, actorKind: 'user', actorId: me.userId, action: 'user.role_changed', target: user.id, details: { from: user.role, to: next.role }, ip: request.ip });
      }
      if (next.active !== user.active) {
        await audit(tx.db, { tenantId: tx.tenantId, actorKind: 'user', actorId: me.userId, action: next.active ? 'user.reactivated' : 'user.deactivated', target: user.id, ip: request.ip });
      }
      return { id: user.id, email: user.email, name: user.name, role: next.role, active: next.active === 1, lastLoginAt: user.last_login_at, lastSeenAt: user.last_login_at };
    });
    // What the user reads follows the role: their rows are worked out again (their devices, seeing
    // another role in the next pull, download everything again).
    await sync.refreshUserScope(me.tenantId, answer.id);
    return answer;
  });

  app.post('/api/auth/invitation', {
    bodyLimit: 1024,
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      summary: 'What an invitation link is for: the company, the e-mail and the role (the token travels in the body, never in a URL); 410 with the reason when it was used, withdrawn or has expired',
      body: tokenBody,
      response: { 200: z.object({ company: z.string(), email: z.string(), role: z.string(), expiresAt: z.string() }) },
    },
  }, async (request) => {
    const invitation = await openInvitation(app.database.db, request.body.token, new Date());
    const tenant = await withTenant(app.database, invitation.tenant_id, (tx) => findTenant(tx.db, tx.tenantId));
    if (!tenant) throw new DomainError('not_found', 'This invitation link is not valid; ask for a new one');
    return { company: tenant.name, email: invitation.email, role: invitation.role, expiresAt: invitation.expires_at };
  });

  app.post('/api/auth/accept-invitation', {
    bodyLimit: 4 * 1024,
    config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'], summary: 'Create the invited account and sign in',
      body: z.object({ token: z.string().min(1).max(200), password: passwordInput, name: z.string().trim().max(120).optional() }),
      response: { 201: sessionSchema },
    },
  }, async (request, reply) => {
    const db = app.database.db;
    const now = new Date();
    const invitation = await openInvitation(db, request.body.token, now);
    const problem = passwordProblem(request.body.password, invitation.email);
    if (problem) throw new DomainError('validation_failed', problem, { field: 'password' });
    await auth.assertEmailFree(invitation.email);
    const userId = newId();
    const passwordHash = await hashPassword(request.body.password);
    await withTenant(app.database, invitation.tenant_id, async (tx) => {
      await assertSeatFree(tx, now, true);
      const claimed = await tx.db.updateTable('invitations').set({ accepted_at: now.toISOString() })
        .where('tenant_id', '=', tx.tenantId).where('id', '=', invitation.id).where('accepted_at', 'is', null).executeTakeFirst();
      if (claimed.numUpdatedRows !== 1n) throw new DomainError('gone', 'This invitation was already used; sign in with its e-mail address', { reason: 'used' });
      await tx.db.insertInto('users').values({
        id: userId, tenant_id: tx.tenantId, email: invitation.email, password_hash: passwordHash,
        name: request.body.name || null, role: invitation.role, active: 1, token_version: 1,
        last_login_at: now.toISOString(), created_at: now.toISOString(), updated_at: now.toISOString(),
      }).execute();
      await audit(tx.db, { tenantId: tx.tenantId, actorKind: 'user', actorId: userId, action: 'user.joined', target: invitation.email, details: { role: invitation.role }, ip: request.ip });
    });
    return reply.status(201).send(await auth.startSession({ kind: 'user', userId }, now));
  });
};
