import { z } from 'zod';
import { billingStatuses, companyRoles, maxPasswordLength, moduleIds, planIds } from '@roaauto/shared';

export const emailSchema = z.email({ error: 'Enter a valid email address' }).max(254);
export const passwordInput = z.string().min(1).max(maxPasswordLength);

const limitsSchema = z.object({
  maxUsers: z.number().int().nullable(),
  maxDocsPerMonth: z.number().int().nullable(),
  maxRoutesPerDay: z.number().int().nullable(),
  maxSmsPerMonth: z.number().int().nullable(),
});

export const moduleFlagsSchema = z.object(Object.fromEntries(moduleIds.map((id) => [id, z.boolean()])) as Record<(typeof moduleIds)[number], z.ZodBoolean>);

export const entitlementsSchema = z.object({
  plan: z.enum(planIds),
  modules: moduleFlagsSchema,
  limits: limitsSchema,
  billingStatus: z.enum(billingStatuses),
  trialEndsAt: z.string().nullable(),
  graceEndsAt: z.string().nullable(),
  version: z.number().int(),
});

export const sessionSchema = z.object({
  accessToken: z.string(),
  accessTokenExpiresAt: z.string(),
  refreshToken: z.string(),
  offlineLease: z.object({ token: z.string(), expiresAt: z.string() }).nullable(),
  user: z.object({ id: z.string(), email: z.string(), role: z.enum([...companyRoles, 'super_admin']), name: z.string().nullable() }),
  tenant: z.object({ id: z.string(), name: z.string() }).nullable(),
  entitlements: entitlementsSchema.nullable(),
  modules: moduleFlagsSchema.nullable(),
});

export const entitlementsChangeSchema = z
  .object({
    plan: z.enum(planIds).optional(),
    modules: z.partialRecord(z.enum(moduleIds), z.boolean()).optional(),
    limits: limitsSchema.partial().optional(),
    billingStatus: z.enum(billingStatuses).optional(),
    trialEndsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  })
  .strict();
