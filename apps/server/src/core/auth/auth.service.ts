import {
  DomainError,
  activeModules,
  catalogSeed,
  isValidCui,
  newId,
  normalizeCui,
  passwordProblem,
  trialEntitlements,
  type CompanyRole,
  type Entitlements,
  type ModuleId,
} from '@roaauto/shared';
import { seedSyncedRows } from '../../sync/seed';
import { audit } from '../audit';
import type { Database } from '../db';
import { invitationMail, passwordResetMail, type MailLocale, type Mailer } from '../mail';
import { outboxMailer } from '../mail/outbox';
import { entitlementsFromRow, entitlementsToRow, findTenant } from '../tenancy/entitlements.repository';
import { hashPassword, verifyAgainstNothing, verifyPassword } from './passwords';
import { SignInThrottle, clientOf } from './sign-in-throttle';
import { accessTokenTtlSeconds, hashToken, newRefreshToken, refreshRetryGraceMs, refreshTokenTtlDays, type TokenService } from './tokens';

export type Session = {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  offlineLease: { token: string; expiresAt: string } | null;
  user: { id: string; email: string; role: CompanyRole | 'super_admin'; name: string | null };
  tenant: { id: string; name: string } | null;
  entitlements: Entitlements | null;
  /** Which modules are usable now (what the UI shows). */
  modules: Record<ModuleId, boolean> | null;
};

/** Document types and their first series, provisioned with next number 1 for every new company. */
export const initialCounters = [
  { docType: 'order', series: 'CMD' },
  { docType: 'invoice', series: 'FCT' },
  { docType: 'credit_note', series: 'FCT' },
  { docType: 'receipt', series: 'CHT' },
  { docType: 'delivery_note', series: 'AVZ' },
] as const;

const wrongCredentials = () => new DomainError('unauthorized', 'Wrong email or password');

/** How long a password-reset link works. */
export const passwordResetTtlMinutes = 60;
/** Reset e-mails one address gets at most per hour; requests past it are answered alike and send nothing. */
export const passwordResetsPerHour = 5;
/** Longest User-Agent kept for the list of sessions. */
const maxDeviceLength = 300;

/** A live sign-in of a user, as the account page lists it. */
export type SessionInfo = { id: string; device: string | null; createdAt: string; lastUsedAt: string; current: boolean };

export type AuthServiceOptions = {
  now?: () => Date;
  mailer?: Mailer;
  /** Reset links start with it (`<base>/account/reset#<token>`). */
  publicBaseUrl?: string;
  /** A message that could not be sent (the caller's answer does not wait for the mail). */
  onMailError?: (err: unknown) => void;
};

const deviceOf = (userAgent: string | undefined | null) => (userAgent ? userAgent.slice(0, maxDeviceLength) : null);

export class AuthService {
  private readonly now: () => Date;
  private readonly throttle: SignInThrottle;
  private readonly mailer: Mailer;
  private readonly publicBaseUrl: string;
  private readonly onMailError: (err: unknown) => void;
  /** Mails on their way, so a test (or a stop) can wait for them. */
  private readonly sending = new Set<Promise<void>>();

  constructor(
    private readonly database: Database,
    private readonly tokens: TokenService,
    options: AuthServiceOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.throttle = new SignInThrottle(database.db);
    this.mailer = options.mailer ?? outboxMailer(database.db);
    this.publicBaseUrl = (options.publicBaseUrl ?? 'http://localhost:8080').replace(/\/+$/, '');
    this.onMailError = options.onMailError ?? (() => undefined);
  }

  /** Resolves when every mail sent so far has been queued (a `mail.send` job hands it to the provider) or failed to. */
  async mailSettled(): Promise<void> {
    await Promise.all([...this.sending]);
  }

  private get db() {
    return this.database.db;
  }

  /** Creates the company, its owner, its document counters and a 30-day Basic trial, in one transaction. */
  async register(
    input: { email: string; password: string; name?: string | undefined; company: { name: string; cui?: string | undefined }; seedCatalog?: boolean | undefined },
    ip: string,
    userAgent?: string,
  ): Promise<Session> {
    const email = input.email.trim().toLowerCase();
    const problem = passwordProblem(input.password, email);
    if (problem) throw new DomainError('validation_failed', problem, { field: 'password' });
    let cui: string | null = null;
    if (input.company.cui?.trim()) {
      if (!isValidCui(input.company.cui)) {
        throw new DomainError('validation_failed', 'The CUI is not valid (check digit)', { field: 'company.cui' });
      }
      cui = normalizeCui(input.company.cui);
    }
    await this.assertEmailFree(email);
    const passwordHash = await hashPassword(input.password);
    const now = this.now();
    const iso = now.toISOString();
    const tenantId = newId();
    const userId = newId();
    const entitlements = trialEntitlements(now);
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx.insertInto('tenants').values({
          id: tenantId,
          name: input.company.name.trim(),
          cui,
          ...entitlementsToRow(entitlements),
          billing_event_at: null,
          created_at: iso,
          updated_at: iso,
        }).execute();
        await trx.insertInto('users').values({
          id: userId,
          tenant_id: tenantId,
          email,
          password_hash: passwordHash,
          name: input.name?.trim() || null,
          role: 'owner',
          active: 1,
          token_version: 1,
          last_login_at: iso,
          created_at: iso,
          updated_at: iso,
        }).execute();
        await trx.insertInto('document_counters').values(
          initialCounters.map((c) => ({ tenant_id: tenantId, doc_type: c.docType, series: c.series, next_number: 1, updated_at: iso })),
        ).execute();
        if (input.seedCatalog !== false) await seedSyncedRows(trx, tenantId, catalogSeed(newId), iso);
        await audit(trx, { tenantId, actorKind: 'user', actorId: userId, action: 'tenant.registered', target: tenantId, details: { plan: entitlements.plan, billingStatus: entitlements.billingStatus }, ip });
      });
    } catch (err) {
      // Two sign-ups with one email at the same moment: the unique index decides.
      if (await this.emailTaken(email)) throw this.emailConflict();
      throw err;
    }
    return this.startSession({ kind: 'user', userId }, now, undefined, userAgent);
  }

  /**
   * Every guess is first admitted by the backoff of its (account, client): a client that keeps failing
   * waits longer and longer, while the same account signs in from anywhere else as usual.
   */
  async login(input: { email: string; password: string }, ip: string, userAgent?: string): Promise<Session> {
    const email = input.email.trim().toLowerCase();
    const now = this.now();
    const client = clientOf(ip);
    await this.throttle.admit(email, client, now);

    const admin = await this.db.selectFrom('platform_admins').selectAll().where('email', '=', email).executeTakeFirst();
    if (admin) {
      if (!(await verifyPassword(admin.password_hash, input.password))) return this.failLogin(email, null, ip, now);
      await this.throttle.succeeded(email, client);
      await audit(this.db, { tenantId: null, actorKind: 'platform_admin', actorId: admin.id, action: 'auth.login', target: email, ip });
      return this.startSession({ kind: 'platform_admin', adminId: admin.id }, now, undefined, userAgent);
    }
    const user = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    if (!user) {
      await verifyAgainstNothing(input.password);
      return this.failLogin(email, null, ip, now);
    }
    if (!(await verifyPassword(user.password_hash, input.password)) || user.active !== 1) {
      return this.failLogin(email, user.tenant_id, ip, now);
    }
    await this.throttle.succeeded(email, client);
    await this.db.updateTable('users').set({ last_login_at: now.toISOString() }).where('id', '=', user.id).execute();
    await audit(this.db, { tenantId: user.tenant_id, actorKind: 'user', actorId: user.id, action: 'auth.login', target: email, ip });
    return this.startSession({ kind: 'user', userId: user.id }, now, undefined, userAgent);
  }

  private async failLogin(email: string, tenantId: string | null, ip: string, now: Date): Promise<never> {
    await this.throttle.failed(email, now);
    await audit(this.db, { tenantId, actorKind: 'anonymous', action: 'auth.login_failed', target: email, ip });
    throw wrongCredentials();
  }

  /**
   * Rotates a refresh token. A token that was already used (or revoked) is a sign of theft: the
   * whole family of that login is revoked and every token of it stops working.
   */
  async refresh(refreshToken: string, ip: string, userAgent?: string): Promise<Session> {
    const now = this.now();
    const row = await this.db.selectFrom('refresh_tokens').selectAll().where('token_hash', '=', hashToken(refreshToken)).executeTakeFirst();
    if (!row) throw new DomainError('unauthorized', 'Unknown refresh token');
    if (row.used_at || row.revoked_at) {
      if (row.used_at && !row.revoked_at && (await this.dropLostSuccessor(row.family_id, row.used_at, now))) {
        // A rotation whose answer never reached the device (the page reloaded or lost the network while
        // the token was being rotated): it asks again with the token it still holds.
        return this.rotate(row, now, userAgent);
      }
      await this.revokeFamily(row.family_id, now);
      await audit(this.db, { tenantId: await this.tenantOfSubject(row.subject_kind, row.subject_id), actorKind: 'anonymous', action: 'auth.refresh_reused', target: row.subject_id, details: { family: row.family_id }, ip });
      throw new DomainError('unauthorized', 'This sign-in was ended; sign in again');
    }
    if (Date.parse(row.expires_at) <= now.getTime()) throw new DomainError('unauthorized', 'Session expired; sign in again');
    const claimed = await this.db.updateTable('refresh_tokens').set({ used_at: now.toISOString() })
      .where('id', '=', row.id).where('used_at', 'is', null).where('revoked_at', 'is', null).executeTakeFirst();
    if (claimed.numUpdatedRows !== 1n) {
      await this.revokeFamily(row.family_id, now);
      throw new DomainError('unauthorized', 'This sign-in was ended; sign in again');
    }
    return this.rotate(row, now, userAgent);
  }

  /** The next session of a refresh token's family (the token itself already spent). */
  private async rotate(
    row: { family_id: string; subject_kind: string; subject_id: string; token_version: number; user_agent: string | null },
    now: Date, userAgent: string | undefined,
  ): Promise<Session> {
    const subject = row.subject_kind === 'platform_admin'
      ? { kind: 'platform_admin' as const, adminId: row.subject_id }
      : { kind: 'user' as const, userId: row.subject_id };
    try {
      return await this.startSession(subject, now, { familyId: row.family_id, tokenVersion: row.token_version }, userAgent ?? row.user_agent);
    } catch (err) {
      await this.revokeFamily(row.family_id, now);
      throw err;
    }
  }

  /**
   * A spent refresh token that comes back is taken for a stolen copy and ends its whole sign-in, with one
   * exception: it was spent less than `refreshRetryGraceMs` ago and the token it was rotated into has
   * never been used. Then the device most likely never got that answer, and asks again; the unused
   * successor is revoked (the family keeps one live token) and the caller gets a new one. A thief
   * replaying within the grace gets a session, but the rightful device's next refresh then presents a
   * revoked token and ends the family, as without the grace. True when the successor was revoked here.
   */
  private async dropLostSuccessor(familyId: string, usedAt: string, now: Date): Promise<boolean> {
    if (now.getTime() - Date.parse(usedAt) > refreshRetryGraceMs) return false;
    // Its successor is the family's token made in the same moment it was spent (`refresh`, `rotate`).
    const dropped = await this.db.updateTable('refresh_tokens').set({ revoked_at: now.toISOString() })
      .where('family_id', '=', familyId).where('created_at', '=', usedAt).where('used_at', 'is', null).where('revoked_at', 'is', null)
      .executeTakeFirst();
    return dropped.numUpdatedRows === 1n;
  }

  async logout(refreshToken: string): Promise<void> {
    const row = await this.db.selectFrom('refresh_tokens').select('family_id').where('token_hash', '=', hashToken(refreshToken)).executeTakeFirst();
    if (row) await this.revokeFamily(row.family_id, this.now());
  }

  /**
   * New password. Every other session of the user ends (token version bump, families revoked) and so
   * does every open reset link. With `keepThisSession` (the default) this device stays signed in under
   * the new password (new tokens, returned); without it, it is signed out too.
   */
  async changePassword(
    userId: string, current: string, next: string, ip: string,
    options: { keepThisSession?: boolean | undefined; userAgent?: string | undefined } = {},
  ): Promise<Session | null> {
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
    if (!(await verifyPassword(user.password_hash, current))) {
      throw new DomainError('validation_failed', 'The current password is wrong', { field: 'currentPassword' });
    }
    const problem = passwordProblem(next, user.email);
    if (problem) throw new DomainError('validation_failed', problem, { field: 'newPassword' });
    const now = this.now();
    const keep = options.keepThisSession !== false;
    const tokenVersion = user.token_version + 1;
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ password_hash: passwordHash, token_version: tokenVersion, updated_at: now.toISOString() }).where('id', '=', userId).execute();
      await trx.updateTable('refresh_tokens').set({ revoked_at: now.toISOString() }).where('subject_kind', '=', 'user').where('subject_id', '=', userId).where('revoked_at', 'is', null).execute();
      await trx.updateTable('password_resets').set({ used_at: now.toISOString() }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
      await audit(trx, { tenantId: user.tenant_id, actorKind: 'user', actorId: userId, action: 'auth.password_changed', target: userId, details: { keptThisSession: keep }, ip });
    });
    if (!keep) return null;
    // This device goes on as a new session: its old refresh token, revoked above, must not be able to
    // end it (a revoked token coming back ends its whole family).
    return this.startSession({ kind: 'user', userId }, now, undefined, options.userAgent);
  }

  /** The user's live sign-ins, newest use first; `current` marks the one asking. */
  async listSessions(userId: string, currentSessionId: string): Promise<SessionInfo[]> {
    const nowIso = this.now().toISOString();
    // A live session has one token not yet used nor revoked: the latest of its family.
    const live = await this.db.selectFrom('refresh_tokens').select(['family_id', 'created_at', 'user_agent'])
      .where('subject_kind', '=', 'user').where('subject_id', '=', userId)
      .where('revoked_at', 'is', null).where('used_at', 'is', null).where('expires_at', '>', nowIso)
      .orderBy('created_at', 'desc').execute();
    if (!live.length) return [];
    const started = await this.db.selectFrom('refresh_tokens')
      .select((eb) => ['family_id', eb.fn.min('created_at').as('started_at')])
      .where('subject_kind', '=', 'user').where('subject_id', '=', userId)
      .where('family_id', 'in', live.map((r) => r.family_id)).groupBy('family_id').execute();
    const startOf = new Map(started.map((r) => [r.family_id, r.started_at]));
    const seen = new Set<string>();
    const sessions: SessionInfo[] = [];
    for (const row of live) {
      if (seen.has(row.family_id)) continue;
      seen.add(row.family_id);
      sessions.push({
        id: row.family_id, device: row.user_agent, createdAt: startOf.get(row.family_id) ?? row.created_at,
        lastUsedAt: row.created_at, current: row.family_id === currentSessionId,
      });
    }
    return sessions;
  }

  /** Ends one sign-in of the user; false when it is not theirs or already ended. */
  async revokeSession(userId: string, sessionId: string, ip: string, tenantId: string): Promise<boolean> {
    const done = await this.db.updateTable('refresh_tokens').set({ revoked_at: this.now().toISOString() })
      .where('subject_kind', '=', 'user').where('subject_id', '=', userId)
      .where('family_id', '=', sessionId).where('revoked_at', 'is', null).executeTakeFirst();
    if (done.numUpdatedRows === 0n) return false;
    await audit(this.db, { tenantId, actorKind: 'user', actorId: userId, action: 'auth.session_revoked', target: sessionId, ip });
    return true;
  }

  /** Ends every sign-in of the user but `keepSessionId` (none kept when it is null). Returns how many ended. */
  async signOutEverywhere(userId: string, keepSessionId: string | null, ip: string, tenantId: string): Promise<number> {
    let q = this.db.updateTable('refresh_tokens').set({ revoked_at: this.now().toISOString() })
      .where('subject_kind', '=', 'user').where('subject_id', '=', userId).where('revoked_at', 'is', null);
    if (keepSessionId) q = q.where('family_id', '<>', keepSessionId);
    const sessions = (await this.listSessions(userId, keepSessionId ?? '')).filter((s) => s.id !== keepSessionId).length;
    await q.execute();
    await audit(this.db, { tenantId, actorKind: 'user', actorId: userId, action: 'auth.signed_out_everywhere', target: userId, details: { keptThisSession: Boolean(keepSessionId), sessions }, ip });
    return sessions;
  }

  /**
   * "Forgot password": mails a reset link when the address is an active company user's. The answer is
   * the same in every case and does not wait for the mail, so it tells nothing about the address.
   * Counted per (address, client) by the sign-in backoff; past a few links an hour an address gets no more.
   */
  async requestPasswordReset(emailInput: string, ip: string, locale: MailLocale): Promise<void> {
    const email = emailInput.trim().toLowerCase();
    const now = this.now();
    await this.throttle.admit(`reset:${email}`, clientOf(ip), now);
    const user = await this.db.selectFrom('users').select(['id', 'tenant_id', 'active']).where('email', '=', email).executeTakeFirst();
    if (!user || user.active !== 1) {
      await audit(this.db, { tenantId: null, actorKind: 'anonymous', action: 'auth.password_reset_unknown', target: email, ip });
      return;
    }
    const recent = await this.db.selectFrom('password_resets').select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('user_id', '=', user.id).where('created_at', '>', new Date(now.getTime() - 3_600_000).toISOString()).executeTakeFirstOrThrow();
    if (Number(recent.n) >= passwordResetsPerHour) {
      await audit(this.db, { tenantId: user.tenant_id, actorKind: 'anonymous', action: 'auth.password_reset_limited', target: user.id, ip });
      return;
    }
    await this.issuePasswordReset(user.id, { locale, requestedBy: null, ip });
  }

  /**
   * Makes a reset link for a user and mails it to them; returns the link (the owner may hand it over).
   * Platform operators have no reset links.
   */
  async issuePasswordReset(
    userId: string,
    options: { locale: MailLocale; requestedBy: string | null; ip: string },
  ): Promise<{ link: string; expiresAt: string }> {
    const user = await this.db.selectFrom('users').select(['id', 'tenant_id', 'email', 'name', 'active']).where('id', '=', userId).executeTakeFirstOrThrow();
    const now = this.now();
    const { token, hash } = newRefreshToken();
    const expiresAt = new Date(now.getTime() + passwordResetTtlMinutes * 60_000).toISOString();
    await this.db.insertInto('password_resets').values({
      id: newId(), user_id: user.id, token_hash: hash, requested_by: options.requestedBy,
      created_at: now.toISOString(), expires_at: expiresAt, used_at: null,
    }).execute();
    await audit(this.db, {
      tenantId: user.tenant_id, actorKind: options.requestedBy ? 'user' : 'anonymous', actorId: options.requestedBy,
      action: 'auth.password_reset_requested', target: user.id, details: { byOwner: Boolean(options.requestedBy) }, ip: options.ip,
    });
    const link = `${this.publicBaseUrl}/account/reset#${token}`;
    const message = passwordResetMail({ to: user.email, name: user.name, link, minutes: passwordResetTtlMinutes, locale: options.locale, byOwner: Boolean(options.requestedBy) });
    const sent = this.mailer.send(message).catch((err: unknown) => this.onMailError(err));
    this.sending.add(sent);
    void sent.finally(() => this.sending.delete(sent));
    return { link, expiresAt };
  }

  /**
   * Mails an invitation's link to the person invited (the inviter also gets the link, to hand it over
   * another way). The mail is not awaited: a slow or failing provider never fails the invitation.
   */
  mailInvitation(input: { to: string; tenantId: string; role: string; token: string; expiresAt: string; locale: MailLocale }): string {
    const link = `${this.publicBaseUrl}/account/join#${input.token}`;
    const days = Math.max(1, Math.round((Date.parse(input.expiresAt) - this.now().getTime()) / 86_400_000));
    const sent = this.db.selectFrom('tenants').select('name').where('id', '=', input.tenantId).executeTakeFirst()
      .then((tenant) => this.mailer.send(invitationMail({ to: input.to, company: tenant?.name ?? '', role: input.role, link, days, locale: input.locale })))
      .catch((err: unknown) => this.onMailError(err));
    this.sending.add(sent);
    void sent.finally(() => this.sending.delete(sent));
    return link;
  }

  /**
   * Sets a new password with a reset link's token: the token works once and only before it expires;
   * every session of the user ends and every other open link of theirs is spent.
   */
  async resetPassword(token: string, password: string, ip: string): Promise<void> {
    const now = this.now();
    const nowIso = now.toISOString();
    const invalid = () => new DomainError('not_found', 'This reset link is not valid any more; ask for a new one');
    const row = await this.db.selectFrom('password_resets').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= nowIso) throw invalid();
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', row.user_id).executeTakeFirst();
    if (!user || user.active !== 1) throw invalid();
    const problem = passwordProblem(password, user.email);
    if (problem) throw new DomainError('validation_failed', problem, { field: 'password' });
    const passwordHash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      const claimed = await trx.updateTable('password_resets').set({ used_at: nowIso })
        .where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
      if (claimed.numUpdatedRows !== 1n) throw invalid();
      await trx.updateTable('password_resets').set({ used_at: nowIso }).where('user_id', '=', user.id).where('used_at', 'is', null).execute();
      await trx.updateTable('users').set({ password_hash: passwordHash, token_version: user.token_version + 1, updated_at: nowIso }).where('id', '=', user.id).execute();
      await trx.updateTable('refresh_tokens').set({ revoked_at: nowIso }).where('subject_kind', '=', 'user').where('subject_id', '=', user.id).where('revoked_at', 'is', null).execute();
      await audit(trx, { tenantId: user.tenant_id, actorKind: 'anonymous', action: 'auth.password_reset', target: user.id, details: { byOwner: Boolean(row.requested_by) }, ip });
    });
    // A client that failed to sign in before the reset starts afresh.
    await this.throttle.succeeded(user.email, clientOf(ip));
  }

  /** Builds the session answer; with `rotation`, the new refresh token joins the old family. */
  async startSession(
    subject: { kind: 'user'; userId: string } | { kind: 'platform_admin'; adminId: string },
    now: Date,
    rotation?: { familyId: string; tokenVersion: number },
    userAgent?: string | null,
  ): Promise<Session> {
    const refresh = newRefreshToken();
    const expiresAt = new Date(now.getTime() + refreshTokenTtlDays * 86_400_000).toISOString();
    const accessTokenExpiresAt = new Date(now.getTime() + accessTokenTtlSeconds * 1000).toISOString();
    const familyId = rotation?.familyId ?? newId();
    const storeRefresh = (kind: 'user' | 'platform_admin', id: string, tokenVersion: number) =>
      this.db.insertInto('refresh_tokens').values({
        id: newId(), family_id: familyId, subject_kind: kind, subject_id: id, token_hash: refresh.hash,
        token_version: tokenVersion, created_at: now.toISOString(), expires_at: expiresAt, used_at: null, revoked_at: null,
        user_agent: deviceOf(userAgent),
      }).execute();

    if (subject.kind === 'platform_admin') {
      const admin = await this.db.selectFrom('platform_admins').selectAll().where('id', '=', subject.adminId).executeTakeFirst();
      if (!admin || (rotation && rotation.tokenVersion !== admin.token_version)) throw new DomainError('unauthorized', 'Sign in again');
      await storeRefresh('platform_admin', admin.id, admin.token_version);
      return {
        accessToken: await this.tokens.signAccess({ kind: 'platform_admin', sub: admin.id, tv: admin.token_version, sid: familyId }),
        accessTokenExpiresAt,
        refreshToken: refresh.token,
        offlineLease: null,
        user: { id: admin.id, email: admin.email, role: 'super_admin', name: null },
        tenant: null,
        entitlements: null,
        modules: null,
      };
    }
    const user = await this.db.selectFrom('users').selectAll().where('id', '=', subject.userId).executeTakeFirst();
    if (!user || user.active !== 1 || (rotation && rotation.tokenVersion !== user.token_version)) {
      throw new DomainError('unauthorized', 'Sign in again');
    }
    const tenant = await findTenant(this.db, user.tenant_id);
    if (!tenant) throw new DomainError('unauthorized', 'Sign in again');
    const entitlements = entitlementsFromRow(tenant);
    const role = user.role as CompanyRole;
    await storeRefresh('user', user.id, user.token_version);
    const lease = await this.tokens.signLease({ sub: user.id, tid: tenant.id, role, entitlements }, now);
    return {
      accessToken: await this.tokens.signAccess({ kind: 'user', sub: user.id, tid: tenant.id, role, tv: user.token_version, sid: familyId }),
      accessTokenExpiresAt,
      refreshToken: refresh.token,
      offlineLease: { token: lease.lease, expiresAt: lease.expiresAt },
      user: { id: user.id, email: user.email, role, name: user.name },
      tenant: { id: tenant.id, name: tenant.name },
      entitlements,
      modules: activeModules(entitlements, now),
    };
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.db.updateTable('refresh_tokens').set({ revoked_at: now.toISOString() })
      .where('family_id', '=', familyId).where('revoked_at', 'is', null).execute();
  }

  private async tenantOfSubject(kind: string, id: string): Promise<string | null> {
    if (kind !== 'user') return null;
    const u = await this.db.selectFrom('users').select('tenant_id').where('id', '=', id).executeTakeFirst();
    return u?.tenant_id ?? null;
  }

  async emailTaken(email: string): Promise<boolean> {
    const [user, admin] = await Promise.all([
      this.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst(),
      this.db.selectFrom('platform_admins').select('id').where('email', '=', email).executeTakeFirst(),
    ]);
    return Boolean(user ?? admin);
  }

  async assertEmailFree(email: string): Promise<void> {
    if (await this.emailTaken(email)) throw this.emailConflict();
  }

  private emailConflict(): DomainError {
    return new DomainError('conflict', 'An account with this email already exists', { field: 'email' });
  }
}
