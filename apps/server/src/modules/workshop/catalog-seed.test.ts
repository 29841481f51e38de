import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, type PullResponse } from '@roaauto/shared';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, registerCompany } from '../../test/sessions';

describe(`starter catalog of a new company on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => t.close());

  const pullAll = async (accessToken: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${newId()}&cursor=0&limit=5000`, headers: bearer({ accessToken }) });
    expect(res.statusCode).toBe(200);
    return res.json<PullResponse>();
  };

  it('comes with registration and reaches devices by the first pull', async () => {
    const s = await registerCompany(t.app, { seedCatalog: true });
    const page = await pullAll(s.accessToken);
    const count = (table: string) => page.changes.filter((c) => c.table === table).length;
    expect(count('catalog_marci')).toBe(24);
    expect(count('catalog_ansamble')).toBe(11);
    expect(count('catalog_tipuri_deviz')).toBe(6);
    expect(count('catalog_tipuri_motoare')).toBe(5);
    expect(count('catalog_preturi')).toBe(3);
    expect(count('catalog_norme')).toBeGreaterThan(10);
    const makes = page.changes.filter((c) => c.table === 'catalog_marci').map((c) => c.data?.denumire);
    expect(makes).toContain('Dacia');
    expect(page.hasMore).toBe(false);
    // Later changes continue after the seed's version.
    const next = await t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(s),
      payload: { clientId: newId(), schemaVersion: 1, mutations: [{ id: 1, table: 'catalog_marci', op: 'upsert', rowId: newId(), data: { denumire: 'Lada', activ: 1 } }] },
    });
    expect(next.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: `/api/sync/pull?clientId=${newId()}&cursor=${page.cursor}`, headers: bearer(s) });
    expect(after.json<PullResponse>().changes.map((c) => c.data?.denumire)).toEqual(['Lada']);
  });

  it('is left out when the device uploads its own data, and stays within the company', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/api/auth/register',
      payload: { email: `fara-catalog-${Date.now()}@service.ro`, password: 'Garaj-Constanta-7', company: { name: 'Vulcanizare Fără Catalog SRL' }, seedCatalog: false },
    });
    expect(res.statusCode).toBe(201);
    const page = await pullAll(res.json<{ accessToken: string }>().accessToken);
    expect(page.changes).toEqual([]);
  });
});
