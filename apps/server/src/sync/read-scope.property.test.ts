import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SyncEngine, type SqlValue } from '@roaauto/shared';
import type { Session } from '../core/auth/auth.service';
import { injectTransport } from '../test/inject-transport';
import { sqliteExecutor } from '../test/sqlite-executor';
import { createTestApp, type TestApp } from '../test/test-app';
import { testEngine } from '../test/test-db';
import { login } from '../test/sessions';
import { line, newOrder, shopWithMechanics } from '../test/shop';

/** Device 0 is the office (owner); devices 1 and 2 are the phones of the two mechanics. */
type Op =
  | { kind: 'order'; mechanic: number }
  | { kind: 'assign'; pick: number; mechanic: number }
  | { kind: 'line'; pick: number }
  | { kind: 'vehicle'; pick: number; withClient: boolean }
  | { kind: 'edit'; device: 1 | 2; pick: number; seed: number }
  | { kind: 'own-vehicle'; device: 1 | 2; seed: number }
  | { kind: 'sync'; device: 0 | 1 | 2 };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('order' as const), mechanic: fc.nat(3) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('assign' as const), pick: fc.nat(20), mechanic: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('line' as const), pick: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('vehicle' as const), pick: fc.nat(20), withClient: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), device: fc.constantFrom<1 | 2>(1, 2), pick: fc.nat(20), seed: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('own-vehicle' as const), device: fc.constantFrom<1 | 2>(1, 2), seed: fc.nat(1000) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sync' as const), device: fc.constantFrom<0 | 1 | 2>(0, 1, 1, 2, 2) }) },
);

const tables = ['orders', 'order_lines', 'vehicles', 'clients'] as const;
type Row = Record<string, SqlValue> & { id: string };

describe(`reads scoped by role (property-based) on ${testEngine()}`, () => {
  let t: TestApp;
  let admin: Session;
  let shop: Awaited<ReturnType<typeof shopWithMechanics>> | undefined;
  // Across runs, like the shop: vehicles each phone made (they stay its own) and orders ever reassigned.
  const madeBy = new Map<string, number>();
  const reassigned = new Set<string>();
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 100_000, superAdmin } });
    admin = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  it('leaves each device with exactly the rows its user reads, at their latest values', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 15, maxLength: 60 }), async (ops) => {
        // One shop for every run (accepting invitations is rate-limited): each run adds its own rows and
        // devices, and what each device must hold is worked out from all the shop's rows.
        shop ??= await shopWithMechanics(t, admin);
        const { owner, mechanics } = shop;
        const sessions = [owner, ...mechanics];
        const devices = sessions.map((s) => {
          const db = sqliteExecutor();
          return { db, engine: new SyncEngine(db, injectTransport(t.app, () => s.accessToken, { gzip: true }), { pushBatch: 5, pullLimit: 3 }) };
        });
        try {
          for (const d of devices) await d.engine.init();
          const office = devices[0] as (typeof devices)[number];
          // Two mechanics with accounts and one without (an order may also have nobody).
          const mec = [
            ...(await Promise.all(mechanics.map((m, i) => office.engine.create('mecanici', { nume: `Mecanic ${i}`, user_id: m.user.id, activ: 1 })))),
            await office.engine.create('mecanici', { nume: 'Fără cont', activ: 1 }),
          ].map((r) => r.id as string);
          const mechanicOf = (n: number) => (n < mec.length ? mec[n] : null);
          const orders: string[] = [];
          // Orders never reassigned after they were made, and the last note each phone wrote on one.
          const lastNote = new Map<string, { device: number; note: string }>();
          const local = (d: (typeof devices)[number], table: string) => d.db.all<Row>(`SELECT * FROM ${table} ORDER BY id`);

          for (const op of ops) {
            if (op.kind === 'order') {
              orders.push((await office.engine.create('orders', newOrder({ mecanic_id: mechanicOf(op.mechanic) }))).id as string);
            } else if (op.kind === 'assign' || op.kind === 'line' || op.kind === 'vehicle') {
              const order = orders[op.pick % Math.max(orders.length, 1)];
              if (!order) continue;
              if (op.kind === 'assign') {
                await office.engine.update('orders', order, { mecanic_id: mechanicOf(op.mechanic) });
                reassigned.add(order);
              } else if (op.kind === 'line') await office.engine.create('order_lines', line(order, `Lucrare ${op.pick}`));
              else {
                const client = op.withClient ? (await office.engine.create('clients', { tip: 'pf', nume: `Client ${op.pick}` })).id : null;
                const vehicle = await office.engine.create('vehicles', { nr_inmatriculare: `CT ${op.pick} VEH`, client_id: client });
                await office.engine.update('orders', order, { vehicle_id: vehicle.id });
              }
            } else if (op.kind === 'edit') {
              // A mechanic edits an order they have; it may have left them before they sync.
              const d = devices[op.device] as (typeof devices)[number];
              const mine = await local(d, 'orders');
              const order = mine[op.seed % Math.max(mine.length, 1)];
              if (order) {
                await d.engine.update('orders', order.id, { observatii: `Notă ${op.seed}` });
                lastNote.set(order.id, { device: op.device, note: `Notă ${op.seed}` });
              }
            } else if (op.kind === 'own-vehicle') {
              const made = await (devices[op.device] as (typeof devices)[number]).engine.create('vehicles', { nr_inmatriculare: `IS ${op.seed} MEC` });
              madeBy.set(made.id as string, op.device);
            } else {
              await (devices[op.device] as (typeof devices)[number]).engine.sync();
            }
          }
          // Everyone back online: the office, then the phones, twice.
          for (let round = 0; round < 2; round++) for (const d of devices) await d.engine.sync();

          // What each user reads, worked out here from the server's rows (not from sync_scope).
          const tenantId = owner.tenant?.id ?? '';
          const server: Record<string, Row[]> = {};
          for (const tb of [...tables, 'mecanici'] as const) {
            const rows = await t.app.database.db.selectFrom(tb).selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
            server[tb] = rows.map((r) => r as unknown as Row);
          }
          const clean = (r: Row) => {
            const { tenant_id, deleted_at, version, last_client_id, _version, _search, ...rest } = r;
            return rest;
          };
          const live = (tb: string) => (server[tb] ?? []).filter((r) => !r.deleted_at);
          for (const [i, m] of mechanics.entries()) {
            const d = devices[i + 1] as (typeof devices)[number];
            expect(await d.engine.pendingCount()).toBe(0);
            const myMec = new Set(live('mecanici').filter((r) => r.user_id === m.user.id).map((r) => r.id));
            const myOrders = live('orders').filter((r) => myMec.has(String(r.mecanic_id)));
            const orderIds = new Set(myOrders.map((r) => r.id));
            const vehicleIds = new Set(myOrders.map((r) => r.vehicle_id));
            // Vehicles the phone made itself stay on it.
            const mine = new Set([...madeBy].filter(([, by]) => by === i + 1).map(([id]) => id));
            const myVehicles = live('vehicles').filter((r) => vehicleIds.has(r.id) || mine.has(r.id));
            const clientIds = new Set(myVehicles.map((r) => r.client_id));
            const expected: Record<string, Row[]> = {
              orders: myOrders,
              order_lines: live('order_lines').filter((r) => orderIds.has(String(r.order_id))),
              vehicles: myVehicles,
              clients: live('clients').filter((r) => clientIds.has(r.id)),
            };
            for (const tb of tables) {
              expect((await local(d, tb)).map(clean), `${tb} of mechanic ${i}`).toEqual((expected[tb] ?? []).map(clean));
            }
            expect(await local(d, 'invoices')).toEqual([]);
          }
          // A phone's edits to an order that stayed its own all along are never lost.
          for (const [order, { note }] of lastNote) {
            if (!reassigned.has(order)) expect(live('orders').find((r) => r.id === order)?.observatii).toBe(note);
          }
          // The office reads everything.
          for (const tb of tables) expect((await local(office, tb)).map(clean)).toEqual(live(tb).map(clean));
        } finally {
          for (const d of devices) d.db.close();
        }
      }),
      { numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 8), seed: 20261206 },
    );
  });
});
