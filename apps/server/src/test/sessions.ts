import type { FastifyInstance } from 'fastify';
import type { Session } from '../core/auth/auth.service';

let counter = 0;

/** Signs up a new company through the real endpoint and returns its session. */
export async function registerCompany(
  app: FastifyInstance,
  overrides: { email?: string; password?: string; company?: { name: string; cui?: string }; seedCatalog?: boolean } = {},
): Promise<Session & { password: string }> {
  counter += 1;
  const password = overrides.password ?? 'Garaj-Constanta-7';
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: {
      email: overrides.email ?? `owner${counter}-${Date.now()}@service${counter}.ro`,
      password,
      company: overrides.company ?? { name: `Service Auto ${counter} SRL` },
      // Tests start from empty tables unless they ask for the starter catalog.
      seedCatalog: overrides.seedCatalog ?? false,
    },
  });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return { ...res.json<Session>(), password };
}

export function bearer(session: { accessToken: string }): Record<string, string> {
  return { authorization: `Bearer ${session.accessToken}` };
}

export async function login(app: FastifyInstance, email: string, password: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return res.json<Session>();
}

/** The platform operator (`operator`, signed in) sets a company's entitlements, as the console does; throws unless it is taken. */
export async function setEntitlements(app: FastifyInstance, operator: Session, company: Session, payload: Record<string, unknown>): Promise<void> {
  const res = await app.inject({ method: 'PATCH', url: `/api/admin/tenants/${company.tenant?.id}/entitlements`, headers: bearer(operator), payload });
  if (res.statusCode !== 200) throw new Error(`entitlements not set (${res.statusCode}): ${res.body}`);
}
