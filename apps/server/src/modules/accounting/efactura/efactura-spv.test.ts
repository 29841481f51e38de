import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeReport, officialReports } from '@roaauto/shared/efactura/official-validation';
import { defaultVat, issueOps, sellerFromProfile, type CompanyProfile, type InvoiceLine, type InvoiceSeries, type Party } from '@roaauto/shared';
import { buildApp } from '../../../app';
import type { Session } from '../../../core/auth/auth.service';
import { diskStorage } from '../../../core/storage';
import { testDevices } from '../../../test/devices';
import { bearer, registerCompany } from '../../../test/sessions';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { testEngine } from '../../../test/test-db';
import type { EfacturaConfig } from '../../../config';
import { AnafEfacturaHttp, type EfacturaApi } from './anaf-api';
import { EfacturaConnections } from './connection';
import { fakeAnaf } from './fake-anaf.test-helper';
import { Sealer } from './sealed';
import { EfacturaWorker, efacturaWorkerJob, zipFiles } from './worker';

const clientId = 'roaauto-test-client';
const clientSecret = 'roaauto-test-secret';
const redirectUri = 'http://localhost:8080/api/accounting/efactura/callback';
const tokenKey = randomBytes(32).toString('base64');
const quiet = { error: () => undefined, info: () => undefined };

const buyer: Party = {
  tip: 'pj', nume: 'Transport Rapid SRL', codFiscal: 'RO18547290', cnp: null, regCom: 'J12/345/2010', adresa: 'Str. Fabricii 5',
  localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null,
  capitalSocial: null, platitorTva: true,
};

/** A valid CUI from a number (its check digit appended): each test company has its own. */
function cui(n: number): string {
  const key = [7, 5, 3, 2, 1, 7, 5, 3, 2];
  const digits = String(n).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (key[i] ?? 0);
  return `${n}${((sum * 10) % 11) % 10}`;
}

describe(`e-Factura through ANAF's SPV on ${testEngine()}`, () => {
  let t: TestApp;
  let fake: Awaited<ReturnType<typeof fakeAnaf>>;
  let dir: string;
  let config: EfacturaConfig;
  let api: EfacturaApi;
  const devices = testDevices(() => t.app);
  let nextCui = 1_400_000 + Math.floor(Math.random() * 100_000) * 10;

  beforeAll(async () => {
    fake = await fakeAnaf({ clientId, clientSecret });
    dir = await mkdtemp(path.join(tmpdir(), 'roaauto-efactura-'));
    config = { clientId, clientSecret, redirectUri, oauthUrl: fake.oauthUrl, apiUrl: fake.apiUrl, tokenKey, workerMs: 0, pollMs: 1000, settleMs: 60_000, leaseMs: 30_000 };
    api = new AnafEfacturaHttp({ ...config, clientId, clientSecret, redirectUri, timeoutMs: 5_000 });
    t = await createTestApp({ auth: { rateLimitPerMinute: 10_000 }, efactura: config, storage: { dir } });
  });
  afterAll(async () => {
    devices.closeAll();
    await t.close();
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A worker of its own (a server process), on the app's database and files. */
  const worker = (overrides: Partial<EfacturaConfig> = {}, customApi: EfacturaApi = api, owner?: string) => {
    const c = { ...config, ...overrides };
    const connections = new EfacturaConnections(t.app.database, customApi, new Sealer(tokenKey));
    return new EfacturaWorker(t.app.database, diskStorage(dir), customApi, connections, c, quiet, owner);
  };
  const later = (ms: number) => new Date(Date.now() + ms);

  /** A company with its profile (its own CUI), a series on a device, and the means to issue. */
  async function company() {
    const s = await registerCompany(t.app);
    const d = await devices.device(s);
    nextCui += 10;
    const cif = cui(nextCui);
    await d.engine.write([{
      op: 'create', table: 'company_profile', data: {
        nume: 'Service Auto Someș SRL', cui: `RO${cif}`, platitor_tva: 1, tva_la_incasare: 0, reg_com: 'J12/1234/2015',
        adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ', iban: 'RO49AAAA1B31007593840000',
      },
    }]);
    const series = await t.app.inject({ method: 'POST', url: '/api/accounting/series', headers: bearer(s), payload: { clientId: d.clientId, serie: 'ROA' } });
    expect(series.statusCode).toBe(201);
    await d.engine.sync();
    const issue = async (date = new Date().toISOString().slice(0, 10)) => {
      const [profile] = await d.rows<CompanyProfile>('company_profile');
      const [serie] = await d.rows<InvoiceSeries>('invoice_series', 'client_id = ?', [d.clientId]);
      if (!profile || !serie) throw new Error('no profile or series');
      const line: InvoiceLine = { descriere: 'Revizie', um: 'buc', cantitate: '1', pretUnitar: 30000, ...defaultVat({ platitorTva: true }, date), valoare: 0 };
      const { ops, invoiceId } = issueOps({
        series: serie, seller: sellerFromProfile(profile), tvaLaIncasare: false, buyer, lines: [line], data: date, dataLivrare: date,
        dataScadenta: null, modalitatePlata: 'ordin_plata', order: null, storno: null, observatii: null,
        emitent: { userId: s.user.id, name: null }, updateOrder: false,
      }, d.clientId);
      await d.engine.write(ops);
      await d.engine.sync();
      return invoiceId;
    };
    return { s, d, cif, issue };
  }

  async function connect(s: Session) {
    const start = await t.app.inject({ method: 'POST', url: '/api/accounting/efactura/connect', headers: bearer(s) });
    expect(start.statusCode).toBe(200);
    const url = new URL(start.json<{ url: string }>().url);
    const cookie = String(start.headers['set-cookie']).split(';')[0] ?? '';
    return { url, cookie, state: url.searchParams.get('state') ?? '' };
  }
  const callback = (state: string, cookie: string, code = fake.issueCode()) =>
    t.app.inject({ method: 'GET', url: `/api/accounting/efactura/callback?code=${code}&state=${encodeURIComponent(state)}`, headers: { cookie } });

  async function connected() {
    const c = await company();
    const { state, cookie } = await connect(c.s);
    const back = await callback(state, cookie);
    expect(back.headers.location).toBe('/efactura?spv=connected');
    return c;
  }
  const efactura = (s: Session, id: string) => t.app.inject({ method: 'GET', url: `/api/invoices/${id}/efactura`, headers: bearer(s) });
  const send = (s: Session, id: string) => t.app.inject({ method: 'POST', url: `/api/invoices/${id}/efactura/send`, headers: bearer(s) });
  const uploadsOf = (cif: string) => fake.uploads.filter((u) => u.cif === cif);

  it('connects with the OAuth2 code flow; the state is bound to the company, the user and the browser; tokens are stored encrypted', async () => {
    const { s } = await company();
    const { url, state, cookie } = await connect(s);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.oauthUrl}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri });
    // Another browser (no cookie), an altered state, a refused consent: nothing is stored.
    expect((await callback(state, '')).headers.location).toBe('/efactura?spv=invalid');
    expect((await callback(`${state.slice(0, -2)}xx`, cookie)).headers.location).toBe('/efactura?spv=invalid');
    expect((await t.app.inject({ method: 'GET', url: `/api/accounting/efactura/callback?error=access_denied&state=${state}`, headers: { cookie } })).headers.location).toBe('/efactura?spv=refused');
    expect((await t.app.inject({ method: 'GET', url: '/api/accounting/efactura/status', headers: bearer(s) })).json()).toMatchObject({ configured: true, connected: false });

    // ANAF's authorize page sends the browser back to the registered callback with a code and the state.
    const agreed = await fetch(url, { redirect: 'manual' });
    expect(agreed.status).toBe(302);
    const to = new URL(agreed.headers.get('location') ?? '');
    expect(`${to.origin}${to.pathname}`).toBe(redirectUri);
    expect(to.searchParams.get('state')).toBe(state);
    const back = await callback(state, cookie, to.searchParams.get('code') ?? '');
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toBe('/efactura?spv=connected');
    const status = (await t.app.inject({ method: 'GET', url: '/api/accounting/efactura/status', headers: bearer(s) })).json<{ connected: boolean; environment: string }>();
    expect(status).toMatchObject({ connected: true, environment: 'test' });

    // The database holds no token in clear: neither in the row nor anywhere in its text.
    const rows = await t.app.database.db.selectFrom('efactura_connections').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(fake.issuedTokens().length).toBeGreaterThan(0);
    for (const token of fake.issuedTokens()) expect(dump).not.toContain(token);
    const mine = rows.find((r) => r.tenant_id === s.tenant?.id);
    expect(mine?.access_token).toMatch(/^v1\./);
    // A sealed token moved to another company's row does not open there.
    const sealer = new Sealer(tokenKey);
    expect(sealer.open(mine?.access_token ?? '', `efactura:access:${s.tenant?.id ?? ''}`)).toMatch(/^at-/);
    expect(sealer.open(mine?.access_token ?? '', 'efactura:access:00000000-0000-0000-0000-000000000000')).toBeNull();

    // Disconnecting revokes the refresh token at ANAF and forgets both.
    const revokedBefore = fake.state.revoked.length;
    expect((await t.app.inject({ method: 'POST', url: '/api/accounting/efactura/disconnect', headers: bearer(s) })).statusCode).toBe(204);
    expect(fake.state.revoked.length).toBe(revokedBefore + 1);
    expect((await t.app.inject({ method: 'GET', url: '/api/accounting/efactura/status', headers: bearer(s) })).json()).toMatchObject({ connected: false });
  });

  it('uploads an invoice once by the button, polls "in prelucrare" then ok, and keeps ANAF\'s ZIP', async () => {
    const { s, cif, issue } = await connected();
    const id = await issue();
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'none' });
    expect((await send(s, id)).json()).toMatchObject({ state: 'queued' });
    expect((await send(s, id)).json()).toMatchObject({ state: 'queued' });
    const w = worker();
    await w.step();
    expect(uploadsOf(cif)).toHaveLength(1);
    const upload = uploadsOf(cif)[0];
    expect(upload?.standard).toBe('UBL');
    expect(upload?.xml).toContain('<cbc:ID>ROA1</cbc:ID>');
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'uploaded', uploadIndex: upload?.index });
    // Not due yet: nothing happens; then "in prelucrare", then ok.
    expect(await w.step()).toBe(0);
    await w.step(later(2_000));
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'uploaded' });
    await w.step(later(10_000));
    const done = (await efactura(s, id)).json<{ state: string; hasZip: boolean; downloadId: string }>();
    expect(done).toMatchObject({ state: 'ok', hasZip: true, downloadId: upload?.downloadId });
    // Sending again changes nothing.
    expect((await send(s, id)).json()).toMatchObject({ state: 'ok' });
    await w.step(later(20_000));
    expect(uploadsOf(cif)).toHaveLength(1);
    const zip = await t.app.inject({ method: 'GET', url: `/api/invoices/${id}/efactura.zip`, headers: bearer(s) });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = zipFiles(new Uint8Array(zip.rawPayload));
    expect(Object.keys(files).sort()).toEqual([`${upload?.index}.xml`, `semnatura_${upload?.index}.xml`]);
  });

  it('a rejected invoice (nok) shows ANAF\'s errors from the ZIP', async () => {
    const { s, issue } = await connected();
    const id = await issue();
    fake.state.rejectNext = ['E: validari globale  eroare: [BR-RO-010]-Numărul facturii trebuie să conțină cel puțin un caracter numeric'];
    await send(s, id);
    const w = worker();
    await w.step();
    await w.step(later(2_000));
    await w.step(later(10_000));
    const res = (await efactura(s, id)).json<{ state: string; errors: string[]; hasZip: boolean }>();
    expect(res.state).toBe('nok');
    expect(res.errors).toEqual(['E: validari globale  eroare: [BR-RO-010]-Numărul facturii trebuie să conțină cel puțin un caracter numeric']);
    expect(res.hasZip).toBe(true);
  });

  it('retries a rate-limited upload and refreshes an expired token once, still uploading once', async () => {
    const { s, cif, issue } = await connected();
    const id = await issue();
    await send(s, id);
    const w = worker();
    fake.state.rateLimit = 1;
    await w.step();
    expect(uploadsOf(cif)).toHaveLength(0);
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'queued' });
    // The token expired: ANAF answers 401, the worker refreshes it once and uploads.
    fake.expireAccessTokens();
    const refreshes = fake.state.refreshes;
    await w.step(later(5_000));
    expect(fake.state.refreshes).toBe(refreshes + 1);
    expect(uploadsOf(cif)).toHaveLength(1);
    await w.step(later(60_000));
    await w.step(later(120_000));
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'ok' });
    expect(uploadsOf(cif)).toHaveLength(1);
  });

  it('an upload whose answer never came is found in ANAF\'s messages, not sent twice', async () => {
    const { s, cif, issue } = await connected();
    const id = await issue();
    await send(s, id);
    fake.state.processingPolls = 0;
    fake.state.dropNextAnswer = true;
    const w = worker();
    await w.step();
    expect(uploadsOf(cif)).toHaveLength(1);
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'uploading' });
    // Before ANAF had time to process it, nothing is sent.
    await w.step(later(30_000));
    expect(uploadsOf(cif)).toHaveLength(1);
    await w.step(later(61_000));
    expect(uploadsOf(cif)).toHaveLength(1);
    const res = (await efactura(s, id)).json<{ state: string; uploadIndex: string }>();
    expect(res).toMatchObject({ state: 'ok', uploadIndex: uploadsOf(cif)[0]?.index });
    fake.state.processingPolls = 1;
  });

  it('an upload ANAF failed before taking it is sent again after the wait', async () => {
    const { s, cif, issue } = await connected();
    const id = await issue();
    await send(s, id);
    fake.state.failNextUpload = true;
    const w = worker();
    await w.step();
    expect(uploadsOf(cif)).toHaveLength(0);
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'uploading' });
    await w.step(later(61_000));
    expect(uploadsOf(cif)).toHaveLength(1);
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'uploaded' });
  });

  it('a process that dies between the upload and its bookkeeping: another finds the upload after the lease, none sent twice', async () => {
    const { s, cif, issue } = await connected();
    const id = await issue();
    await send(s, id);
    fake.state.processingPolls = 0;
    // The first process's upload reaches ANAF, then the process dies before it records anything: its
    // step never goes on, and its lease stays on the row.
    const dying: EfacturaApi = Object.assign(Object.create(api) as EfacturaApi, {
      upload: async (...args: Parameters<EfacturaApi['upload']>) => {
        await api.upload(...args);
        return new Promise<never>(() => undefined);
      },
    });
    void worker({}, dying, 'process-a').step();
    for (let i = 0; i < 200 && uploadsOf(cif).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    expect(uploadsOf(cif)).toHaveLength(1);
    const row = await t.app.database.db.selectFrom('efactura_submissions').selectAll().where('invoice_id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ state: 'uploading', upload_index: null, lease_owner: 'process-a' });
    // A restarted process: while the lease runs nothing happens; after it (and ANAF's processing) the upload is found.
    const b = worker({}, api, 'process-b');
    await b.step(later(10_000));
    expect(uploadsOf(cif)).toHaveLength(1);
    await b.step(later(61_000));
    expect(uploadsOf(cif)).toHaveLength(1);
    expect((await efactura(s, id)).json()).toMatchObject({ state: 'ok', uploadIndex: uploadsOf(cif)[0]?.index });
    fake.state.processingPolls = 1;
  });

  it('two processes stepping at once upload an invoice once', async () => {
    const { s, cif, issue } = await connected();
    const ids = [await issue(), await issue(), await issue()];
    for (const id of ids) await send(s, id);
    fake.state.uploadDelayMs = 100;
    const a = worker({}, api, 'process-a');
    const b = worker({}, api, 'process-b');
    const [na, nb] = await Promise.all([a.step(), b.step()]);
    fake.state.uploadDelayMs = 0;
    expect(na + nb).toBeGreaterThanOrEqual(3);
    expect(uploadsOf(cif)).toHaveLength(3);
    expect(new Set(uploadsOf(cif).map((u) => /<cbc:ID>([^<]+)</.exec(u.xml)?.[1])).size).toBe(3);
    await Promise.all([a.step(later(2_000)), b.step(later(2_000)), a.step(later(2_000))]);
    expect(uploadsOf(cif)).toHaveLength(3);
  });

  it('a process with a period runs its worker as the scheduled job: one run of a slot uploads what is due', async () => {
    const { s, cif, issue } = await connected();
    const other = await buildApp({ database: t.database, efactura: { ...config, workerMs: 60_000 }, storage: { dir } });
    try {
      await other.ready();
      expect(other.jobs.jobNames).toContain(efacturaWorkerJob);
      expect(t.app.jobs.jobNames).not.toContain(efacturaWorkerJob); // workerMs 0: tests step the worker
      const id = await issue();
      // Sent on a process whose worker has no period: only the other process's job can upload it.
      expect((await send(s, id)).json()).toMatchObject({ state: 'queued' });
      const key = `schedule:${efacturaWorkerJob}:test-slot`;
      const run = await other.jobs.enqueue(efacturaWorkerJob, { slot: 'test-slot' }, { key });
      expect(await t.app.jobs.enqueue(efacturaWorkerJob, { slot: 'test-slot' }, { key })).toEqual({ id: run.id, created: false });
      const state = async () => (await t.app.database.db.selectFrom('jobs').select('state').where('id', '=', run.id).executeTakeFirstOrThrow()).state;
      for (let i = 0; i < 100 && (await state()) !== 'done'; i += 1) {
        await other.jobs.runDue();
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await state()).toBe('done');
      expect(uploadsOf(cif)).toHaveLength(1);
      expect((await efactura(s, id)).json()).toMatchObject({ state: 'uploaded' });
    } finally {
      await other.close();
    }
  });

  it('sends automatically what is issued after the company turned it on', async () => {
    const { s, cif, issue } = await connected();
    const before = await issue();
    expect((await t.app.inject({ method: 'PUT', url: '/api/accounting/efactura/settings', headers: bearer(s), payload: { autoSend: true } })).statusCode).toBe(204);
    const after = await issue();
    await worker().step();
    expect(uploadsOf(cif)).toHaveLength(1);
    expect((await efactura(s, after)).json()).toMatchObject({ state: 'uploaded' });
    expect((await efactura(s, before)).json()).toMatchObject({ state: 'none' });
  });

  it('keeps companies apart: another company neither sees nor sends an invoice, nor reaches its ZIP', async () => {
    const { s, issue } = await connected();
    const id = await issue();
    await send(s, id);
    const other = await connected();
    expect((await efactura(other.s, id)).statusCode).toBe(404);
    expect((await send(other.s, id)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/invoices/${id}/efactura.zip`, headers: bearer(other.s) })).statusCode).toBe(404);
  });

  it('lists invoices late against the deadline of 5 working days', async () => {
    const { s, issue } = await connected();
    const old = await issue('2026-11-09');
    const res = await t.app.inject({ method: 'GET', url: '/api/accounting/efactura/late?today=2026-11-20', headers: bearer(s) });
    expect(res.statusCode).toBe(200);
    expect(res.json<{ invoices: unknown[] }>().invoices).toEqual([expect.objectContaining({ id: old, deadline: '2026-11-16', late: true, state: 'none' })]);
  });

  it('reads supplier invoices from the message list page by page into the synced inbox, marking duplicates, each company its own', async () => {
    const { s, d, cif } = await connected();
    const other = await connected();
    const sample = (n: string) => readFileSync(new URL('../../../../../../../shared/efactura/anaf-samples/ubl_b2g_example0.xml', import.meta.url), 'utf8').replace('<cbc:ID>TOSL108</cbc:ID>', `<cbc:ID>${n}</cbc:ID>`);
    fake.addReceived(cif, sample('F-1'));
    fake.addReceived(cif, sample('F-2'));
    fake.addReceived(cif, sample('F-1'));
    fake.addReceived(other.cif, sample('ALT-9'));
    const res = await t.app.inject({ method: 'POST', url: '/api/accounting/efactura/received/fetch', headers: bearer(s) });
    expect(res.json()).toEqual({ listed: 3, stored: 3, duplicates: 1, unreadable: 0 });
    // The list came in pages of two.
    expect(fake.requests.filter((r) => r.path === '/api/listaMesajePaginatieFactura' && r.query.get('cif') === cif).map((r) => r.query.get('pagina'))).toEqual(['1', '2']);
    // Read again: nothing new.
    expect((await t.app.inject({ method: 'POST', url: '/api/accounting/efactura/received/fetch', headers: bearer(s) })).json()).toMatchObject({ stored: 0 });
    await d.engine.sync();
    const rows = (await d.rows<{ numar: string; duplicat: number; furnizor_nume: string; total: number; platita: number; id: string }>('received_invoices'))
      .sort((a, b) => a.numar.localeCompare(b.numar) || a.duplicat - b.duplicat);
    expect(rows.map((r) => [r.numar, r.duplicat])).toEqual([['F-1', 0], ['F-1', 1], ['F-2', 0]]);
    expect(rows[0]?.furnizor_nume).not.toBe('');
    expect(rows[0]?.total).toBeGreaterThan(0);
    // The device marks one paid; it cannot change what ANAF delivered, nor add one.
    const first = rows[0];
    if (!first) throw new Error('no row');
    await d.engine.write([{ op: 'update', table: 'received_invoices', id: first.id, patch: { platita: 1, platita_la: '2026-12-01' } }]);
    await d.engine.sync();
    const stored = await t.app.database.db.selectFrom('received_invoices').select(['platita', 'platita_la']).where('id', '=', first.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ platita: 1, platita_la: '2026-12-01' });
    await expect(d.engine.write([{ op: 'update', table: 'received_invoices', id: first.id, patch: { total: 1 } }])).rejects.toThrow();
    // The other company sees only its own.
    const o = await t.app.inject({ method: 'POST', url: '/api/accounting/efactura/received/fetch', headers: bearer(other.s) });
    expect(o.json()).toMatchObject({ listed: 1, stored: 1 });
    const theirs = await t.app.database.db.selectFrom('received_invoices').select(['tenant_id', 'numar']).where('numar', '=', 'ALT-9').execute();
    expect(theirs.map((r) => r.tenant_id)).toEqual([other.s.tenant?.id]);
  });

  // Runs last: every file the tests above uploaded, as the fake ANAF received it.
  it('every XML uploaded to the fake ANAF passes the official UBL 2.1 schema and CIUS-RO rules with nothing fatal', async () => {
    expect(fake.uploads.length).toBeGreaterThanOrEqual(10);
    expect(new Set(fake.uploads.map((u) => u.standard))).toEqual(new Set(['UBL']));
    const reports = await officialReports(fake.uploads.map((u) => u.xml));
    reports.forEach((r, i) => {
      expect({ schema: r.schema, fatal: r.fatal }, `upload ${fake.uploads[i]?.index ?? i}\n${describeReport(r)}`).toEqual({ schema: [], fatal: [] });
    });
  }, 60_000);
});
