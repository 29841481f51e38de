import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fromMilli, milliText, newId, stockFromMovements, stockSql, SyncEngine, valuate, type PushRequest, type SyncTransport, type ValuedMovement,
} from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { injectTransport } from '../../test/inject-transport';
import { bearer, login, registerCompany, setEntitlements } from '../../test/sessions';
import { sqliteExecutor } from '../../test/sqlite-executor';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

type Fault = 'none' | 'request-lost' | 'response-lost' | 'duplicate' | 'late-replay';
type Op =
  | { kind: 'move'; device: number; tip: 'intrare' | 'iesire' | 'transfer' | 'inventar'; product: number; location: number; q: number; cost: number | null }
  | { kind: 'sync'; device: number; fault: Fault };

/** A network that loses requests, loses answers after the server committed, delivers twice, or replays late. */
function faultyTransport(inner: SyncTransport) {
  let fault: Fault = 'none';
  let previous: PushRequest | null = null;
  const transport: SyncTransport = {
    push: async (body) => {
      const f = fault;
      fault = 'none';
      if (f === 'request-lost') throw new Error('request lost');
      if (f === 'late-replay' && previous) await inner.push(previous).catch(() => undefined);
      previous = body;
      const res = await inner.push(body);
      if (f === 'duplicate') await inner.push(body);
      if (f === 'response-lost') throw new Error('response lost');
      return res;
    },
    pull: (q) => inner.pull(q),
  };
  return { transport, setFault: (f: Fault) => (fault = f) };
}

const opArb = (devices: number): fc.Arbitrary<Op> => fc.oneof(
  { weight: 3, arbitrary: fc.record({
    kind: fc.constant('move' as const), device: fc.nat(devices - 1), tip: fc.constantFrom('intrare' as const, 'iesire' as const, 'transfer' as const, 'inventar' as const),
    product: fc.nat(1), location: fc.nat(1), q: fc.integer({ min: 1, max: 4000 }), cost: fc.option(fc.integer({ min: 0, max: 90_000 }), { nil: null }),
  }) },
  { weight: 1, arbitrary: fc.record({
    kind: fc.constant('sync' as const), device: fc.nat(devices - 1),
    fault: fc.constantFrom<Fault>('none', 'request-lost', 'response-lost', 'duplicate', 'late-replay'),
  }) },
);

describe(`the stock ledger across offline devices (property-based) on ${testEngine()}`, () => {
  let t: TestApp;
  let op: Session;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 100_000, superAdmin } });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  it('ends with every device and the server holding the same movements, stock = their sum, value in − out = on hand', { timeout: 240_000 }, async () => {
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(opArb(n), { minLength: 4, maxLength: 30 }))),
      async ([n, ops]) => {
        const session = await registerCompany(t.app);
        await setEntitlements(t.app, op, session, { plan: 'full', billingStatus: 'active' });
        const devices = await Promise.all(Array.from({ length: n }, async () => {
          const db = sqliteExecutor();
          const net = faultyTransport(injectTransport(t.app, () => session.accessToken));
          const engine = new SyncEngine(db, net.transport, { pushBatch: 5, pullLimit: 7 });
          await engine.init();
          return { db, net, engine, made: 0 };
        }));
        try {
          const first = devices[0];
          if (!first) throw new Error('no device');
          const products: string[] = [];
          const locations: string[] = [];
          for (const i of [1, 2]) {
            products.push(String((await first.engine.create('products', {
              tip: 'piesa', cod: `P${i}`, nume: `Piesa ${i}`, um: 'buc', categorie_tva: 'S', cota_tva: '21', pret_vanzare: 1000, activ: 1,
            })).id));
            locations.push(String((await first.engine.create('stock_locations', { nume: `Gestiune ${i}`, activ: 1 })).id));
          }
          for (const d of devices) await d.engine.sync();
          for (const d of devices) await d.engine.sync();

          for (const o of ops) {
            const d = devices[o.device];
            if (!d) continue;
            if (o.kind === 'sync') {
              d.net.setFault(o.fault);
              await d.engine.sync().catch(() => undefined);
              d.net.setFault('none');
              continue;
            }
            const product = products[o.product] ?? '';
            const location = locations[o.location] ?? '';
            const other = locations[1 - o.location] ?? '';
            const base = { product_id: product, data: `2026-11-${String(10 + (o.q % 15)).padStart(2, '0')}`, doc_tip: null, doc_id: null, user_id: null, nota: null };
            const q = fromMilli(BigInt(o.q));
            if (o.tip === 'transfer') {
              const id = newId();
              await d.engine.write([
                { op: 'create', table: 'stock_movements', data: { ...base, id, tip: 'transfer', location_id: location, cantitate: `-${q}`, transfer_id: null } },
                { op: 'create', table: 'stock_movements', data: { ...base, tip: 'transfer', location_id: other, cantitate: q, transfer_id: id } },
              ]);
              d.made += 2;
            } else {
              const signed = o.tip === 'iesire' || (o.tip === 'inventar' && o.q % 2 === 0) ? `-${q}` : q;
              const m = await d.engine.create('stock_movements', { ...base, tip: o.tip, location_id: location, cantitate: signed, transfer_id: null });
              d.made++;
              if (o.cost !== null && !signed.startsWith('-')) {
                await d.engine.create('stock_movement_costs', { movement_id: m.id, cost_unitar: o.cost });
                d.made++;
              }
            }
          }
          for (let round = 0; round < 2; round++) for (const d of devices) await d.engine.sync();

          const tenantId = session.tenant?.id ?? '';
          const server = await t.app.database.db.selectFrom('stock_movements').select(['id', 'tip', 'product_id', 'location_id', 'cantitate', 'data', 'created_at'])
            .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).orderBy('id').execute();
          const costs = await t.app.database.db.selectFrom('stock_movement_costs').select(['movement_id', 'cost_unitar'])
            .where('tenant_id', '=', tenantId).where('deleted_at', 'is', null).execute();
          // Nothing lost: every movement and cost a device made is on the server.
          expect(server.length + costs.length).toBe(devices.reduce((s, d) => s + d.made, 0));
          const expected = stockFromMovements(server);
          for (const d of devices) {
            expect(await d.engine.pendingCount()).toBe(0);
            const local = await d.db.all<{ id: string }>('SELECT id, tip, product_id, location_id, cantitate, data, created_at FROM stock_movements ORDER BY id');
            expect(local).toEqual(server);
            const sums = await d.db.all<{ product_id: string; location_id: string; cantitate_milli: number }>(`${stockSql()} ORDER BY product_id, location_id`);
            expect(sums.map((r) => ({ product_id: r.product_id, location_id: r.location_id, cantitate: milliText(r.cantitate_milli) }))).toEqual(expected);
          }
          const api = await t.app.inject({ method: 'GET', url: '/api/warehouse/stock', headers: bearer(session) });
          const apiLines = api.json<{ stock: { productId: string; locationId: string; cantitate: string }[] }>().stock
            .map((s) => ({ product_id: s.productId, location_id: s.locationId, cantitate: s.cantitate }))
            .sort((a, b) => a.product_id.localeCompare(b.product_id) || a.location_id.localeCompare(b.location_id));
          expect(apiLines).toEqual(expected);
          const costOf = new Map(costs.map((c) => [c.movement_id, c.cost_unitar]));
          const valued: ValuedMovement[] = server.map((m) => ({ ...m, cost_unitar: costOf.get(m.id) ?? null }));
          for (const method of ['cmp', 'fifo'] as const) {
            for (const p of valuate(valued, method).products.values()) expect(p.valueIn - p.valueOut).toBe(p.value);
          }
        } finally {
          for (const d of devices) d.db.close();
        }
      },
    ), { numRuns: Number(process.env.WAREHOUSE_PROPERTY_RUNS ?? 6), seed: 2026_11 });
  });
});
