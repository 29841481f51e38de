import { afterAll, beforeAll, expect } from 'vitest';
import { newId } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { testDevices } from '../../test/devices';
import { bearer, login, setEntitlements } from '../../test/sessions';
import { createTestApp, type TestApp } from '../../test/test-app';

/** The platform's operator of the warehouse's server tests (it sets the companies' plans). */
export const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };

export type PushResult = { id: number; status: string; code?: string; rule?: string };
export type StockRow = { productId: string; locationId: string; cantitate: string; negativ: boolean };

/** A part's `products` row (no tyre fields), as a device writes it. */
export const partRow = (cod: string, patch: Record<string, unknown> = {}) => ({
  tip: 'piesa', cod, nume: `Piesa ${cod}`, um: 'buc', categorie_tva: 'S', cota_tva: '21', pret_vanzare: 1_000, cod_bare: null, anv_dimensiune: null,
  anv_cheie: null, anv_indice_sarcina: null, anv_indice_viteza: null, anv_sezon: null, anv_marca: null, anv_dot: null, stoc_minim: null, activ: 1, ...patch,
});

/**
 * What every warehouse server test sets up, called at the top of its `describe`: a test app (started
 * before the tests, closed after), the operator's session, devices, and the requests the tests make.
 */
export function warehouseTestApp() {
  let t: TestApp | null = null;
  let op: Session | null = null;
  const testApp = (): TestApp => {
    if (!t) throw new Error('the test app starts in beforeAll');
    return t;
  };
  const operator = (): Session => {
    if (!op) throw new Error('the operator signs in in beforeAll');
    return op;
  };
  const { device, closeAll } = testDevices(() => testApp().app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    op = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await t?.close();
  });

  return {
    testApp,
    operator,
    device,
    /** The full plan for the company, with `modules` switched as given. */
    entitle: (s: Session, modules?: Record<string, boolean>) =>
      setEntitlements(testApp().app, operator(), s, { plan: 'full', billingStatus: 'active', limits: { maxUsers: 5 }, ...(modules ? { modules } : {}) }),
    /** A raw push from a device (a new one unless `clientId` is given), its mutations numbered from `first`. */
    push: (s: Session, mutations: object[], clientId = newId(), first = 1) => testApp().app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(s),
      payload: { clientId, schemaVersion: 2, mutations: mutations.map((m, i) => ({ id: i + first, ...m })) },
    }).then((r) => {
      expect(r.statusCode, r.body).toBe(200);
      return r.json<{ results: PushResult[] }>().results;
    }),
    /** A product's stock per location as the server sums it (`GET /api/warehouse/stock`). */
    stock: async (s: Session, productId: string): Promise<StockRow[]> => {
      const res = await testApp().app.inject({ method: 'GET', url: `/api/warehouse/stock?productId=${productId}`, headers: bearer(s) });
      expect(res.statusCode).toBe(200);
      return res.json<{ stock: StockRow[] }>().stock;
    },
  };
}
