import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError, newId } from '@roaauto/shared';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { registerCompany } from '../../test/sessions';

describe(`vehicles' due dates and order types' service intervals, through sync, on ${testEngine()}`, () => {
  let t: TestApp;
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });

  it('carries the dates, the km and the reminded marks to the other devices, merging changes of different fields', async () => {
    const s = await registerCompany(t.app);
    const office = await device(s);
    const phone = await device(s);
    const typeId = newId();
    const carId = newId();
    await office.engine.write([
      { op: 'create', table: 'catalog_tipuri_deviz', data: { id: typeId, denumire: 'Revizie', activ: 1, interval_luni: 12, interval_km: 15000 } },
      { op: 'create', table: 'vehicles', data: { id: carId, nr_inmatriculare: 'CJ 01 ABC', itp_expira: '2026-12-10', rca_expira: '2026-12-20', revizie_km: 150000 } },
    ]);
    await office.engine.sync();
    await phone.engine.sync();
    expect(await phone.rows('catalog_tipuri_deviz', 'id = ?', [typeId])).toEqual([expect.objectContaining({ interval_luni: 12, interval_km: 15000 })]);

    // The phone marks the ITP reminded while the office types the new RCA: both stay.
    await phone.engine.update('vehicles', carId, { itp_anuntat: '2026-12-10' });
    await office.engine.update('vehicles', carId, { rca_expira: '2027-12-20' });
    await phone.engine.sync();
    await office.engine.sync();
    await phone.engine.sync();
    for (const d of [office, phone]) {
      expect(await d.rows('vehicles', 'id = ?', [carId])).toEqual([expect.objectContaining({
        itp_expira: '2026-12-10', itp_anuntat: '2026-12-10', rca_expira: '2027-12-20', rca_anuntat: null, revizie_km: 150000, revizie_data: null,
      })]);
    }
  });

  it('refuses a date that is not one, negative km and an interval out of bounds', async () => {
    const s = await registerCompany(t.app);
    const d = await device(s);
    for (const [table, data] of [
      ['vehicles', { nr_inmatriculare: 'B 1 AAA', itp_expira: '2026-13-01' }],
      ['vehicles', { nr_inmatriculare: 'B 1 AAA', revizie_km: -1 }],
      ['catalog_tipuri_deviz', { denumire: 'Ulei', activ: 1, interval_luni: 0 }],
      ['catalog_tipuri_deviz', { denumire: 'Ulei', activ: 1, interval_km: 2_000_000 }],
    ] as const) {
      const err: unknown = await d.engine.create(table, data).catch((e: unknown) => e);
      expect(err, JSON.stringify(data)).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('validation_failed');
    }
    expect(await d.engine.pendingCount()).toBe(0);
  });
});
