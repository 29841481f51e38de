import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine, type PullResponse, type PushRequest, type PushResponse, type SyncTransport } from '@roaauto/shared';
import { injectTransport } from '../test/inject-transport';
import { sqliteExecutor } from '../test/sqlite-executor';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { registerCompany } from '../test/sessions';

type Fault = 'none' | 'request-lost' | 'response-lost' | 'duplicate' | 'late-replay' | 'edit-during-pull';
type Op =
  | { kind: 'create'; device: number; table: 'vehicles' | 'clients'; seed: number }
  | { kind: 'update'; device: number; pick: number; seed: number }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'sync'; device: number; fault: Fault };

const names = ['Ana Pop', 'Ștefan Țurcanu', 'Ion Ionescu', 'Mărioara', 'Garaj SRL'];
const tables = ['vehicles', 'clients'] as const;

const opArb = (devices: number): fc.Arbitrary<Op> =>
  fc.oneof(
    fc.record({ kind: fc.constant('create' as const), device: fc.nat(devices - 1), table: fc.constantFrom(...tables), seed: fc.nat(1000) }),
    fc.record({ kind: fc.constant('update' as const), device: fc.nat(devices - 1), pick: fc.nat(50), seed: fc.nat(1000) }),
    fc.record({ kind: fc.constant('delete' as const), device: fc.nat(devices - 1), pick: fc.nat(50) }),
    fc.record({
      kind: fc.constant('sync' as const),
      device: fc.nat(devices - 1),
      fault: fc.constantFrom<Fault>('none', 'none', 'request-lost', 'response-lost', 'duplicate', 'late-replay', 'edit-during-pull'),
    }),
  );

/**
 * A network that loses requests, loses responses after the server committed, delivers twice, or replays
 * late; and a user who edits while a pull is on the way (so pending changes meet the server's rows).
 */
function faultyTransport(inner: SyncTransport, seen: (clientId: string, res: PushResponse) => void, editLocally: () => Promise<void>) {
  let fault: Fault = 'none';
  let previous: PushRequest | null = null;
  const transport: SyncTransport = {
    push: async (body) => {
      const f = fault;
      if (f !== 'edit-during-pull') fault = 'none';
      if (f === 'request-lost') throw new Error('request lost');
      if (f === 'late-replay' && previous) {
        const old = previous;
        await inner.push(old).then((r) => seen(old.clientId, r), () => undefined);
      }
      previous = body;
      let res = await inner.push(body);
      seen(body.clientId, res);
      if (f === 'duplicate') {
        res = await inner.push(body);
        seen(body.clientId, res);
      }
      if (f === 'response-lost') throw new Error('response lost');
      return res;
    },
    pull: async (q): Promise<PullResponse> => {
      if (fault === 'request-lost') {
        fault = 'none';
        throw new Error('request lost');
      }
      const page = await inner.pull(q);
      if (fault === 'edit-during-pull') {
        fault = 'none';
        await editLocally();
      }
      return page;
    },
  };
  return { transport, setFault: (f: Fault) => (fault = f) };
}

describe(`sync convergence (property-based) on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 100_000 } });
  });
  afterAll(async () => t.close());

  it('ends with identical tables everywhere, every mutation applied once, none lost', { timeout: 240_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n), { minLength: 5, maxLength: 45 }))),
        async ([n, ops]) => {
          const session = await registerCompany(t.app);
          const outcomes = new Map<string, string[]>();
          const seen = (clientId: string, res: PushResponse) => {
            for (const r of res.results) {
              const key = `${clientId}#${r.id}`;
              outcomes.set(key, [...(outcomes.get(key) ?? []), r.status]);
            }
          };
          const devices = await Promise.all(
            Array.from({ length: n }, async () => {
              const db = sqliteExecutor();
              const device = {
                db, engine: null as unknown as SyncEngine, made: 0, net: null as unknown as ReturnType<typeof faultyTransport>, editedDuringPull: null as string | null,
              };
              // gzip, as browsers ask: pages also come from the server's page cache, read before later changes.
              device.net = faultyTransport(injectTransport(t.app, () => session.accessToken, { gzip: true }), seen, async () => {
                const [row] = await db.all<{ id: string }>('SELECT id FROM vehicles ORDER BY updated_at DESC LIMIT 1');
                if (!row) return;
                await device.engine.update('vehicles', row.id, { client_telefon: '0799999999' });
                device.made++;
                device.editedDuringPull = row.id;
              });
              device.engine = new SyncEngine(db, device.net.transport, { pushBatch: 7, pullLimit: 5 });
              await device.engine.init();
              return device;
            }),
          );
          const localRows = async (d: (typeof devices)[number]) => {
            const all: { table: string; id: string }[] = [];
            for (const tb of tables) for (const r of await d.db.all<{ id: string }>(`SELECT id FROM ${tb} ORDER BY id`)) all.push({ table: tb, id: r.id });
            return all;
          };

          try {
            for (const op of ops) {
              const d = devices[op.device];
              if (!d) continue;
              if (op.kind === 'create') {
                const data = op.table === 'vehicles'
                  ? { nr_inmatriculare: `B ${op.seed % 97} RAN`, client_nume: names[op.seed % names.length], an_fabricatie: op.seed % 3 ? 1990 + (op.seed % 30) : null }
                  : { tip: op.seed % 2 ? 'pf' : 'pj', nume: names[op.seed % names.length], telefon: `07${String(op.seed).padStart(8, '0')}` };
                await d.engine.create(op.table, data);
                d.made++;
              } else if (op.kind === 'update' || op.kind === 'delete') {
                const rows = await localRows(d);
                const target = rows[op.pick % Math.max(rows.length, 1)];
                if (!target) continue;
                if (op.kind === 'delete') await d.engine.delete(target.table, target.id);
                else await d.engine.update(target.table, target.id, target.table === 'vehicles'
                  ? { client_nume: names[op.seed % names.length], an_fabricatie: 1990 + (op.seed % 30) }
                  : { telefon: `07${String(op.seed).padStart(8, '1')}` });
                d.made++;
              } else {
                d.net.setFault(op.fault);
                await d.engine.sync().catch(() => undefined);
                d.net.setFault('none'); // a fault lives for one sync, used or not
                if (d.editedDuringPull) {
                  // An edit made while the page was on its way is not clobbered by the page.
                  const [row] = await d.db.all('SELECT client_telefon FROM vehicles WHERE id = ?', [d.editedDuringPull]);
                  if (row) expect(row.client_telefon).toBe('0799999999');
                  d.editedDuringPull = null;
                }
              }
            }

            // The network heals: everyone syncs twice.
            for (let round = 0; round < 2; round++) for (const d of devices) await d.engine.sync();

            const server: Record<string, Record<string, unknown>[]> = {};
            for (const tb of tables) {
              const rows = await t.app.database.db.selectFrom(tb).selectAll()
                .where('tenant_id', '=', session.tenant?.id ?? '').where('deleted_at', 'is', null)
                .orderBy('id').execute();
              server[tb] = rows.map(({ tenant_id, deleted_at, version, last_client_id, ...r }) => r);
            }
            for (const d of devices) {
              expect(await d.engine.pendingCount()).toBe(0);
              for (const tb of tables) {
                const local = (await d.db.all(`SELECT * FROM ${tb} ORDER BY id`)).map(({ _version, _search, ...r }) => r);
                expect(local).toEqual(server[tb]);
              }
              const clientId = await d.engine.clientId();
              const row = await t.app.database.db.selectFrom('sync_clients').select('last_mutation_id').where('client_id', '=', clientId).executeTakeFirst();
              expect(row?.last_mutation_id ?? 0).toBe(d.made);
              // Every mutation got exactly one real answer (applied or rejected); repeats were duplicates.
              for (let id = 1; id <= d.made; id++) {
                const statuses = outcomes.get(`${clientId}#${id}`) ?? [];
                expect(statuses.filter((s) => s !== 'duplicate'), `mutation ${id}`).toHaveLength(1);
              }
            }
          } finally {
            for (const d of devices) d.db.close();
          }
        },
      ),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 15) },
    );
  });
});
