import type { SqlRow, SqlValue } from '@roaauto/shared';

/** Messages between a tab and its database worker. One connection, one statement list at a time. */
export type WorkerRequest =
  | { id: number; type: 'open'; file: string }
  | { id: number; type: 'exec'; sql: string; params: readonly SqlValue[] }
  | { id: number; type: 'execMany'; sql: string; rows: readonly (readonly SqlValue[])[] }
  | { id: number; type: 'close' }
  | { id: number; type: 'deleteFile'; file: string };

export type WorkerResponse = { id: number; ok: true; rows: SqlRow[] } | { id: number; ok: false; error: string };
