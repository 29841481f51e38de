import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8, unzipSync, strFromU8 } from 'fflate';
import { accountantPackageMaxBytes as maxPackageBytes, newId } from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { readOutbox } from '../../core/mail';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, login } from '../../test/sessions';
import { shopWithMechanics } from '../../test/shop';

const url = '/api/reports/accountant/email';

describe(`the accountant's package sent by e-mail on ${testEngine()}`, () => {
  let t: TestApp;
  let admin: Session;
  const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000, superAdmin } });
    admin = await login(t.app, superAdmin.email, superAdmin.password);
  });
  afterAll(async () => t.close());

  const send = (session: Session | null, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url, headers: session ? bearer(session) : {}, payload });
  const entitle = async (s: Session, modules: Record<string, boolean>) => {
    const res = await t.app.inject({ method: 'PATCH', url: `/api/admin/tenants/${s.tenant?.id}/entitlements`, headers: bearer(admin), payload: { plan: 'pro', billingStatus: 'active', modules } });
    expect(res.statusCode).toBe(200);
  };
  const zip = zipSync({ 'saga/I_30-11-2026.xml': strToU8('<Incasari/>'), 'pdf/ROA12.pdf': strToU8('%PDF-1.7') });
  const body = (to: string, patch: Record<string, unknown> = {}) => ({
    to, subject: 'Documentele lunii noiembrie 2026', text: 'Bună ziua,\natașat documentele lunii.', month: '2026-11', zip: Buffer.from(zip).toString('base64'), ...patch,
  });

  it('sends the ZIP to the accountant as an attachment through the mail provider', async () => {
    const { owner } = await shopWithMechanics(t, admin, 1);
    await entitle(owner, { reports: true });
    const to = `contabil-${newId()}@exemplu.ro`;
    const res = await send(owner, body(to));
    expect(res.statusCode).toBe(200);
    expect(res.json<{ to: string; bytes: number }>()).toMatchObject({ to, bytes: zip.length });
    const [message, ...more] = await readOutbox(t.app.database.db, to);
    expect(more).toEqual([]);
    expect(message).toMatchObject({ to, subject: body(to).subject, text: body(to).text });
    const [attachment] = message?.attachments ?? [];
    expect(attachment).toMatchObject({ contentType: 'application/zip', filename: 'contabilitate-2026-11.zip', size: zip.length });
    const entries = unzipSync(new Uint8Array(Buffer.from(attachment?.content ?? '', 'base64')));
    expect(Object.keys(entries).sort()).toEqual(['pdf/ROA12.pdf', 'saga/I_30-11-2026.xml']);
    expect(strFromU8(entries['saga/I_30-11-2026.xml'] ?? new Uint8Array())).toBe('<Incasari/>');
  });

  it('answers 402 while the company has no reports module, 403 to a mechanic, 401 without a session', async () => {
    const { owner, mechanics: [mechanic] } = await shopWithMechanics(t, admin, 1);
    if (!mechanic) throw new Error('a mechanic');
    const to = `contabil-${newId()}@exemplu.ro`;
    await entitle(owner, { reports: false });
    expect((await send(owner, body(to))).statusCode).toBe(402);
    await entitle(owner, { reports: true });
    expect((await send(mechanic, body(to))).statusCode).toBe(403);
    expect((await send(null, body(to))).statusCode).toBe(401);
    expect(await readOutbox(t.app.database.db, to)).toEqual([]);
  });

  it('refuses what is not a ZIP, a bad month or address, and a package over the limit', async () => {
    const { owner } = await shopWithMechanics(t, admin, 1);
    await entitle(owner, { reports: true });
    const to = `contabil-${newId()}@exemplu.ro`;
    expect((await send(owner, body(to, { zip: Buffer.from('not a zip file').toString('base64') }))).statusCode).toBe(400);
    expect((await send(owner, body(to, { month: '2026-13' }))).statusCode).toBe(400);
    expect((await send(owner, body('nu-e-adresa'))).statusCode).toBe(400);
    expect((await send(owner, body(to, { extra: 1 }))).statusCode).toBe(400);
    const big = Buffer.alloc(maxPackageBytes + 3, 0x41);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    expect([400, 413]).toContain((await send(owner, body(to, { zip: big.toString('base64') }))).statusCode);
    expect(await readOutbox(t.app.database.db, to)).toEqual([]);
  });
});
