import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { DatabaseConfig } from '../config';
import type { TenantTx } from '../core/tenancy/tenant-scope';

export type PokeListener = (version: number) => void;

/**
 * Tells every open device of a company that its version moved. In one process (SQLite) an event
 * emitter is enough; on PostgreSQL the poke goes through NOTIFY inside the committing transaction, so
 * it is sent only if the commit happens and reaches every server process LISTENing on the database.
 */
export type PokeBus = {
  /** Call inside the transaction that changed the data; listeners hear it after the commit. */
  publish(tx: TenantTx, version: number): Promise<void>;
  /** For the in-process bus: deliver what was published in a transaction that has now committed. */
  flush(tenantId: string, version: number): void;
  subscribe(tenantId: string, listener: PokeListener): () => void;
  close(): Promise<void>;
};

const channel = 'roaauto_poke';

function emitterBus(): { emitter: EventEmitter; subscribe: PokeBus['subscribe'] } {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    emitter,
    subscribe: (tenantId, listener) => {
      emitter.on(tenantId, listener);
      return () => emitter.off(tenantId, listener);
    },
  };
}

export function createLocalPokeBus(): PokeBus {
  const { emitter, subscribe } = emitterBus();
  return {
    publish: async () => undefined,
    flush: (tenantId, version) => emitter.emit(tenantId, version),
    subscribe,
    close: async () => {
      emitter.removeAllListeners();
    },
  };
}

export async function createPostgresPokeBus(config: Extract<DatabaseConfig, { engine: 'postgres' }>, onError: (err: unknown) => void): Promise<PokeBus> {
  const { emitter, subscribe } = emitterBus();
  let closed = false;
  let client: pg.Client | undefined;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString: config.url });
    c.on('notification', (msg) => {
      if (msg.channel !== channel || !msg.payload) return;
      const cut = msg.payload.lastIndexOf(':');
      emitter.emit(msg.payload.slice(0, cut), Number(msg.payload.slice(cut + 1)));
    });
    c.on('error', (err) => {
      onError(err);
      if (!closed) setTimeout(() => void connect().catch(onError), 1000);
    });
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
  }
  await connect();

  return {
    publish: (tx, version) => tx.notify(channel, `${tx.tenantId}:${version}`),
    flush: () => undefined,
    subscribe,
    close: async () => {
      closed = true;
      emitter.removeAllListeners();
      await client?.end().catch(() => undefined);
    },
  };
}
