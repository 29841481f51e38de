import { z } from 'zod';
import { errorCodes } from '../errors';

/**
 * Version of the synced tables' shape and of the protocol. A client on another version is told to
 * update (426). 2: orders have a mechanic, and a pull may take a row out of the device (`remove`).
 */
export const syncSchemaVersion = 2;
/** Pushes of version 1 differ only in lacking orders' mechanic (a new row gets none). */
export const supportedSyncSchemaVersions: readonly number[] = [1, syncSchemaVersion];

export const maxMutationsPerPush = 1000;
export const defaultPullLimit = 1000;
export const maxPullLimit = 5000;

/** One change of a device's queue, as the server applies it. */
export const mutationSchema = z.object({
  /** The client's mutation number: 1, 2, 3… per client, never reused. */
  id: z.number().int().positive(),
  table: z.string().min(1).max(64),
  op: z.enum(['upsert', 'delete']),
  rowId: z.uuid(),
  // The row's fields are checked against the table's own schema later; here only "an object", which
  // needs no copy of it (a record schema would rebuild every row of the push).
  data: z
    .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'an object')
    .optional(),
  /** The server version the client's copy was based on (tables with base-version conflicts). */
  baseVersion: z.number().int().nonnegative().nullable().optional(),
});
export type Mutation = z.infer<typeof mutationSchema>;

/**
 * A mutation as the push request takes it: only its number, which every answer needs. The rest is
 * checked one mutation at a time against `mutationSchema`, so a malformed change is that mutation's
 * rejection and never a refused push, which its device would otherwise send again and again.
 */
const pushedMutationSchema = z.object({
  id: z.number().int().positive(),
  table: z.unknown().optional(),
  op: z.unknown().optional(),
  rowId: z.unknown().optional(),
  data: z.unknown().optional(),
  baseVersion: z.unknown().optional(),
});

export const pushRequestSchema = z.object({
  clientId: z.uuid(),
  schemaVersion: z.number().int(),
  mutations: z.array(pushedMutationSchema).max(maxMutationsPerPush),
});
/** What a device sends. */
export type PushRequest = { clientId: string; schemaVersion: number; mutations: Mutation[] };
/** What the server receives: a push whose mutations are not checked yet. */
export type PushedRequest = z.infer<typeof pushRequestSchema>;

export const mutationResultSchema = z.object({
  id: z.number().int(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  code: z.enum(errorCodes).optional(),
  message: z.string().optional(),
  /** For a mutation a table rule refused: the rule's refusal code (`order.status_transition`) and its parameters. */
  rule: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** For a rejected mutation: the server's current row (null when there is none the client may see). */
  row: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type MutationResult = z.infer<typeof mutationResultSchema>;

export const pushResponseSchema = z.object({
  lastMutationId: z.number().int(),
  results: z.array(mutationResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

export const changeSchema = z.object({
  table: z.string(),
  rowId: z.string(),
  version: z.number().int(),
  /**
   * `delete`: the row was deleted. `remove`: the row left what this user reads (an order assigned to
   * another mechanic): the device drops its copy, and the row still exists.
   */
  op: z.enum(['upsert', 'delete', 'remove']),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type Change = z.infer<typeof changeSchema>;

export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.number().int(),
  hasMore: z.boolean(),
  lastMutationId: z.number().int(),
  /** The company's entitlements version (any change: plan, modules, limits, billing status). */
  entitlementsVersion: z.number().int(),
  /**
   * The tables the page's reads cover, comma-separated. When they differ from the ones the device's copy
   * was made with (a module switched on or off), the device downloads everything again; a change that
   * leaves them as they were (a limit, the billing status) keeps the copy. A server without it makes the
   * device compare `entitlementsVersion` instead.
   */
  tables: z.string().optional(),
  /**
   * The role whose reads the page follows. When it differs from the one the device's copy was made
   * for, the device downloads everything again (a mechanic made admin reads every order).
   */
  role: z.string().optional(),
  /**
   * The company's version when the page was read: the cursor a device reaches at the end of this download.
   * A device shows `cursor / head` as the share of the history downloaded so far (the sign-in's progress bar).
   */
  head: z.number().int().optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;
