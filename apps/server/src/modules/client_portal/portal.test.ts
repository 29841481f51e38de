import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitlementsForPlan, lineTotal, newId, type LineAmounts } from '@roaauto/shared';
import { entitlementsToRow } from '../../core/tenancy/entitlements.repository';
import { testDevices, type TestDevice } from '../../test/devices';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { registerCompany } from '../../test/sessions';
import type { PortalView } from './portal.service';

const token = () => randomBytes(32).toString('base64url');
const hash = (t: string) => createHash('sha256').update(t).digest('hex');
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

let ipCounter = 0;
/** Each test speaks from its own address: the public routes are rate-limited per IP. */
const nextIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250 + 1}`;

describe(`client portal on ${testEngine()}`, () => {
  let t: TestApp;
  const { device, closeAll } = testDevices(() => t.app);
  beforeAll(async () => {
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 } });
  });
  afterAll(async () => {
    closeAll();
    await t.close();
  });

  const labour = (orderId: string, descriere: string, ore: string, rate: number, ordine = 0) => {
    const amounts: LineAmounts = { tip: 'manopera', ore, pret_ora: rate, cantitate: null, pret_unitar: null };
    return { id: newId(), order_id: orderId, descriere, ordine, total: lineTotal(amounts), ...amounts };
  };
  const material = (orderId: string, descriere: string, qty: string, price: number, ordine = 0) => {
    const amounts: LineAmounts = { tip: 'material', ore: null, pret_ora: null, cantitate: qty, pret_unitar: price };
    return { id: newId(), order_id: orderId, descriere, um: 'buc', ordine, total: lineTotal(amounts), ...amounts };
  };

  /** A company with an order of two lines (labour 2 h × 150 lei, a part at 400 lei) and a link to it. */
  async function shop(opts: { expires?: string } = {}) {
    const s = await registerCompany(t.app);
    const d = await device(s);
    const orderId = newId();
    const lines = [labour(orderId, 'Schimb plăcuțe frână', '2', 15_000), material(orderId, 'Plăcuțe frână față', '1', 40_000)];
    const plain = token();
    const linkId = newId();
    await d.engine.write([
      { op: 'create', table: 'orders', data: { id: orderId, data_comanda: '2026-11-23', status: 'DRAFT', nr_auto: 'CT 10 ABC', client_nume: 'Ion Ionescu', marca_denumire: 'Dacia', model_denumire: 'Logan', total_manopera: 30_000, total_materiale: 40_000, total_general: 70_000 } },
      ...lines.map((data) => ({ op: 'create' as const, table: 'order_lines', data })),
      { op: 'create', table: 'portal_links', data: { id: linkId, order_id: orderId, token_hash: hash(plain), expira_la: opts.expires ?? inDays(30), revocat_la: null } },
    ]);
    await d.engine.sync();
    expect(await d.engine.rejections()).toEqual([]);
    return { s, d, orderId, lines, token: plain, linkId };
  }

  const get = (url: string, ip = nextIp()) => t.app.inject({ method: 'GET', url, remoteAddress: ip, headers: { accept: 'text/html' } });
  const view = async (tk: string) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/portal/${tk}`, remoteAddress: nextIp() });
    expect(r.statusCode).toBe(200);
    return r.json<PortalView>();
  };
  const decide = (tk: string, fields: Record<string, string>, ip = nextIp()) => t.app.inject({
    method: 'POST', url: `/p/${tk}`, remoteAddress: ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' }, payload: new URLSearchParams(fields).toString(),
  });

  it('shows the order to whoever has the link: small, not indexed, under a strict policy, without cookies', async () => {
    const { token: tk } = await shop();
    const r = await get(`/p/${tk}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('Schimb plăcuțe frână');
    expect(r.body).toContain('Plăcuțe frână față');
    expect(r.body).toContain('CT 10 ABC');
    expect(r.body).toContain('<meta name="robots" content="noindex,nofollow">');
    expect(r.headers['x-robots-tag']).toBe('noindex, nofollow');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'nonce-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(Buffer.byteLength(r.body)).toBeLessThan(50 * 1024);
    // No script at all: the form works as plain HTML.
    expect(r.body).not.toContain('<script');

    const v = await view(tk);
    expect(v.lines.map((l) => [l.descriere, l.total, l.decizie])).toEqual([['Schimb plăcuțe frână', 30_000, null], ['Plăcuțe frână față', 40_000, null]]);
    expect(v.totals).toMatchObject({ manopera: 30_000, materiale: 40_000, baza: 70_000 });
    expect(v.canDecide).toBe(true);
    expect(v.version).toMatch(/^[0-9a-f]{64}$/);

    const pdf = await t.app.inject({ method: 'GET', url: `/p/${tk}/deviz.pdf`, remoteAddress: nextIp() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('answers the same 404 for a guessed, malformed, revoked or expired token, another company\'s order and a company without the module', async () => {
    const a = await shop();
    const expired = await shop({ expires: inDays(-1) });
    const off = await shop();
    const revoked = await shop();
    await revoked.d.engine.update('portal_links', revoked.linkId, { revocat_la: new Date().toISOString() });
    await revoked.d.engine.sync();
    expect(await revoked.d.engine.rejections()).toEqual([]);
    // The company of `off` goes to the Free plan: no client portal.
    await t.app.database.db.updateTable('tenants').set(entitlementsToRow(entitlementsForPlan('free', 'active', new Date()))).where('id', '=', off.s.tenant?.id ?? '').execute();
    // Another company cannot make a link to this company's order: its push is refused, the token opens nothing.
    const other = await registerCompany(t.app);
    const od = await device(other);
    const stolen = token();
    await od.engine.create('portal_links', { order_id: a.orderId, token_hash: hash(stolen), expira_la: inDays(30), revocat_la: null }).catch(() => null);
    await od.engine.sync();

    const tokens = [token(), 'abc', `${a.token.slice(0, -2)}xx`, revoked.token, expired.token, off.token, stolen, hash(a.token)];
    const answers = await Promise.all(tokens.map((tk) => get(`/p/${encodeURIComponent(tk)}`)));
    const base = answers[0]?.body.replace(/nonce-[^"']+|nonce="[^"]+"/g, '');
    for (const r of answers) {
      expect(r.statusCode).toBe(404);
      expect(r.body.replace(/nonce-[^"']+|nonce="[^"]+"/g, '')).toBe(base);
      expect(r.headers['x-robots-tag']).toBe('noindex, nofollow');
    }
    for (const tk of [revoked.token, expired.token, off.token, stolen]) {
      expect((await t.app.inject({ method: 'GET', url: `/api/portal/${tk}`, remoteAddress: nextIp() })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: `/p/${tk}/deviz.pdf`, remoteAddress: nextIp() })).statusCode).toBe(404);
      expect((await decide(tk, { versiune: '0'.repeat(64), nume: 'Ion' })).statusCode).toBe(404);
    }
    // Asked for without HTML (an API caller), the same 404 is the API's error body.
    const plain = await t.app.inject({ method: 'GET', url: `/p/${revoked.token}`, remoteAddress: nextIp() });
    expect(plain.statusCode).toBe(404);
    expect(plain.json()).toMatchObject({ error: { code: 'not_found' } });
    // The valid one still opens.
    expect((await get(`/p/${a.token}`)).statusCode).toBe(200);
  });

  it('records the decision, marks the lines, takes the declined line out of the totals and brings it all to the shop\'s devices', async () => {
    const { s, d, orderId, lines, token: tk } = await shop();
    const other = await device(s);
    await other.engine.sync();
    const [work, part] = lines;
    const v = await view(tk);
    const r = await decide(tk, { versiune: v.version, nume: 'Ion Ionescu', [`l_${work?.id}`]: 'aprobat', [`l_${part?.id}`]: 'respins' });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe(`/p/${tk}?decizie=ok`);
    const after = await view(tk);
    expect(after.lines.map((l) => l.decizie)).toEqual(['aprobat', 'respins']);
    expect(after.totals).toMatchObject({ manopera: 30_000, materiale: 0, baza: 30_000 });
    expect(after.canDecide).toBe(false);
    expect(after.decision).toMatchObject({ name: 'Ion Ionescu', current: true, approved: 1, declined: 1 });
    const page = await get(`/p/${tk}?decizie=ok`);
    expect(page.body).toContain('Decizia dumneavoastră a fost înregistrată');

    // Both devices get it by sync: the marks, the totals and the decision with its time and IP.
    for (const dev of [d, other] as TestDevice[]) {
      await dev.engine.sync();
      const marks = await dev.rows<{ id: string; decizie_client: string | null }>('order_lines', 'order_id = ?', [orderId]);
      expect(new Map(marks.map((l) => [l.id, l.decizie_client]))).toEqual(new Map([[work?.id, 'aprobat'], [part?.id, 'respins']]));
      const [order] = await dev.rows<{ total_general: number; total_materiale: number }>('orders', 'id = ?', [orderId]);
      expect(order).toMatchObject({ total_general: 30_000, total_materiale: 0 });
      const decisions = await dev.rows<{ nume_client: string; ip: string | null; decis_la: string; aprobate: number; respinse: number }>('portal_decisions');
      expect(decisions).toHaveLength(1);
      expect(decisions[0]).toMatchObject({ nume_client: 'Ion Ionescu', aprobate: 1, respinse: 1 });
      expect(decisions[0]?.ip).toMatch(/^10\.0\./);
    }
    // A device cannot write a decision or a line's mark itself.
    await expect(d.engine.update('order_lines', String(part?.id), { decizie_client: 'aprobat' })).rejects.toThrow();
    await expect(d.engine.create('portal_decisions', { order_id: orderId, link_id: newId(), versiune: v.version, nume_client: 'X', decis_la: new Date().toISOString(), aprobate: 2, respinse: 0, linii: '[]' })).rejects.toThrow();
  });

  it('stores one decision for a double submit and refuses a different second one for the same version', async () => {
    const { d, lines, token: tk } = await shop();
    const [work, part] = lines;
    const v = await view(tk);
    const fields = { versiune: v.version, nume: 'Maria Pop', [`l_${work?.id}`]: 'aprobat', [`l_${part?.id}`]: 'respins' };
    const both = await Promise.all([decide(tk, fields), decide(tk, fields)]);
    expect(both.map((r) => r.statusCode)).toEqual([303, 303]);
    expect((await decide(tk, fields)).statusCode).toBe(303);
    await d.engine.sync();
    expect(await d.rows('portal_decisions')).toHaveLength(1);

    const changed = await decide(tk, { ...fields, [`l_${part?.id}`]: 'aprobat' });
    expect(changed.statusCode).toBe(409);
    expect(changed.body).toContain('Decizia a fost deja înregistrată');
    expect((await view(tk)).lines.map((l) => l.decizie)).toEqual(['aprobat', 'respins']);
  });

  it('refuses a decision without a name or with a line left unanswered, and one posted on an older version', async () => {
    const { lines, token: tk } = await shop();
    const [work, part] = lines;
    const v = await view(tk);
    expect((await decide(tk, { versiune: v.version, nume: '', [`l_${work?.id}`]: 'aprobat', [`l_${part?.id}`]: 'aprobat' })).statusCode).toBe(400);
    expect((await decide(tk, { versiune: v.version, nume: 'Ion', [`l_${work?.id}`]: 'aprobat' })).statusCode).toBe(400);
    expect((await decide(tk, { versiune: 'f'.repeat(64), nume: 'Ion', [`l_${work?.id}`]: 'aprobat', [`l_${part?.id}`]: 'aprobat' })).statusCode).toBe(409);
    // Too big a form is refused before it is read.
    expect((await decide(tk, { versiune: v.version, nume: 'x'.repeat(20_000) })).statusCode).toBe(413);
    // "Approve all" decides every line.
    const all = await decide(tk, { versiune: v.version, nume: 'Ion', toate: 'aprobat' });
    expect(all.statusCode).toBe(303);
    expect((await view(tk)).lines.map((l) => l.decizie)).toEqual(['aprobat', 'aprobat']);
  });

  it('makes a new version when the shop changes the estimate: the changed line is undecided again and the page says what changed', async () => {
    const { d, orderId, lines, token: tk } = await shop();
    const [work, part] = lines;
    const v1 = await view(tk);
    expect((await decide(tk, { versiune: v1.version, nume: 'Ion', [`l_${work?.id}`]: 'respins', [`l_${part?.id}`]: 'aprobat' })).statusCode).toBe(303);
    await d.engine.sync();
    // The shop changes the part's price and adds a line.
    const added = material(orderId, 'Lichid de frână', '1', 5_000, 1);
    const newPart = { cantitate: '1', pret_unitar: 35_000, total: 35_000 };
    await d.engine.write([
      { op: 'update', table: 'order_lines', id: String(part?.id), patch: newPart },
      { op: 'create', table: 'order_lines', data: added },
      { op: 'update', table: 'orders', id: orderId, patch: { total_manopera: 0, total_materiale: 40_000, total_general: 40_000 } },
    ]);
    await d.engine.sync();
    expect(await d.engine.rejections()).toEqual([]);
    const v2 = await view(tk);
    expect(v2.version).not.toBe(v1.version);
    expect(v2.canDecide).toBe(true);
    expect(v2.decision).toMatchObject({ current: false });
    expect(v2.changes).toEqual({ added: ['Lichid de frână'], removed: [], changed: ['Plăcuțe frână față'] });
    // The declined labour keeps its mark; the changed part is undecided again and counts.
    expect(v2.lines.map((l) => [l.descriere, l.decizie])).toEqual([['Schimb plăcuțe frână', 'respins'], ['Plăcuțe frână față', null], ['Lichid de frână', null]]);
    expect(v2.totals).toMatchObject({ manopera: 0, materiale: 40_000 });
    const [order] = await d.rows<{ total_general: number }>('orders', 'id = ?', [orderId]);
    expect(order?.total_general).toBe(40_000);
    const page = await get(`/p/${tk}`);
    expect(page.body).toContain('Devizul s-a modificat');
    // The old version's form is refused; the new one is decided.
    expect((await decide(tk, { versiune: v1.version, nume: 'Ion', [`l_${work?.id}`]: 'aprobat', [`l_${part?.id}`]: 'aprobat' })).statusCode).toBe(409);
    expect((await decide(tk, { versiune: v2.version, nume: 'Ion', [`l_${work?.id}`]: 'aprobat', [`l_${part?.id}`]: 'aprobat', [`l_${added.id}`]: 'respins' })).statusCode).toBe(303);
    await d.engine.sync();
    expect(await d.rows('portal_decisions')).toHaveLength(2);
  });

  it('limits how often one address may post decisions', async () => {
    const { token: tk } = await shop();
    const ip = nextIp();
    const codes: number[] = [];
    for (let i = 0; i < 11; i += 1) codes.push((await decide(tk, { versiune: '0'.repeat(64), nume: '' }, ip)).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true);
    expect(codes[10]).toBe(429);
  });
});
