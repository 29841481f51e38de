import { canAssignRole, companyRoles, isCompanyRole, planIds, plans, type CompanyRole, type PlanId } from '@roaauto/shared';

/**
 * The Team page's and the join page's logic: seats against the plan, the plan that allows more people,
 * invitation links and what the signed-in person may do to each user. No Vue here, so it is tested alone.
 */

/** A user of the company as `GET /api/users` lists it. */
export type TeamUser = { id: string; email: string; name: string | null; role: string; active: boolean; lastLoginAt: string | null; lastSeenAt: string | null };
export type PendingInvitation = { id: string; email: string; role: string; expiresAt: string; createdAt: string };
export type Seats = { used: number; max: number | null; plan: string };
export type TeamAnswer = { users: TeamUser[]; invitations: PendingInvitation[]; seats: Seats };
/** A link the server just made (an invitation, or a fresh link for one): the raw token is known only now. */
export type InvitationLink = { id: string; email: string; role: string; expiresAt: string; token: string };
/** What the join page shows before the person sets a password. */
export type InvitationDetails = { company: string; email: string; role: string; expiresAt: string };
/** Why a link does not work any more, as the server's 410 answer says it. */
export type GoneReason = 'used' | 'withdrawn' | 'expired';

/** The seat line: no limit, "2 of 3 users", or full (the next invitation is refused). */
export type SeatState = { kind: 'unlimited'; used: number } | { kind: 'free' | 'full'; used: number; max: number; left: number };

export function seatState(seats: Pick<Seats, 'used' | 'max'>): SeatState {
  if (seats.max === null) return { kind: 'unlimited', used: seats.used };
  const left = Math.max(0, seats.max - seats.used);
  return { kind: left === 0 ? 'full' : 'free', used: seats.used, max: seats.max, left };
}

/**
 * The plan to move to for more people than `max`: the cheapest plan with a list price that allows more
 * users, or, when none does, a contract plan (its seats are agreed per company). From the shared plan
 * table, so the page never repeats its figures.
 */
export type MorePeople = { kind: 'plan'; plan: PlanId; name: string; maxUsers: number | null } | { kind: 'contract'; maxUsers: number | null };

export function planAllowingMore(max: number): MorePeople {
  const priced = planIds.map((id) => plans[id]).filter((p) => p.priceMonthlyBani !== null)
    .sort((a, b) => (a.priceMonthlyBani ?? 0) - (b.priceMonthlyBani ?? 0));
  const better = priced.find((p) => p.limits.maxUsers === null || p.limits.maxUsers > max);
  if (better) return { kind: 'plan', plan: better.id, name: better.name, maxUsers: better.limits.maxUsers };
  const contract = planIds.map((id) => plans[id]).find((p) => p.priceMonthlyBani === null && (p.limits.maxUsers === null || p.limits.maxUsers > max));
  return { kind: 'contract', maxUsers: contract?.limits.maxUsers ?? null };
}

/** The join page's address for a token: in the hash, which browsers never send to the server. */
export function joinLink(origin: string, token: string): string {
  return `${origin.replace(/\/+$/, '')}/account/join#${encodeURIComponent(token)}`;
}

/** The token of a join page's hash ("#abc"), or null when there is none that could be one. */
export function tokenFromHash(hash: string): string | null {
  let raw = hash.startsWith('#') ? hash.slice(1) : hash;
  try {
    raw = decodeURIComponent(raw);
  } catch {
    return null;
  }
  raw = raw.trim();
  return raw.length > 0 && raw.length <= 200 && /^[A-Za-z0-9_-]+$/.test(raw) ? raw : null;
}

/** A WhatsApp link that opens a chat with the text ready to send (the person picks who gets it). */
export function whatsappLink(text: string): string {
  return `https://wa.me/?text=${encodeURIComponent(text)}`;
}

/** The reason of a 410 answer, when it is one the page has words for. */
export function goneReason(details: Readonly<Record<string, unknown>> | undefined): GoneReason | null {
  const reason = details?.reason;
  return reason === 'used' || reason === 'withdrawn' || reason === 'expired' ? reason : null;
}

/** The roles the signed-in person may give (the owner's role is never given). */
export function assignableRoles(me: string | undefined): CompanyRole[] {
  if (!isCompanyRole(me)) return [];
  return companyRoles.filter((r) => canAssignRole(me, r));
}

/** What the signed-in person may do to a user on the Team page (the server checks the same). */
/** What the person looking may do to a user; `resetPassword` sends them a link to choose a new password. */
export type UserActions = { changeRole: boolean; deactivate: boolean; reactivate: boolean; resetPassword: boolean };

export function userActions(me: { id: string; role: string } | null, user: Pick<TeamUser, 'id' | 'role' | 'active'>): UserActions {
  const none = { changeRole: false, deactivate: false, reactivate: false, resetPassword: false };
  if (!me || !isCompanyRole(me.role) || user.id === me.id || user.role === 'owner') return none;
  if (!isCompanyRole(user.role) || !canAssignRole(me.role, user.role)) return none;
  return { changeRole: user.active, deactivate: user.active, reactivate: !user.active, resetPassword: user.active };
}

/** Whole days (rounded up) and hours until `iso`, for "the link is valid 2 more days". */
export function hoursLeft(iso: string, now: Date): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now.getTime()) / 3_600_000));
}

/** Users first as the owner sees them: active before inactive, then by name or e-mail. */
export function sortedUsers(users: readonly TeamUser[]): TeamUser[] {
  const rank = (u: TeamUser) => (u.role === 'owner' ? 0 : u.active ? 1 : 2);
  return [...users].sort((a, b) => rank(a) - rank(b) || (a.name ?? a.email).localeCompare(b.name ?? b.email, 'ro'));
}
