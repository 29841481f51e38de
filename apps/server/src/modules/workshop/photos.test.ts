import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxPhotoBytes, newId } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { diskStorage, type BlobStorage } from '../../core/storage';
import { withTenant } from '../../core/tenancy/tenant-scope';
import { testDevices } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login, registerCompany } from '../../test/sessions';
import { newOrder, shopWithMechanics } from '../../test/shop';
import { photoSweepJob } from '../../core/photos/photo-routes';
import { orderPhotoFile, orderPhotoKind, orderPhotos, photoKey, readOrderPhoto, sweepDeletedPhotos } from './photos';
import { receptionForOrder } from './reception';

/** Bytes that start like a JPEG (the server checks the first bytes, it does not decode the image). */
const jpeg = (size = 600) => {
  const b = Buffer.alloc(size, 7);
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};
const webp = (size = 600) => {
  const b = Buffer.alloc(size, 3);
  b.write('RIFF', 0, 'latin1');
  b.write('WEBP', 8, 'latin1');
  return b;
};
const png = (size = 600) => {
  const b = Buffer.alloc(size, 1);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
};
const photoRow = (orderId: string, patch: Record<string, unknown> = {}) => ({
  order_id: orderId, content_type: 'image/jpeg', width: 1600, height: 1200, bytes: 600, uploaded: 0, caption: 'Plăcuțe de frână uzate', ...patch,
});

describe(`order photos on ${testEngine()}`, () => {
  let t: TestApp;
  let admin: Session;
  let dir: string;
  let store: BlobStorage;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'roaauto-photos-'));
    store = diskStorage(dir);
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin }, storage: { store } });
    admin = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => {
    closeAll();
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const put = (s: Session, id: string, body: Buffer, type = 'image/jpeg') =>
    t.app.inject({ method: 'PUT', url: `/api/workshop/photos/${id}`, headers: { ...bearer(s), 'content-type': type }, payload: body });
  const get = (s: Session, id: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'GET', url: `/api/workshop/photos/${id}`, headers: { ...bearer(s), ...headers } });

  it('takes a photo\'s file once its row has synced, tells every device, serves it to the company and refuses the rest', async () => {
    const { owner, mechanics: [ana, bogdan] } = await shopWithMechanics(t, admin);
    if (!ana || !bogdan) throw new Error('two mechanics');
    const office = await device(owner);
    const mAna = await office.engine.create('mecanici', { nume: 'Ana', user_id: ana.user.id, activ: 1 });
    const order = await office.engine.create('orders', newOrder({ mecanic_id: mAna.id }));
    const photo = await office.engine.create('order_photos', photoRow(String(order.id)));
    const body = jpeg();

    // Before the row reaches the server there is nothing to attach the file to.
    expect((await put(owner, String(photo.id), body)).json()).toMatchObject({ error: { code: 'not_found' } });
    await office.engine.sync();

    // Wrong type: the header, the first bytes, or a type the row does not name.
    expect((await put(owner, String(photo.id), png(), 'image/jpeg')).statusCode).toBe(415);
    expect((await put(owner, String(photo.id), webp(), 'image/webp')).statusCode).toBe(415);
    expect((await put(owner, String(photo.id), body, 'text/plain')).statusCode).toBe(415);
    // A file of another length than the row says (a cut upload) is refused.
    expect((await put(owner, String(photo.id), jpeg(599))).statusCode).toBe(400);
    // Too big: refused before it is read whole.
    expect((await put(owner, String(photo.id), jpeg(maxPhotoBytes + 1))).statusCode).toBe(413);
    // Another company does not see the row at all.
    const stranger = await registerCompany(t.app);
    expect((await put(stranger, String(photo.id), body)).statusCode).toBe(404);
    expect((await get(stranger, String(photo.id))).statusCode).toBe(404);
    // A mechanic who is not on the order can neither upload nor read it.
    expect((await put(bogdan, String(photo.id), body)).statusCode).toBe(404);
    expect((await get(owner, String(photo.id))).statusCode).toBe(404);

    const first = await put(owner, String(photo.id), body);
    expect(first.statusCode).toBe(200);
    const { etag } = first.json<{ uploaded: boolean; etag: string }>();
    // Repeating the upload is harmless: same answer, no new change for the devices.
    const cursorAfterFirst = (await office.engine.sync(), await office.rows('order_photos'))[0];
    expect(cursorAfterFirst).toMatchObject({ id: photo.id, uploaded: 1 });
    const again = await put(owner, String(photo.id), body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ uploaded: true, etag });

    // The served flag reaches another device, and the assigned mechanic's phone.
    const phone = await device(ana);
    await phone.engine.sync();
    expect(await phone.rows('order_photos')).toEqual([expect.objectContaining({ id: photo.id, uploaded: 1 })]);

    const served = await get(owner, String(photo.id));
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers.etag).toBe(`"${etag}"`);
    expect(served.headers['cache-control']).toContain('private');
    expect(served.rawPayload.equals(body)).toBe(true);
    expect((await get(owner, String(photo.id), { 'if-none-match': `"${etag}"` })).statusCode).toBe(304);
    expect((await get(ana, String(photo.id))).statusCode).toBe(200);
    expect((await get(bogdan, String(photo.id))).statusCode).toBe(404);

    // The portal's functions: the uploaded photos of the order, and the file.
    const tenantId = owner.tenant?.id ?? '';
    const listed = await withTenant(t.app.database, tenantId, (tx) => orderPhotos(tx, String(order.id)));
    expect(listed).toEqual([expect.objectContaining({ id: photo.id, caption: 'Plăcuțe de frână uzate', contentType: 'image/jpeg', width: 1600, lineId: null })]);
    const other = await withTenant(t.app.database, stranger.tenant?.id ?? '', (tx) => orderPhotos(tx, String(order.id)));
    expect(other).toEqual([]);
    const file = await readOrderPhoto(store, tenantId, String(photo.id));
    const chunks: Buffer[] = [];
    for await (const c of file?.stream ?? []) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(body)).toBe(true);
    expect(await readOrderPhoto(store, stranger.tenant?.id ?? '', String(photo.id))).toBeNull();
    // Through an order: only that order's photos, in its own company.
    const viaOrder = await withTenant(t.app.database, tenantId, (tx) => orderPhotoFile(tx, store, String(order.id), String(photo.id)));
    expect(viaOrder?.info.etag).toBe(etag);
    viaOrder?.stream.destroy();
    const otherOrder = await office.engine.create('orders', newOrder());
    await office.engine.sync();
    expect(await withTenant(t.app.database, tenantId, (tx) => orderPhotoFile(tx, store, String(otherOrder.id), String(photo.id)))).toBeNull();
    expect(await withTenant(t.app.database, stranger.tenant?.id ?? '', (tx) => orderPhotoFile(tx, store, String(order.id), String(photo.id)))).toBeNull();

    // A deleted photo is not served any more, and the sweep removes its file once.
    await office.engine.delete('order_photos', String(photo.id));
    await office.engine.sync();
    expect((await get(owner, String(photo.id))).statusCode).toBe(404);
    expect(await withTenant(t.app.database, tenantId, (tx) => orderPhotos(tx, String(order.id)))).toEqual([]);
    expect(await store.stat(tenantId, photoKey(String(photo.id)))).not.toBeNull();
    // The hourly sweep is a schedule on the job system: a run of it (as a slot's row would be) removes the file.
    const run = await t.app.jobs.enqueue(photoSweepJob(orderPhotoKind), { slot: 'test' });
    for (let i = 0; i < 100; i += 1) {
      await t.app.jobs.runDue();
      const job = await t.app.database.db.selectFrom('jobs').select('state').where('id', '=', run.id).executeTakeFirstOrThrow();
      if (job.state === 'done') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await t.app.database.db.selectFrom('jobs').select('state').where('id', '=', run.id).executeTakeFirstOrThrow()).toEqual({ state: 'done' });
    expect(await store.stat(tenantId, photoKey(String(photo.id)))).toBeNull();
    expect(await sweepDeletedPhotos(t.app.database, store)).toBe(0);
    // An upload that arrives after the delete stores nothing.
    expect((await put(owner, String(photo.id), body)).statusCode).toBe(404);
    expect(await store.stat(tenantId, photoKey(String(photo.id)))).toBeNull();
  });

  it('refuses a device that marks a photo uploaded itself, and a photo of a reception without its side', async () => {
    const owner = await registerCompany(t.app);
    const office = await device(owner);
    const order = await office.engine.create('orders', newOrder());
    await expect(office.engine.create('order_photos', photoRow(String(order.id), { uploaded: 1 }))).rejects.toMatchObject({ details: { rule: 'photo.uploaded_by_server' } });
    const reception = await office.engine.create('vehicle_receptions', { order_id: order.id, damage_marks: '[]' });
    await expect(office.engine.create('order_photos', photoRow(String(order.id), { reception_id: reception.id }))).rejects.toMatchObject({ details: { rule: 'photo.reception_side' } });
    await office.engine.sync();
    // The server holds the same rule against a push that skips the device's check.
    const raw = await t.app.inject({
      method: 'POST', url: '/api/sync/push', headers: bearer(owner),
      payload: { clientId: newId(), schemaVersion: 2, mutations: [{ id: 1, table: 'order_photos', op: 'upsert', rowId: newId(), data: photoRow(String(order.id), { uploaded: 1 }) }] },
    });
    expect(raw.json<{ results: unknown[] }>().results).toEqual([expect.objectContaining({ status: 'rejected', rule: 'photo.uploaded_by_server' })]);
  });

  it('prints the reception sheet for those who read the order, and gives it to the portal', async () => {
    const { owner, mechanics: [ana] } = await shopWithMechanics(t, admin, 1);
    if (!ana) throw new Error('a mechanic');
    const office = await device(owner);
    const order = await office.engine.create('orders', newOrder());
    expect((await t.app.inject({ method: 'GET', url: `/api/orders/${String(order.id)}/pdf/receptie`, headers: bearer(owner) })).statusCode).toBe(404);
    await office.engine.create('vehicle_receptions', {
      order_id: order.id, intake_km: 123_456, intake_fuel: 3, damage_marks: JSON.stringify([{ view: 'left', x: 0.4, y: 0.5, kind: 'dent', note: 'Ușa șoferului' }]),
      customer_requests: 'Verificați frânele', intake_signature: 'M10 10L20 20L30 15', intake_signed_by: 'Ion Ionescu', intake_signed_at: '2026-11-23T09:30:00.000Z',
    });
    await office.engine.sync();
    const pdf = await t.app.inject({ method: 'GET', url: `/api/orders/${String(order.id)}/pdf/receptie`, headers: bearer(owner) });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A mechanic not on the order gets nothing.
    expect((await t.app.inject({ method: 'GET', url: `/api/orders/${String(order.id)}/pdf/receptie`, headers: bearer(ana) })).statusCode).toBe(404);

    const sheet = await withTenant(t.app.database, owner.tenant?.id ?? '', (tx) => receptionForOrder(tx, String(order.id)));
    expect(sheet?.doc).toMatchObject({
      intake: { km: 123_456, fuel: 3, requests: 'Verificați frânele', signedBy: 'Ion Ionescu', marks: [{ view: 'left', kind: 'dent', note: 'Ușa șoferului' }] },
      handback: { km: null, signature: null },
    });
  });
});
