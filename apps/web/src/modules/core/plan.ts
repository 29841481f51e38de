import { apiFetch } from '@/app/api';
import type { useSession } from '@/app/session';
import type { Entitlements, LimitUsage, PlanId, Standing } from '@roaauto/shared';

/** What `GET /api/billing/plan` answers: the company's standing, its limits with this month's use, how to pay. */
export type PlanAnswer = {
  entitlements: Entitlements;
  standing: Standing;
  usage: { month: string; users: LimitUsage; documents: LimitUsage; sms: LimitUsage };
  freeSince: string | null;
  retainedUntil: string | null;
  dataDeletedAt: string | null;
  providers: { card: PlanId[]; transfer: true };
};

type Session = ReturnType<typeof useSession>;

export async function fetchPlan(session: Session): Promise<PlanAnswer> {
  return apiFetch<PlanAnswer>('/api/billing/plan', { token: await session.accessToken() });
}

/** Opens Stripe Checkout for the plan (the browser leaves for Stripe's page). */
export async function startCardPayment(session: Session, plan: PlanId): Promise<string> {
  const { url } = await apiFetch<{ url: string }>('/api/billing/checkout', { method: 'POST', json: { plan }, token: await session.accessToken() });
  return url;
}

/** Asks the operator for an invoice to pay by bank transfer; answers the payment reference. */
export async function requestTransfer(session: Session, plan: PlanId): Promise<string> {
  const { reference } = await apiFetch<{ reference: string }>('/api/billing/transfer-request', { method: 'POST', json: { plan }, token: await session.accessToken() });
  return reference;
}

/** The plans a shop chooses between on the page; contract plans are agreed with the operator. */
export const shopPlans: readonly PlanId[] = ['free', 'basic', 'pro'];
