import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../core/auth/auth.service';
import { loadConfig } from '../../config';
import { AnafHttpRegistry, RequestGate, anafPath } from '../../core/anaf';
import { createTestApp, type TestApp } from '../../test/test-app';
import { testEngine } from '../../test/test-db';
import { bearer, registerCompany } from '../../test/sessions';

/**
 * A stand-in for ANAF's PlatitorTvaRest v9 that answers in its documented shape: `cod`, `message`,
 * `found` (date_generale, inregistrare_scop_Tva, inregistrare_RTVAI, stare_inactiv, adresa_sediu_social…)
 * and `notFound` (the codes as numbers). It records what it was sent and when.
 */
type Sent = { at: number; path: string; contentType: string | undefined; body: { cui: number; data: string }[] };

const companies: Record<number, { denumire: string; inactive: boolean; vat: boolean; eFactura: boolean; bucharest: boolean }> = {
  14399840: { denumire: 'SERVICE AUTO SOMEȘ SRL', inactive: false, vat: true, eFactura: true, bucharest: false },
  18547290: { denumire: 'TRANSPORT RAPID SRL', inactive: true, vat: false, eFactura: false, bucharest: true },
};

function anafRecord(cui: number, data: string) {
  const c = companies[cui];
  if (!c) throw new Error('unknown');
  return {
    date_generale: {
      cui, data, denumire: c.denumire,
      adresa: c.bucharest ? 'MUNICIPIUL BUCUREŞTI, SECTOR 3, BD. UNIRII, NR.10' : 'JUD. CLUJ, MUN. CLUJ-NAPOCA, STR. FABRICII, NR.1',
      nrRegCom: c.bucharest ? 'J40/100/2010' : 'J12/1234/2015', telefon: '0264123456', fax: '', codPostal: '400000', act: '',
      stare_inregistrare: 'INREGISTRAT din data 01.02.2015', data_inregistrare: '2015-02-01', cod_CAEN: '4520', iban: '',
      statusRO_e_Factura: c.eFactura, organFiscalCompetent: 'Administraţia Judeţeană a Finanţelor Publice Cluj',
      forma_de_proprietate: 'PROPR.PRIVATA-CAPITAL PRIVAT AUTOHTON', forma_organizare: 'PERSOANA JURIDICA',
      forma_juridica: 'SOCIETATE COMERCIALĂ CU RĂSPUNDERE LIMITATĂ',
    },
    inregistrare_scop_Tva: { scpTVA: c.vat, perioade_TVA: c.vat ? [{ data_inceput_ScpTVA: '2015-02-01', data_sfarsit_ScpTVA: '', data_anul_imp_ScpTVA: '', mesaj_ScpTVA: '' }] : [] },
    inregistrare_RTVAI: { dataInregistrare: '', dataAnulare: '', dataPublicare: '', dataActualizare: '', tipActTvaInc: '', statusTvaIncasare: false },
    stare_inactiv: { dataInactivare: c.inactive ? '2024-03-01' : '', dataReactivare: '', dataPublicare: '', dataRadiere: '', statusInactivi: c.inactive },
    inregistrare_SplitTVA: { dataInceputSplitTVA: '', dataAnulareSplitTVA: '', statusSplitTVA: false },
    adresa_sediu_social: c.bucharest
      ? { sdenumire_Strada: 'Bd. Unirii', snumar_Strada: '10', sdenumire_Localitate: 'Sector 3 Mun. Bucureşti', scod_Localitate: '3', sdenumire_Judet: 'MUNICIPIUL BUCUREŞTI', scod_Judet: '40', scod_JudetAuto: 'B', stara: 'România', sdetalii_Adresa: '', scod_Postal: '030833' }
      : { sdenumire_Strada: 'Str. Fabricii', snumar_Strada: '1', sdenumire_Localitate: 'Mun. Cluj-Napoca', scod_Localitate: '1', sdenumire_Judet: 'CLUJ', scod_Judet: '12', scod_JudetAuto: 'CJ', stara: 'România', sdetalii_Adresa: '', scod_Postal: '400000' },
    adresa_domiciliu_fiscal: {},
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) data += String(chunk);
  return data;
}

function startFakeAnaf(): Promise<{ url: string; sent: Sent[]; down: { value: boolean }; server: Server }> {
  const sent: Sent[] = [];
  const down = { value: false };
  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const body = JSON.parse(raw) as { cui: number; data: string }[];
      sent.push({ at: Date.now(), path: req.url ?? '', contentType: req.headers['content-type'], body });
      if (down.value) {
        res.writeHead(503).end('Service Unavailable');
        return;
      }
      const found = body.filter((q) => companies[q.cui]).map((q) => anafRecord(q.cui, q.data));
      const notFound = body.filter((q) => !companies[q.cui]).map((q) => q.cui);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ cod: 200, message: 'SUCCESS', found, notFound }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent, down, server });
  }));
}

type ErrorBody = { error: { code: string } };

describe(`ANAF company lookup on ${testEngine()}`, () => {
  let t: TestApp;
  let fake: Awaited<ReturnType<typeof startFakeAnaf>>;
  let owner: Session;
  beforeAll(async () => {
    fake = await startFakeAnaf();
    t = await createTestApp({ auth: { rateLimitPerMinute: 1000 }, anaf: { registry: new AnafHttpRegistry({ baseUrl: fake.url, gate: new RequestGate(1000) }) } });
    owner = await registerCompany(t.app);
  });
  afterAll(async () => {
    await t.close();
    fake.server.close();
  });

  const ask = (cui: string, session: Session | null = owner) =>
    t.app.inject({ method: 'POST', url: '/api/anaf/company', headers: session ? bearer(session) : {}, payload: { cui } });

  it("fills a company from ANAF's answer: name, register number, VAT, e-Factura, the office by its parts", async () => {
    const r = await ask('RO 14399840');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({
      status: 'found',
      company: expect.objectContaining({
        cui: '14399840', denumire: 'SERVICE AUTO SOMEȘ SRL', nrRegCom: 'J12/1234/2015', platitorTva: true, eFactura: true, inactiv: false,
        sediu: expect.objectContaining({ strada: 'Str. Fabricii', numar: '1', localitate: 'Mun. Cluj-Napoca', judetAuto: 'CJ' }),
      }),
    });
    const request = fake.sent.at(-1);
    expect(request?.path).toBe(anafPath);
    expect(request?.contentType).toBe('application/json');
    expect(request?.body).toEqual([{ cui: 14399840, data: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
  });

  it('says an inactive company is inactive, and a code ANAF does not know is not found', async () => {
    const inactive = (await ask('18547290')).json<{ company: { inactiv: boolean; platitorTva: boolean } }>();
    expect(inactive.company).toMatchObject({ inactiv: true, platitorTva: false });
    expect((await ask('12345674')).json()).toEqual({ status: 'not_found', cui: '12345674' });
  });

  it('answers from its cache: the same CUI again does not reach ANAF', async () => {
    const before = fake.sent.length;
    expect((await ask('14399840')).statusCode).toBe(200);
    expect((await ask('RO14399840')).statusCode).toBe(200);
    expect((await ask('12345674')).json()).toMatchObject({ status: 'not_found' });
    expect(fake.sent.length).toBe(before);
  });

  it('refuses a CUI with a wrong check digit and people who may not write customers, without asking ANAF', async () => {
    const before = fake.sent.length;
    const bad = await ask('14399841');
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.code).toBe('validation_failed');
    expect((await ask('14399840', null)).statusCode).toBe(401);
    expect(fake.sent.length).toBe(before);
  });

  it('says ANAF is unavailable when it fails, and does not keep the failure', async () => {
    fake.down.value = true;
    const r = await ask('33373332');
    expect(r.statusCode).toBe(503);
    expect(r.json<ErrorBody>().error.code).toBe('service_unavailable');
    fake.down.value = false;
    expect((await ask('33373332')).json()).toMatchObject({ status: 'not_found' });
  });
});

describe('the ANAF request limit', () => {
  it('sends one request a second across the registries of a process, lookups of one turn in one request', async () => {
    const fake = await startFakeAnaf();
    try {
      const gate = new RequestGate(1000);
      const a = new AnafHttpRegistry({ baseUrl: fake.url, gate });
      const b = new AnafHttpRegistry({ baseUrl: fake.url, gate });
      const first = await a.lookup('14399840');
      expect(first.status).toBe('found');
      // Three lookups while the gate waits: one request with the three codes.
      const answers = await Promise.all([a.lookup('18547290'), a.lookup('12345674'), a.lookup('44111116')]);
      expect(answers.map((x) => x.status)).toEqual(['found', 'not_found', 'not_found']);
      await b.lookup('90000006');
      expect(fake.sent.map((s) => s.body.map((q) => q.cui))).toEqual([[14399840], [18547290, 12345674, 44111116], [90000006]]);
      const gaps = fake.sent.slice(1).map((s, i) => s.at - (fake.sent[i]?.at ?? 0));
      for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950);
    } finally {
      fake.server.close();
    }
  });

  it('keeps at most the answers it is told to, the oldest leaving first', async () => {
    const fake = await startFakeAnaf();
    try {
      const registry = new AnafHttpRegistry({ baseUrl: fake.url, gate: new RequestGate(0), cacheEntries: 2 });
      for (const cui of ['14399840', '18547290', '12345674']) await registry.lookup(cui);
      const before = fake.sent.length;
      await registry.lookup('12345674');
      await registry.lookup('18547290');
      expect(fake.sent.length).toBe(before);
      await registry.lookup('14399840');
      expect(fake.sent.length).toBe(before + 1);
    } finally {
      fake.server.close();
    }
  });

  it('sends at most 100 codes a request', async () => {
    const fake = await startFakeAnaf();
    try {
      const registry = new AnafHttpRegistry({ baseUrl: fake.url, gate: new RequestGate(50) });
      const codes = Array.from({ length: 150 }, (_, i) => String(1000 + i));
      const answers = await Promise.all(codes.map((c) => registry.lookup(c)));
      expect(answers.every((x) => x.status === 'not_found')).toBe(true);
      expect(fake.sent.map((s) => s.body.length)).toEqual([100, 50]);
    } finally {
      fake.server.close();
    }
  });
});

describe('ANAF_PUBLIC_API_URL', () => {
  it("is ANAF's public host by default, any http(s) address otherwise, and nothing else", () => {
    expect(loadConfig({}).anaf.baseUrl).toBe('https://webservicesp.anaf.ro');
    expect(loadConfig({ ANAF_PUBLIC_API_URL: 'http://127.0.0.1:9999/' }).anaf.baseUrl).toBe('http://127.0.0.1:9999');
    expect(() => loadConfig({ ANAF_PUBLIC_API_URL: 'ftp://anaf.ro' })).toThrow(/ANAF_PUBLIC_API_URL/);
  });
});
