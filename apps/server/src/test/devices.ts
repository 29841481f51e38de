import type { FastifyInstance } from 'fastify';
import { SyncEngine, type SyncTransport } from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import { injectTransport } from './inject-transport';
import { sqliteExecutor } from './sqlite-executor';

export type TestDevice = Awaited<ReturnType<ReturnType<typeof testDevices>['device']>>;

/**
 * Devices for sync tests: the client engine on an in-memory SQLite, signed in as a session, talking to
 * the app through `inject` (optionally through a wrapped transport: faults, counting). `closeAll` in afterAll.
 */
export function testDevices(app: () => FastifyInstance) {
  const open: { close(): void }[] = [];
  return {
    device: async (s: Session, wrap: (tr: SyncTransport) => SyncTransport = (x) => x) => {
      const db = sqliteExecutor();
      open.push(db);
      const engine = new SyncEngine(db, wrap(injectTransport(app(), () => s.accessToken)));
      await engine.init();
      const clientId = await engine.clientId();
      /** The local rows of a table, by id, optionally filtered. */
      const rows = <T = Record<string, unknown>>(table = 'vehicles', where = '1 = 1', params: readonly unknown[] = []) =>
        db.all(`SELECT * FROM ${table} WHERE ${where} ORDER BY id`, params as never) as Promise<T[]>;
      return { engine, db, clientId, rows };
    },
    closeAll: (): void => {
      for (const o of open.splice(0)) o.close();
    },
  };
}
