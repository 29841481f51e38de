import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultVat, deliveryNoteOps, errorCodes, isErrorCode, issueOps, stockReceiptOps, lineTotal, newId, paymentOps, sellerFromProfile, stockMinimumId, syncTables,
  type CompanyProfile, type Invoice, type InvoiceDocument, type InvoiceSeries, type LineAmounts, type PushResponse, type TableDef,
} from '@roaauto/shared';
import type { Session } from '../../core/auth/auth.service';
import { httpStatusOf } from '../../core/errors';
import { testDevices } from '../devices';
import { bearer, login, registerCompany } from '../sessions';
import { createTestApp } from '../test-app';
import { testEngine } from '../test-db';
import {
  anyHostile, columnArb, encodeComponent, features, hostileNumbers, hostileStrings, jsonDepth, poisoned, rawBodies, rawUrlPieces, rowDataArb, schemaArb, setOwn, toJsonText,
  type JsonSchema, type Pool,
} from './hostile';

/**
 * Every route of the OpenAPI document, fuzzed with hostile values in path, query and body, as nobody,
 * with broken tokens, as a company's owner and mechanic, as the platform operator and as the billing
 * provider. Every answer must be a non-5xx, every error the one error body with a known code, and no
 * row of a neighbouring company may change. FUZZ_RUNS (per route) and FUZZ_SEED make it a long run.
 */
const engine = testEngine();
const longRun = Boolean(process.env.FUZZ_RUNS);
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 60);
const pushRuns = longRun ? runsPerRoute * 2 : 150;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : longRun ? Date.now() % 2 ** 31 : 20_260_214;
// A long run must not stop on a slow route; the suite's budget is a few seconds per route.
const routeTimeout = Math.max(30_000, runsPerRoute * 1_000);

const superAdmin = { email: 'platforma@roaauto.test', password: 'Operator-Parola-2026' };
const billingSecret = 'fuzz-billing-secret-0123456789';
const stripeWebhookSecret = 'whsec_fuzz_0123456789';
const stripeSigner = new Stripe('sk_test_fuzz');
const mechanicPassword = 'Mecanic-Parola-2026';

type Op = {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};
type OpenApiDoc = { paths: Record<string, Record<string, Op>>; components?: { schemas?: Record<string, JsonSchema> } };
type Route = { method: string; path: string; op: Op };

/**
 * Raw-body routes (the signed billing webhook) cannot declare their body in the document; without the
 * fields the signed requests would never get past parsing.
 */
const undocumentedBodies: Record<string, JsonSchema> = {
  'POST /api/billing/webhook': {
    type: 'object',
    required: ['id', 'type', 'occurredAt', 'tenantId'],
    properties: {
      id: { type: 'string', maxLength: 200 }, type: { type: 'string', maxLength: 100 },
      occurredAt: { type: 'string', format: 'date-time' }, tenantId: { type: 'string', format: 'uuid' },
      plan: { type: 'string', enum: ['free', 'basic', 'pro', 'full'] }, billingStatus: { type: 'string', enum: ['trial', 'active', 'past_due', 'canceled'] },
      paidUntil: { type: 'string', format: 'date-time' },
    },
  },
  'POST /api/billing/stripe/webhook': {
    type: 'object',
    required: ['id', 'type', 'created', 'data'],
    properties: {
      id: { type: 'string', maxLength: 60 }, object: { type: 'string', enum: ['event'] },
      type: { type: 'string', enum: ['checkout.session.completed', 'invoice.paid', 'invoice.payment_failed', 'customer.subscription.updated', 'customer.subscription.deleted', 'customer.created'] },
      created: { type: 'integer' },
      data: {
        type: 'object',
        required: ['object'],
        properties: {
          object: {
            type: 'object',
            properties: {
              id: { type: 'string' }, customer: { type: 'string' }, client_reference_id: { type: 'string', format: 'uuid' }, status: { type: 'string', enum: ['active', 'past_due', 'canceled', 'paused'] },
              metadata: { type: 'object', properties: { tenantId: { type: 'string', format: 'uuid' }, plan: { type: 'string', enum: ['basic', 'pro', 'full'] } } },
              items: { type: 'object', properties: { data: { type: 'array', items: { type: 'object', properties: { price: { type: 'object', properties: { id: { type: 'string', enum: ['price_basic', 'price_pro'] } } } } } } } },
            },
          },
        },
      },
    },
  },
};

/** Stripe's API as far as Checkout needs it: every session asked for gets a payment page. */
const fakeStripe = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: 'cs_fuzz', object: 'checkout.session', url: 'https://checkout.stripe.com/c/pay/cs_fuzz' }));
  });
});
await new Promise<void>((resolve) => fakeStripe.listen(0, '127.0.0.1', resolve));
afterAll(() => {
  fakeStripe.close();
});

// ---------- the application and two companies with data ----------

/** The server's own account of each 500 (its log), so a finding names the cause and not only the status. */
const serverErrors: string[] = [];
// e-Factura configured, so its routes answer as in production; no company here connects to ANAF, whose
// addresses point at a closed local port.
const t = await createTestApp({
  efactura: {
    clientId: 'roaauto-fuzz', clientSecret: 'roaauto-fuzz-secret', redirectUri: 'http://localhost:8080/api/accounting/efactura/callback',
    oauthUrl: 'http://127.0.0.1:9/anaf-oauth2/v1', apiUrl: 'http://127.0.0.1:9/FCTEL/rest', tokenKey: randomBytes(32).toString('base64'), workerMs: 0, pollMs: 1000, settleMs: 60_000, leaseMs: 30_000,
  },
  auth: { rateLimitPerMinute: 1_000_000, superAdmin, billingSecret },
  billing: { stripe: { secretKey: 'sk_test_fuzz', webhookSecret: stripeWebhookSecret, prices: { basic: 'price_basic', pro: 'price_pro' }, apiBase: `http://127.0.0.1:${(fakeStripe.address() as AddressInfo).port}` } },
  logger: { level: 'error', stream: { write: (line: string) => { serverErrors.push(line); } } },
});
const devices = testDevices(() => t.app);
afterAll(async () => {
  devices.closeAll();
  await t.close();
});
const db = t.app.database.db;

async function inject<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH', url: string, token: string | null, payload?: object): Promise<T> {
  const res = await t.app.inject({ method, url, headers: token ? { authorization: `Bearer ${token}` } : {}, ...(payload ? { payload } : {}) });
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

function tenantOf(s: Session): string {
  if (!s.tenant) throw new Error('a company session without its company');
  return s.tenant.id;
}

const amounts: LineAmounts = { tip: 'manopera', ore: '2', pret_ora: 15000, cantitate: null, pret_unitar: null };

/**
 * A company as the app makes one: a second user who joined by invitation, an open invitation, and
 * rows in most synced tables (profile, client, catalog, mechanic, vehicle, order with a line, invoice
 * series, invoice, document event) written by a device and pushed through sync.
 */
async function company(tag: string, operatorToken: string) {
  const owner = await registerCompany(t.app, { company: { name: `Service ${tag} SRL` } });
  const tenantId = tenantOf(owner);
  await inject('PATCH', `/api/admin/tenants/${tenantId}/entitlements`, operatorToken, { plan: 'full', billingStatus: 'active' });
  const invite = async (email: string, role: string) =>
    inject<{ id: string; token: string; email: string }>('POST', '/api/users/invitations', owner.accessToken, { email, role });
  const mechanicEmail = `mecanic-${tag.toLowerCase()}-${Date.now()}@service.ro`;
  const joined = await invite(mechanicEmail, 'mechanic');
  const mechanic = await inject<Session>('POST', '/api/auth/accept-invitation', null, { token: joined.token, password: mechanicPassword });
  const open = await invite(`asteapta-${tag.toLowerCase()}-${Date.now()}@service.ro`, 'dispatcher');

  const d = await devices.device(owner);
  const marca = newId();
  const client = newId();
  const vehicle = newId();
  const order = newId();
  const reception = newId();
  const bay = newId();
  const service = newId();
  const tyreSet = newId();
  const product = newId();
  const location = newId();
  const movement = newId();
  const stockCount = newId();
  const point = newId();
  const van = newId();
  const route = newId();
  await d.engine.write([
    { op: 'create', table: 'company_profile', data: { nume: `Service ${tag} SRL`, cui: 'RO14399840', platitor_tva: 1, tva_la_incasare: 0, adresa: 'Str. Oașului 12', localitate: 'Cluj-Napoca', judet: 'CJ' } },
    { op: 'create', table: 'clients', data: { id: client, tip: 'pj', nume: `Transport ${tag} SRL` } },
    { op: 'create', table: 'catalog_marci', data: { id: marca, denumire: 'Dacia', activ: 1 } },
    { op: 'create', table: 'catalog_modele', data: { marca_id: marca, denumire: 'Logan', activ: 1 } },
    { op: 'create', table: 'catalog_preturi', data: { denumire: 'Ulei 5W30', pret: 4500, um: 'l', activ: 1 } },
    { op: 'create', table: 'catalog_ansamble', data: { denumire: 'Motor', activ: 1 } },
    { op: 'create', table: 'catalog_norme', data: { denumire: 'Schimb ulei', ore_normate: '0.5', activ: 1 } },
    { op: 'create', table: 'catalog_tipuri_deviz', data: { denumire: 'Revizie', activ: 1 } },
    { op: 'create', table: 'catalog_tipuri_motoare', data: { denumire: 'Diesel', activ: 1 } },
    { op: 'create', table: 'mecanici', data: { nume: 'Ionescu', user_id: mechanic.user.id, activ: 1 } },
    { op: 'create', table: 'vehicles', data: { id: vehicle, client_id: client, nr_inmatriculare: `CJ 10 ${tag}`, marca_id: marca } },
    { op: 'create', table: 'orders', data: { id: order, data_comanda: '2026-11-23', status: 'DRAFT', vehicle_id: vehicle, nr_auto: `CJ 10 ${tag}`, total_manopera: 0, total_materiale: 0, total_general: 0 } },
    { op: 'create', table: 'order_lines', data: { order_id: order, descriere: 'Revizie', ordine: 0, total: lineTotal(amounts), ...amounts } },
    { op: 'create', table: 'sms_settings', data: { expeditor: 'Service' } },
    { op: 'create', table: 'sms_templates', data: { cheie: 'car_ready', text: 'Mașina {nr_auto} este gata.' } },
    { op: 'create', table: 'sms_optouts', data: { telefon: '40744555666', client_id: client, sursa: 'manual' } },
    {
      op: 'create', table: 'sms_messages', data: {
        client_id: client, order_id: order, telefon: '0722 123 456', text: 'Mașina este gata.', template: 'car_ready', status: 'queued',
        motiv: null, segmente: 1, codare: 'ucs2', cost: null, provider_id: null, eroare: null, trimis_la: null, livrat_la: null,
      },
    },
    { op: 'create', table: 'vehicle_receptions', data: { id: reception, order_id: order, intake_km: 120_000, damage_marks: '[{"view":"left","x":0.5,"y":0.5,"kind":"dent"}]' } },
    { op: 'create', table: 'appointment_settings', data: { suprapuneri: 'warn', confirmare_auto: 1, rezervari_online: 1, pas_minute: 30, orizont_zile: 14, avans_minute: 0, inchis_sarbatori: 1, reminder_ora: null } },
    { op: 'create', table: 'appointment_hours', data: { zi: 1, de_la: '08:00', pana_la: '17:00' } },
    { op: 'create', table: 'appointment_closures', data: { de_la: '2026-12-24', pana_la: '2026-12-26', motiv: null } },
    { op: 'create', table: 'appointment_bays', data: { id: bay, nume: 'Post 1', ordine: 0, activ: 1 } },
    { op: 'create', table: 'appointment_services', data: { id: service, nume: 'Anvelope', durata_minute: 60, tip_deviz_id: null, online: 1, activ: 1 } },
    { op: 'create', table: 'appointment_campaigns', data: { nume: 'Iarna', service_id: service, de_la: '2026-11-01', pana_la: '2026-11-30', zile: '1,2', ora_start: '08:00', ora_sfarsit: '12:00', slot_minute: 20, posturi: '[]', activ: 1 } },
    { op: 'create', table: 'appointments', data: { inceput: '2026-11-23T08:00:00.000Z', sfarsit: '2026-11-23T09:00:00.000Z', data: '2026-11-23', post_id: bay, service_id: service, client_nume: 'X', status: 'booked', sursa: 'shop' } },
    {
      op: 'create', table: 'tyre_sets', data: {
        id: tyreSet, cod: 'FZT22K', client_id: client, vehicle_id: vehicle, client_nume: `Transport ${tag} SRL`, client_telefon: null, nr_auto: `CJ 10 ${tag}`,
        sezon: 'iarna', an: 2026, status: 'depozitat', dimensiune: '205/55 R16', raft: 'A', etaj: '1', pozitie: '3', primit_la: '2026-04-02T08:00:00.000Z',
        primit_de: 'Ionescu', predat_la: null, predat_de: null, tarif: null, order_id: null, observatii: null,
      },
    },
    { op: 'create', table: 'tyre_set_wheels', data: { set_id: tyreSet, pozitie: 'FS', marca: 'Nokian', dimensiune: '205/55 R16', dimensiune_cheie: '2055516', dot: '4122', profil_mm: '6.5', pe_janta: 1, defecte: null } },
    { op: 'create', table: 'tyre_set_photos', data: { set_id: tyreSet, wheel_id: null, caption: null, content_type: 'image/jpeg', width: 1600, height: 1200, bytes: 1000, uploaded: 0 } },
    { op: 'create', table: 'order_photos', data: { order_id: order, reception_id: reception, reception_side: 'intake', content_type: 'image/jpeg', width: 1600, height: 1200, bytes: 1000, uploaded: 0 } },
    { op: 'create', table: 'warehouse_settings', data: { stoc_negativ: 'warn', evaluare: 'cmp' } },
    {
      op: 'create', table: 'products', data: {
        id: product, tip: 'anvelopa', cod: 'A-2055516', nume: 'Anvelopă 205/55 R16', um: 'buc', categorie_tva: 'S', cota_tva: '21', pret_vanzare: 40_000,
        cod_bare: '5901234123457', anv_dimensiune: '205/55 R16', anv_cheie: '2055516', anv_sezon: 'iarna', activ: 1,
      },
    },
    { op: 'create', table: 'product_supplier_codes', data: { product_id: product, furnizor_cui: 'RO18547290', cod: 'PA-205' } },
    { op: 'create', table: 'product_costs', data: { product_id: product, pret_achizitie: 30_000 } },
    { op: 'create', table: 'stock_locations', data: { id: location, nume: 'Magazie', activ: 1 } },
    { op: 'create', table: 'stock_minimums', data: { id: stockMinimumId(product, location), product_id: product, location_id: location, minim: '2' } },
    { op: 'create', table: 'stock_movements', data: { id: movement, tip: 'intrare', product_id: product, location_id: location, cantitate: '4', data: '2026-11-23' } },
    { op: 'create', table: 'stock_movement_costs', data: { movement_id: movement, cost_unitar: 30_000 } },
    { op: 'create', table: 'stock_counts', data: { id: stockCount, location_id: location, status: 'deschis', inceput_la: '2026-11-23T08:00:00.000Z', inceput_de: null, terminat_la: null, aplicat_la: null, nota: null } },
    { op: 'create', table: 'stock_count_lines', data: { count_id: stockCount, product_id: product, cantitate: '3', user_id: null, numarat_la: '2026-11-23T08:05:00.000Z' } },
    { op: 'create', table: 'logistics_settings', data: { depot_name: 'Depozit', depot_address: 'Str. Fabricii 5', depot_lat: '46.77', depot_lon: '23.6', depot_opens: '08:00', depot_closes: '18:00', speed_kmh: 40 } },
    {
      op: 'create', table: 'delivery_points', data: {
        id: point, client_id: client, name: `Magazin ${tag}`, address: 'Str. Horea 10, Cluj-Napoca', lat: '46.7712', lon: '23.5889', geocode_source: 'pin',
        window_from: '09:00', window_to: '12:00', service_minutes: 10, access_notes: null, contact_name: null, contact_phone: null,
        demand_kg: '300', demand_m3: null, demand_pallets: null, active: 1,
      },
    },
    { op: 'create', table: 'logistics_vehicles', data: { id: van, name: 'Duba 1', plate: `CJ 20 ${tag}`, capacity_kg: '1000', capacity_m3: null, capacity_pallets: null, active: 1 } },
    {
      op: 'create', table: 'routes', data: {
        id: route, date: '2026-11-24', vehicle_id: van, driver_user_id: null, depot_lat: '46.77', depot_lon: '23.6', depot_opens: '08:00', depot_closes: '18:00',
        status: 'planned', planned_departure_s: 28_800, planned_return_s: 32_400, planned_distance_m: 4000, planned_duration_s: 3600,
      },
    },
    {
      op: 'create', table: 'route_stops', data: {
        route_id: route, point_id: point, sequence: 0, demand_kg: '300', demand_m3: null, demand_pallets: null,
        planned_arrival_s: 32_400, planned_departure_s: 33_000, status: 'pending', fail_reason: null, arrived_at: null, done_at: null,
      },
    },
  ]);
  // A NIR and a delivery note, numbered in the device's own warehouse series.
  const nirSeries = newId();
  const avizSeries = newId();
  const stockSeries = (id: string, tip: string, serie: string) => ({ op: 'create' as const, table: 'warehouse_series', data: { id, tip_document: tip, serie, numar_start: 1, ultimul_numar: 0, client_id: d.clientId, descriere: null, activa: 1 } });
  await d.engine.write([stockSeries(nirSeries, 'nir', `NIR${tag}`), stockSeries(avizSeries, 'aviz', `AV${tag}`)]);
  const unitate = { nume: `Service ${tag} SRL`, cui: 'RO14399840', adresa: null };
  await d.engine.write(stockReceiptOps({
    series: { id: nirSeries, serie: `NIR${tag}`, ultimul_numar: 0 }, userId: null, data: '2026-11-23', unitate, gestiune: { id: location, nume: 'Magazie' },
    furnizor: { nume: 'Piese Auto SRL', cui: 'RO18547290' }, factura: { numar: 'PA 99', data: '2026-11-22' }, facturaPrimitaId: null,
    linii: [{ productId: product, cod: 'A-2055516', codFurnizor: 'PA-205', denumire: 'Anvelopă 205/55 R16', um: 'buc', cantitateDocument: '2', cantitate: '2', pretUnitar: 30_000, cotaTva: '21' }],
    comisie: [], observatii: null, emitent: null,
  }).ops);
  await d.engine.write(deliveryNoteOps({
    series: { id: avizSeries, serie: `AV${tag}`, ultimul_numar: 0 }, userId: null, data: '2026-11-23', unitate, din: { id: location, nume: 'Magazie' },
    catre: { tip: 'destinatar', nume: `Transport ${tag} SRL`, cui: null, adresa: 'Str. Fabricii 5, Cluj-Napoca' },
    linii: [{ productId: product, cod: 'A-2055516', denumire: 'Anvelopă 205/55 R16', um: 'buc', cantitate: '1' }], delegat: null, mijlocTransport: null, mentiuni: null, emitent: null,
  }).ops);
  await inject('POST', '/api/accounting/series', owner.accessToken, { clientId: d.clientId, serie: tag });
  await d.engine.sync();
  const [profile] = await d.rows<CompanyProfile>('company_profile');
  const [series] = await d.rows<InvoiceSeries>('invoice_series');
  if (!profile || !series) throw new Error('company setup: no profile or series');
  const date = '2026-11-23';
  const { ops } = issueOps({
    series, seller: sellerFromProfile(profile), tvaLaIncasare: false, data: date, dataLivrare: date, dataScadenta: null,
    buyer: { tip: 'pj', nume: `Transport ${tag} SRL`, codFiscal: 'RO18547290', cnp: null, regCom: null, adresa: 'Str. Fabricii 5', localitate: 'Cluj-Napoca', judet: 'CJ', codPostal: null, tara: 'RO', iban: null, banca: null, telefon: null, email: null, capitalSocial: null, platitorTva: true },
    lines: [{ descriere: 'Revizie', um: 'buc', cantitate: '1', pretUnitar: 30000, ...defaultVat({ platitorTva: true }, date), valoare: 0 }],
    modalitatePlata: 'ordin_plata', order: null, storno: null, observatii: null, emitent: { userId: owner.user.id, name: null }, updateOrder: false,
  }, d.clientId);
  await d.engine.write(ops);
  await d.engine.sync();
  // A cash payment of that invoice with its receipt, numbered in the device's receipt series.
  await inject('POST', '/api/accounting/series', owner.accessToken, { clientId: d.clientId, serie: `CH${tag}`, tipDocument: 'chitanta' });
  await d.engine.sync();
  const receiptSeries = (await d.rows<InvoiceSeries>('invoice_series')).find((s) => s.tip_document === 'chitanta');
  const [invoice] = await d.rows<Invoice>('invoices');
  if (!receiptSeries || !invoice) throw new Error('company setup: no receipt series or invoice');
  const buyer = (JSON.parse(invoice.document) as InvoiceDocument).cumparator;
  const paid = paymentOps({
    invoice, suma: 10_000, data: date, metoda: 'numerar', referinta: null, nota: null, userId: owner.user.id,
    receipt: { series: receiptSeries, seller: sellerFromProfile(profile), payer: buyer, issuer: null },
  });
  await d.engine.write(paid.ops);
  await d.engine.sync();
  // A supplier invoice received from e-Factura: only the server writes those (here straight into its table).
  const now = new Date().toISOString();
  await db.insertInto('received_invoices').values({
    id: newId(), tenant_id: tenantId, created_at: now, updated_at: now, deleted_at: null, version: 0, last_client_id: null,
    anaf_id: `${tag}-1`, tip: 'factura', furnizor_nume: 'Piese Auto SRL', furnizor_cui: 'RO18547290', numar: 'PA 100', data_emitere: date,
    data_scadenta: null, moneda: 'RON', total_fara_tva: 10_000, tva: 2_100, total: 12_100, document: '{}', duplicat: 0, platita: 0, platita_la: null,
  }).execute();
  // A client portal link to the order, and the customer's decision through it (decisions are the server's rows).
  const portalToken = randomBytes(32).toString('base64url');
  await d.engine.create('portal_links', { order_id: order, token_hash: createHash('sha256').update(portalToken).digest('hex'), expira_la: '2099-01-01T00:00:00.000Z', revocat_la: null });
  await d.engine.sync();
  const portal = await inject<{ version: string }>('GET', `/api/portal/${portalToken}`, null);
  const decided = await t.app.inject({
    method: 'POST', url: `/p/${portalToken}`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ versiune: portal.version, nume: `Client ${tag}`, toate: 'aprobat' }).toString(),
  });
  if (decided.statusCode !== 303) throw new Error(`company setup: portal decision ${decided.statusCode} ${decided.body}`);
  await d.engine.sync();

  const rowIds: Record<string, string[]> = {};
  /** The declared columns of one stored row per table: valid rows that the push fuzz varies. */
  const templates: Record<string, Record<string, unknown>> = {};
  for (const table of syncTables) {
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)} where tenant_id = ${tenantId} order by id`.execute(db);
    rowIds[table.name] = rows.rows.map((r) => String(r.id));
    const [first] = rows.rows;
    if (!first) throw new Error(`company setup: nothing synced into ${table.name}`);
    templates[table.name] = Object.fromEntries(Object.keys(table.columns).map((k) => [k, first[k]]));
  }
  const ids = [
    tenantId, owner.user.id, mechanic.user.id, open.id, joined.id, d.clientId,
    ...Object.values(rowIds).flat(),
  ];
  return {
    owner, mechanic, device: d, rowIds, templates, ids, openInvitationToken: open.token, openInvitationId: open.id,
    tenantId, mechanicEmail, emails: [owner.user.email, mechanicEmail, open.email], serie: tag,
  };
}

const operator = await login(t.app, superAdmin.email, superAdmin.password);
const a = await company('FZA', operator.accessToken);
const b = await company('FZB', operator.accessToken);
// The operator's and the billing provider's target: changing a company's plan is their right, so not A or B.
const c = await registerCompany(t.app, { company: { name: 'Service FZC SRL' } });

// ---------- company B, read straight from the database ----------

async function tenantTables(): Promise<string[]> {
  const tables = await db.introspection.getTables();
  const schema = t.database.engine === 'postgres' ? t.database.schema : undefined;
  return tables
    .filter((tb) => (schema ? tb.schema === schema : true) && tb.columns.some((col) => col.name === 'tenant_id'))
    .map((tb) => tb.name)
    .sort();
}
const tablesWithTenant = await tenantTables();

/** Every row of company B in every table, and its users' refresh tokens, in a stable order. */
async function snapshotOfB(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const rows = async (query: RawBuilder<Record<string, unknown>>) =>
    (await query.execute(db)).rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  out.tenants = await rows(sql`select * from tenants where id = ${b.tenantId}`);
  for (const table of tablesWithTenant) {
    // A failed sign-in with B's email is recorded in B's audit trail by design (lockout counts it), and
    // so is a reset link anyone may ask to be mailed to B's address.
    const filter = table === 'audit_log'
      ? sql` and action not in ('auth.login_failed', 'auth.password_reset_requested', 'auth.password_reset_limited')`
      : sql``;
    out[table] = await rows(sql`select * from ${sql.table(table)} where tenant_id = ${b.tenantId}${filter}`);
  }
  const users = (await sql<{ id: string }>`select id from users where tenant_id = ${b.tenantId}`.execute(db)).rows.map((u) => u.id);
  out.refresh_tokens = [];
  for (const id of users) out.refresh_tokens.push(...await rows(sql`select * from refresh_tokens where subject_id = ${id}`));
  out.refresh_tokens.sort();
  return out;
}
const bBefore = await snapshotOfB();

/**
 * Rows of one company that name a row, user or device of another: every id-kind column of every
 * synced row, against the owners of all ids in the database.
 */
async function crossCompanyReferences(): Promise<string[]> {
  // One id may be used in several tables (a company may give its own order the id of another's
  // device): a reference is wrong only when none of the rows it could name is the company's own.
  const owner = new Map<string, { tenant: string; table: string }[]>();
  const add = async (table: string, idColumn = 'id') => {
    const rows = await sql<{ id: string; tenant_id: string }>`select ${sql.ref(idColumn)} as id, tenant_id from ${sql.table(table)}`.execute(db);
    for (const r of rows.rows) owner.set(r.id, [...(owner.get(r.id) ?? []), { tenant: r.tenant_id, table }]);
  };
  for (const table of syncTables) await add(table.name);
  await add('users');
  await add('sync_clients', 'client_id');
  const found: string[] = [];
  for (const table of syncTables) {
    const idColumns = Object.entries(table.columns).filter(([, col]) => col.kind === 'id').map(([name]) => name);
    if (!idColumns.length) continue;
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table.name)}`.execute(db);
    for (const row of rows.rows) {
      for (const column of idColumns) {
        const value = row[column];
        const named = typeof value === 'string' ? (owner.get(value) ?? []) : [];
        const other = named.every((n) => n.tenant !== row.tenant_id) ? named[0] : undefined;
        if (other) found.push(`${table.name}.${column} names a ${other.table} row of another company (row ${String(row.id)} of ${String(row.tenant_id)} → ${value as string} of ${other.tenant})`);
      }
    }
  }
  return found;
}

// ---------- who calls ----------

type Caller = { name: string; headers(): Record<string, string>; pool: Pool; signs?: boolean; weight: (path: string) => number };

const companyPool: Pool = {
  ids: [...a.ids, ...b.ids],
  // The sessions the fuzz signs in with stay out: failed sign-ins would lock them out (B's may be locked).
  emails: [a.emails[2] ?? '', ...b.emails],
  // A's open invitation may be accepted (it joins A); B's token stays out: whoever holds it may join B.
  // A password the rules accept and free series names let requests past validation, to the database.
  strings: [a.serie, b.serie, a.openInvitationToken, 'Garaj-Constanta-7', 'Parola-Buna-2026', 'ROA', 'B2', 'SERIE-NOUA'],
};
const platformPool: Pool = { ids: [tenantOf(c), c.user.id], emails: [c.user.email], strings: [] };

const sessions = { owner: a.owner as Session, mechanic: a.mechanic, operator };
const issuedAt = { owner: Date.now(), mechanic: Date.now(), operator: Date.now() };

/**
 * Keeps the callers signed in through a long run (access tokens last minutes) and after the fuzz
 * deactivated or demoted the mechanic: refresh first, sign in again only when that fails.
 */
async function keepSessions(): Promise<void> {
  const stale = (at: number) => Date.now() - at > 4 * 60_000;
  const works = async (s: Session, url: string) => (await t.app.inject({ method: 'GET', url, headers: bearer(s) })).statusCode === 200;
  const renew = async (s: Session, email: string, password: string): Promise<Session> => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/refresh', payload: { refreshToken: s.refreshToken } });
    return res.statusCode === 200 ? res.json<Session>() : login(t.app, email, password);
  };
  if (stale(issuedAt.operator) || !(await works(sessions.operator, '/api/admin/tenants?limit=1'))) {
    sessions.operator = await renew(sessions.operator, superAdmin.email, superAdmin.password);
    issuedAt.operator = Date.now();
  }
  if (stale(issuedAt.owner) || !(await works(sessions.owner, '/api/me'))) {
    sessions.owner = await renew(sessions.owner, a.owner.user.email, a.owner.password);
    issuedAt.owner = Date.now();
  }
  if (stale(issuedAt.mechanic) || !(await works(sessions.mechanic, '/api/me'))) {
    await t.app.inject({ method: 'PATCH', url: `/api/users/${a.mechanic.user.id}`, headers: bearer(sessions.owner), payload: { role: 'mechanic', active: true } });
    sessions.mechanic = await login(t.app, a.mechanicEmail, mechanicPassword);
    issuedAt.mechanic = Date.now();
  }
}

const tampered = (token: string) => `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
const badTokens = [
  'Bearer', 'Bearer ', 'Bearer x', 'Basic YTpi', `Bearer ${tampered(a.owner.accessToken)}`, `Bearer ${a.owner.offlineLease?.token ?? 'lease'}`,
  `Bearer ${a.owner.refreshToken}`, `Bearer ${'a'.repeat(9000)}`, 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
];
let badToken = 0;

/** Who calls, weighted so that most requests come from someone the route serves (they get furthest). */
const callers: Caller[] = [
  { name: 'no token', headers: () => ({}), pool: companyPool, weight: () => 1 },
  { name: 'broken token', headers: () => ({ authorization: badTokens[badToken++ % badTokens.length] ?? 'Bearer' }), pool: companyPool, weight: () => 1 },
  { name: "company A's owner", headers: () => bearer(sessions.owner), pool: companyPool, weight: (path) => (path.startsWith('/api/admin/') ? 1 : 4) },
  { name: "company A's mechanic", headers: () => bearer(sessions.mechanic), pool: companyPool, weight: () => 1 },
  { name: 'platform operator', headers: () => bearer(sessions.operator), pool: platformPool, weight: (path) => (path.startsWith('/api/admin/') ? 4 : 1) },
  { name: 'billing provider (signed)', headers: () => ({}), pool: platformPool, signs: true, weight: (path) => (path.startsWith('/api/billing/') ? 4 : 1) },
];

/**
 * Valid bodies of routes whose validity needs knowledge the schema does not carry (a password the rules
 * take, a free series name, a real invitation): the fuzz also sends them with one or two fields made
 * hostile, so hostile values reach the code and the database behind validation. Routes without a seed
 * get only bodies made from their schema.
 */
let seedCounter = 0;
const fresh = (prefix: string) => `${prefix}${Date.now().toString(36)}${(seedCounter++).toString(36)}`;
const seedBodies: Record<string, () => Record<string, unknown>> = {
  'POST /api/auth/register': () => ({ email: `${fresh('fz')}@service.ro`, password: 'Garaj-Constanta-7', name: 'Ion Pop', company: { name: 'Service Nou SRL', cui: 'RO14399840' }, seedCatalog: false }),
  'POST /api/auth/login': () => ({ email: b.emails[0] ?? '', password: 'Parola-Gresita-2026' }),
  'POST /api/auth/accept-invitation': () => ({ token: a.openInvitationToken, password: 'Parola-Buna-2026', name: 'Ana' }),
  'POST /api/auth/invitation': () => ({ token: a.openInvitationToken }),
  'POST /api/auth/password-reset/request': () => ({ email: b.emails[0] ?? '', locale: 'ro' }),
  'POST /api/auth/password-reset': () => ({ token: fresh('reset'), password: 'Parola-Buna-2026' }),
  'POST /api/users/{id}/password-reset': () => ({ locale: 'en' }),
  'POST /api/users/invitations': () => ({ email: `${fresh('inv')}@service.ro`, role: 'mechanic' }),
  'PATCH /api/users/{id}': () => ({ role: 'driver', active: true }),
  'POST /api/accounting/series': () => ({ clientId: a.device.clientId, serie: fresh('S').toUpperCase(), numarStart: 1, descriere: 'Seria atelierului' }),
  'POST /api/accounting/series/{id}/claim': () => ({ clientId: a.device.clientId }),
  'PATCH /api/admin/tenants/{id}/entitlements': () => ({ plan: 'pro', billingStatus: 'active' }),
  'POST /api/admin/tenants': () => ({ name: 'Service Nou Operator SRL', cui: 'RO14399840', ownerEmail: `${fresh('own')}@service.ro`, plan: 'pro', billingStatus: 'active' }),
  'POST /api/admin/tenants/{id}/suspend': () => ({ reason: 'Factura restantă' }),
  'POST /api/admin/tenants/{id}/reactivate': () => ({ reason: 'Plata a sosit' }),
  'POST /api/billing/webhook': () => ({ id: fresh('evt_'), type: 'subscription.updated', occurredAt: new Date().toISOString(), tenantId: tenantOf(c), plan: 'pro', billingStatus: 'active' }),
  'POST /api/billing/stripe/webhook': () => ({ id: fresh('evt_'), object: 'event', type: 'checkout.session.completed', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cs_1', customer: 'cus_fuzz', metadata: { tenantId: tenantOf(c), plan: 'pro' } } } }),
  'POST /api/billing/checkout': () => ({ plan: 'pro' }),
  'POST /api/billing/transfer-request': () => ({ plan: 'basic' }),
  'POST /api/admin/tenants/{id}/payments': () => ({ plan: 'pro', reference: 'OP 1' }),
  'POST /api/orders/{id}/email': () => ({ to: `${fresh('client')}@exemplu.ro`, subject: 'Devizul dumneavoastră', text: 'Bună ziua,\nvă trimitem devizul.' }),
  'POST /api/invoices/{id}/email': () => ({ to: `${fresh('client')}@exemplu.ro`, subject: 'Factura dumneavoastră', text: 'Bună ziua,\nvă trimitem factura.' }),
};

/** Path parameters that name real rows, for the routes that need one to get past "not found". */
const seedParams: Record<string, () => string[]> = {
  'DELETE /api/users/invitations/{id}': () => [a.openInvitationId],
  'POST /api/users/invitations/{id}/link': () => [a.openInvitationId],
  'PATCH /api/users/{id}': () => [a.mechanic.user.id],
  'POST /api/users/{id}/password-reset': () => [a.mechanic.user.id],
  'GET /api/admin/tenants/{id}': () => [tenantOf(c)],
  'PATCH /api/admin/tenants/{id}/entitlements': () => [tenantOf(c)],
  'POST /api/admin/tenants/{id}/payments': () => [tenantOf(c)],
  'POST /api/admin/tenants/{id}/suspend': () => [tenantOf(c)],
  'POST /api/admin/tenants/{id}/reactivate': () => [tenantOf(c)],
  'POST /api/accounting/series/{id}/claim': () => a.rowIds.invoice_series ?? [],
  'GET /api/invoices/{id}/pdf': () => a.rowIds.invoices ?? [],
  'GET /api/invoices/{id}/efactura.xml': () => a.rowIds.invoices ?? [],
  'GET /api/orders/{id}/pdf/deviz': () => a.rowIds.orders ?? [],
  'POST /api/orders/{id}/email': () => a.rowIds.orders ?? [],
  'POST /api/invoices/{id}/email': () => a.rowIds.invoices ?? [],
};

/** Values valid for their type that engines and encoders trip on: the ones a seed's field is given most. */
const storageHostile: readonly string[] = ['\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\u202Eabc', 'e\u0301', '🚗', '\uFEFF'];
const int4Edges: readonly number[] = [2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 999_999_999, -1, 0];

/** `seed` with one or two of its fields replaced by hostile values that keep, where it can, the field's type. */
function mutatedSeed(seed: () => Record<string, unknown>, schema: JsonSchema | undefined): fc.Arbitrary<Record<string, unknown>> {
  const sample = seed();
  const paths: string[][] = [];
  const walk = (value: unknown, at: string[]) => {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(v, [...at, k]);
    } else paths.push(at);
  };
  walk(sample, []);
  const schemaAt = (at: string[]) => at.reduce<JsonSchema | undefined>((sch, k) => {
    const resolved = sch?.$ref ? resolveRef(sch.$ref) : sch;
    return resolved?.properties?.[k];
  }, schema);
  const leaf = (at: string[]) => {
    const sub = schemaAt(at);
    const original = at.reduce<unknown>((v, k) => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined), sample);
    const max = sub?.maxLength ?? 100_000;
    if (typeof original === 'string') {
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...storageHostile).map((h) => (typeof original === 'string' && original.length + h.length <= max ? `${original}${h}` : h)) },
        { weight: 2, arbitrary: fc.constantFrom(...hostileStrings).map((h) => h.slice(0, max)) },
        { weight: 1, arbitrary: anyHostile },
      );
    }
    if (typeof original === 'number') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...int4Edges) }, { weight: 2, arbitrary: fc.constantFrom(...hostileNumbers) }, { weight: 1, arbitrary: anyHostile });
    return anyHostile;
  };
  const count = fc.oneof({ weight: 3, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(Math.min(2, paths.length)) });
  return count.chain((n) => fc.uniqueArray(fc.constantFrom(...paths), { minLength: n, maxLength: n, selector: (p) => p.join('.') }))
    .chain((chosen) => fc.tuple(...chosen.map((at) => fc.tuple(fc.constant(at), leaf(at)))))
    .map((changes) => {
      const body = structuredClone(seed());
      for (const [at, value] of changes) {
        let target: Record<string, unknown> = body;
        for (const k of at.slice(0, -1)) target = target[k] as Record<string, unknown>;
        setOwn(target, at.at(-1) ?? '', value);
      }
      return body;
    });
}

// ---------- requests and the rules every answer follows ----------

type Body = { text: string; contentType: string | null; value?: unknown };
type Sent = { method: string; url: string; headers: Record<string, string>; body: Body | null; caller: string; summary?: string };
type Problem = { problem: string; code: string; detail?: string };
type Finding = Problem & { route: string; caller: string; status: number; request: string; features: string[] };

const findings: Finding[] = [];
let requestsSent = 0;
let pushesSent = 0;
let mutationsSent = 0;
let pushOutcome = { applied: 0, rejected: 0, duplicate: 0 };
/** Answers per route and status: how deep the requests got (printed in long runs and with FUZZ_VERBOSE=1). */
const statuses = new Map<string, Map<number, number>>();

function bodyText(raw: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip') return gunzipSync(raw).toString('utf8');
  if (encoding === 'deflate') return inflateSync(raw).toString('utf8');
  return raw.toString('utf8');
}

function logged(since: number): string {
  return serverErrors.slice(since).map((line) => {
    try {
      const entry = JSON.parse(line) as { err?: { message?: string; code?: string } };
      return `${(entry.err?.message ?? '').replace(/\s+/g, ' ')}${entry.err?.code ? ` (${entry.err.code})` : ''}`;
    } catch {
      return line;
    }
  }).filter(Boolean).join('; ').slice(0, 240);
}

async function send(req: Sent): Promise<{ status: number; text: string; contentType: string; cause: string }> {
  requestsSent++;
  const mark = serverErrors.length;
  const res = await t.app.inject({
    method: req.method as 'GET',
    url: req.url,
    headers: { ...req.headers, ...(req.body?.contentType ? { 'content-type': req.body.contentType } : {}) },
    remoteAddress: `10.${requestsSent % 250}.${(requestsSent >> 8) % 250}.7`,
    payloadAsStream: true,
    ...(req.body ? { payload: req.body.text } : {}),
  });
  const contentType = String(res.headers['content-type'] ?? '');
  const stream = res.stream();
  // An event stream never ends by itself: its status and headers are the answer.
  if (contentType.startsWith('text/event-stream')) {
    stream.destroy();
    return { status: res.statusCode, text: '', contentType, cause: logged(mark) };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const encoding = res.headers['content-encoding'];
  return { status: res.statusCode, text: bodyText(Buffer.concat(chunks), typeof encoding === 'string' ? encoding : undefined), contentType, cause: logged(mark) };
}

/** What is wrong with an answer, or null: no 5xx; an error is exactly {error:{code,message,…}} with a known code and its status. */
const codeIn = (text: string) => /"code":"([A-Za-z_]+)"/.exec(text)?.[1] ?? '-';

function problemOf(status: number, text: string, contentType: string, cause = ''): Problem | null {
  const detail = text.slice(0, 200);
  if (status >= 500) return { problem: 'server error', code: codeIn(text), detail: cause ? `${detail}; logged: ${cause}` : detail };
  if (status < 400) {
    if (contentType.includes('json') && text) {
      try {
        JSON.parse(text);
      } catch {
        return { problem: 'a 2xx answer that is not JSON', code: '-', detail };
      }
    }
    return null;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { problem: 'error answer is not JSON', code: '-', detail };
  }
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (!contentType.startsWith('application/json') || typeof body !== 'object' || body === null || Object.keys(body).join() !== 'error' || typeof error !== 'object' || error === null) {
    return { problem: 'error body is not {error:{code,message}}', code: codeIn(text), detail };
  }
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (!isErrorCode(code)) return { problem: `error code outside the ${errorCodes.length} known codes`, code: String(code), detail };
  if (typeof message !== 'string') return { problem: 'error without a message', code, detail };
  if (httpStatusOf[code] !== status) return { problem: `status ${status} for ${code} (expected ${httpStatusOf[code]})`, code, detail };
  return null;
}

function describeRequest(req: Sent): string {
  if (req.summary) return req.summary;
  const body = req.body ? ` ${req.body.contentType ?? '(no content type)'} ${req.body.text.length > 400 ? `${req.body.text.slice(0, 300)}… (${req.body.text.length} chars)` : req.body.text}` : '';
  return `${req.method} ${req.url.length > 300 ? `${req.url.slice(0, 300)}…` : req.url}${body}`;
}

function record(route: string, req: Sent, status: number, found: Problem): void {
  findings.push({ route, caller: req.caller, status, ...found, request: describeRequest(req), features: features(`${req.url} ${req.body?.text ?? ''}`) });
}

/** Findings grouped by route, answer and problem, each with what all its requests had in common and the shortest one. */
function report(list: Finding[]): string {
  const classes = new Map<string, Finding[]>();
  for (const f of list) {
    const key = `${f.route} → ${f.status} ${f.code}: ${f.problem}`;
    classes.set(key, [...(classes.get(key) ?? []), f]);
  }
  return [...classes.entries()].map(([key, all]) => {
    const common = all.reduce<string[]>((acc, f) => acc.filter((x) => f.features.includes(x)), all[0]?.features ?? []);
    const shortest = all.reduce((x, y) => (y.request.length < x.request.length ? y : x));
    const who = [...new Set(all.map((f) => f.caller))].join(', ');
    const answer = shortest.detail ? `\n    answer: ${shortest.detail}` : '';
    return `[${engine}] ${key}\n    ${all.length}× (callers: ${who}); every one had: ${common.join(', ') || '(nothing in common)'}\n    e.g. ${shortest.request}${answer}`;
  }).join('\n');
}

// ---------- requests made from the document ----------

const docRes = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
const doc = docRes.json<OpenApiDoc>();
const resolveRef = (ref: string): JsonSchema => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {};
const methods = ['get', 'post', 'put', 'patch', 'delete'];
const routes: Route[] = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).filter(([m]) => methods.includes(m)).map(([m, op]) => ({ method: m.toUpperCase(), path, op })));

/** The routes the app serves, from Fastify's route tree: `METHOD /path/{param}`. */
function servedRoutes(): string[] {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    const path = `${stack.join('')}${m[2] ?? ''}`;
    stack.push(m[2] ?? '');
    const verbs = (m[3] ?? '').split(', ').filter(Boolean);
    for (const verb of verbs) {
      // HEAD is answered for every GET by Fastify itself.
      if (verb === 'HEAD' && verbs.includes('GET')) continue;
      out.add(`${verb} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
  }
  // The document's own pages are not part of the API they describe.
  return [...out].filter((r) => !r.split(' ')[1]?.startsWith('/api/docs')).sort();
}

const stringOf = (v: unknown): string => (typeof v === 'string' ? v : toJsonText(v));

function requestArb(route: Route): fc.Arbitrary<Sent> {
  const key = `${route.method} ${route.path}`;
  const params = route.op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const documented = route.op.requestBody?.content?.['application/json']?.schema;
  const bodySchema = documented ?? undocumentedBodies[key];
  const takesBody = ['POST', 'PUT', 'PATCH'].includes(route.method);

  const known = seedParams[key]?.() ?? [];
  return fc.oneof(...callers.map((c) => ({ weight: c.weight(route.path), arbitrary: fc.constant(c) }))).chain((caller) => {
    const value = (schema: JsonSchema | undefined) => schemaArb(schema ?? { type: 'string' }, resolveRef, caller.pool);
    const segment = (schema: JsonSchema | undefined, seeded: readonly string[] = []) => fc.oneof(
      { weight: 6, arbitrary: value(schema).map((v) => encodeComponent(stringOf(v))) },
      { weight: 1, arbitrary: fc.constantFrom(...rawUrlPieces) },
      ...(seeded.length ? [{ weight: 4, arbitrary: fc.constantFrom(...seeded) }] : []),
    );
    const path = fc.tuple(...pathParams.map((p) => segment(p.schema, known))).map((segments) =>
      pathParams.reduce((acc, p, i) => acc.replace(`{${p.name}}`, segments[i] ?? ''), route.path));
    const query = fc.tuple(
      fc.tuple(...queryParams.map((p) => fc.tuple(
        fc.constant(p.name),
        p.required ? fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) : fc.boolean(),
        fc.array(segment(p.schema), { minLength: 1, maxLength: 2 }),
      ))),
      fc.option(fc.constantFrom('__proto__=1', 'constructor[prototype][x]=1', 'x=%00', `${'q'.repeat(3000)}=1`, '&&', '=', 'limit[]=1'), { freq: 5 }),
    ).map(([pairs, extra]) => {
      const parts = pairs.flatMap(([name, present, values]) => (present ? values.map((v) => `${name}=${v}`) : []));
      if (extra) parts.push(extra);
      return parts.length ? `?${parts.join('&')}` : '';
    });
    const shaped = bodySchema ? schemaArb(bodySchema, resolveRef, caller.pool) : anyHostile;
    const seed = seedBodies[key];
    const json = seed ? fc.oneof(shaped, mutatedSeed(seed, bodySchema)) : shaped;
    const body: fc.Arbitrary<Body | null> = takesBody
      ? fc.oneof(
          { weight: 12, arbitrary: json.map((v): Body => ({ text: toJsonText(v), contentType: 'application/json', value: v })) },
          { weight: 1, arbitrary: fc.constantFrom(...rawBodies).map((r): Body => ({ text: r.text, contentType: r.contentType ?? 'application/json' })) },
        )
      : fc.constant(null);
    return fc.tuple(path, query, body, fc.constantFrom<Record<string, string>>({}, {}, { 'accept-encoding': 'gzip' })).map(([p, q, bd, extra]): Sent => {
      const headers: Record<string, string> = { ...caller.headers(), ...extra };
      if (caller.signs && bd) headers['x-signature'] = `sha256=${createHmac('sha256', billingSecret).update(bd.text, 'utf8').digest('hex')}`;
      if (caller.signs && bd) headers['stripe-signature'] = stripeSigner.webhooks.generateTestHeaderString({ payload: bd.text, secret: stripeWebhookSecret });
      return { method: route.method, url: `${p}${q}`, headers, body: bd, caller: caller.name };
    });
  });
}

async function checkB(): Promise<void> {
  expect(await snapshotOfB(), 'a row of company B changed').toEqual(bBefore);
}

describe(`HTTP fuzz on ${engine} (seed ${seed}, ${runsPerRoute} requests per route)`, () => {
  afterAll(() => {
    if (longRun || process.env.FUZZ_VERBOSE) {
      for (const [route, counts] of statuses) console.log(`[fuzz] ${engine} ${route}: ${[...counts.entries()].sort((x, y) => x[0] - y[0]).map(([st, n]) => `${st}×${n}`).join(' ')}`);
    }
    console.log(`[fuzz] ${engine}: ${requestsSent} requests sent (${routes.length} routes × ${runsPerRoute}, ${pushesSent} sync pushes carrying ${mutationsSent} hostile mutations: ${pushOutcome.applied} applied, ${pushOutcome.rejected} rejected), seed ${seed}`);
  });

  it('fuzzes every route the app serves: each is in the OpenAPI document', () => {
    const documented = routes.map((r) => `${r.method} ${r.path}`).sort();
    expect(documented.length).toBeGreaterThan(20);
    expect(servedRoutes()).toEqual(documented);
  });

  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    it(`${key}: no 5xx, only well-formed errors, company B untouched`, async () => {
      await keepSessions();
      const before = findings.length;
      await fc.assert(fc.asyncProperty(requestArb(route), async (req) => {
        const res = await send(req);
        const seen = statuses.get(key) ?? statuses.set(key, new Map()).get(key);
        seen?.set(res.status, (seen.get(res.status) ?? 0) + 1);
        const found = problemOf(res.status, res.text, res.contentType, res.cause);
        if (found) record(key, req, res.status, found);
      }), { seed, numRuns: runsPerRoute });
      const mine = findings.slice(before);
      if (mine.length) throw new Error(`${mine.length} bad answers:\n${report(mine)}`);
      await checkB();
    }, routeTimeout);
  }

  it('sync push: hostile rows over every synced table get a 200 with a result per mutation', async () => {
    await keepSessions();
    const before = findings.length;
    const hostileTables = ['tenants', 'users', 'sync_clients', 'audit_log', '__proto__', 'VEHICLES', 'vehicles\u0000', 'vehicles;--', 'x'.repeat(64)];
    type Mutation = { table: string; op: 'upsert' | 'delete'; rowId: string; base: Record<string, unknown>; overrides: Record<string, unknown>; baseVersion: number | null };
    const overridesOf = (def: TableDef, invalid: number) => fc.uniqueArray(fc.constantFrom(...Object.keys(def.columns)), { minLength: 1, maxLength: 3 }).chain((keys) =>
      fc.tuple(...keys.map((k) => fc.tuple(fc.constant(k), columnArb(def.columns[k] ?? { kind: 'text', max: 1, nullable: true }, companyPool.ids, invalid)))),
    ).map((pairs) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of pairs) setOwn(out, k, v);
      return out;
    });
    const baseVersion = fc.option(fc.constantFrom(0, 1, 2 ** 31, 2 ** 53 - 1), { freq: 3 });
    const tableMutation = (def: TableDef): fc.Arbitrary<Mutation> => {
      const mine = a.rowIds[def.name] ?? [];
      const theirs = b.rowIds[def.name] ?? [];
      const template = a.templates[def.name] ?? {};
      const upsert = (rowId: fc.Arbitrary<string>, base: Record<string, unknown>, overrides: fc.Arbitrary<Record<string, unknown>>) =>
        fc.record({ table: fc.constant(def.name), op: fc.constant<'upsert'>('upsert'), rowId, base: fc.constant(base), overrides, baseVersion });
      return fc.oneof(
        // A patch of one of A's rows: only the hostile fields are sent, so they reach the database.
        { weight: 4, arbitrary: upsert(fc.constantFrom(...mine), {}, overridesOf(def, 0)) },
        // A new row copied from a valid one, with one to three fields hostile.
        { weight: 4, arbitrary: upsert(fc.uuid(), template, overridesOf(def, 0)) },
        { weight: 1, arbitrary: upsert(fc.uuid(), template, overridesOf(def, 2)) },
        { weight: 1, arbitrary: upsert(fc.uuid(), {}, rowDataArb(def, companyPool.ids)) },
        // B's rows, named by A.
        { weight: 2, arbitrary: upsert(fc.constantFrom(...theirs), template, overridesOf(def, 1)) },
        { weight: 1, arbitrary: fc.record({ table: fc.constant(def.name), op: fc.constant<'delete'>('delete'), rowId: fc.oneof(fc.constantFrom(...theirs), fc.uuid()), base: fc.constant({}), overrides: fc.constant({}), baseVersion }) },
      );
    };
    const mutation = fc.oneof(
      { weight: 15, arbitrary: fc.constantFrom(...syncTables).chain(tableMutation) },
      { weight: 1, arbitrary: fc.record({ table: fc.constantFrom(...hostileTables), op: fc.constant<'upsert'>('upsert'), rowId: fc.uuid(), base: fc.constant({}), overrides: fc.dictionary(fc.string({ maxLength: 8 }), anyHostile, { maxKeys: 3 }), baseVersion }) },
    );
    const push = fc.record({
      mechanic: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      device: fc.boolean(),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
    });
    const route = 'POST /api/sync/push (mutations)';
    const dataOf = (m: Mutation, only?: string) => {
      const data: Record<string, unknown> = { ...m.base };
      for (const k of Object.keys(m.overrides)) if (only === undefined || k === only) setOwn(data, k, m.overrides[k]);
      return data;
    };
    const sendPush = async (mechanic: boolean, clientId: string, list: { m: Mutation; data: Record<string, unknown> }[]) => {
      const last = await sql<{ n: number | string }>`select last_mutation_id as n from sync_clients where client_id = ${clientId}`.execute(db);
      const first = Number(last.rows[0]?.n ?? 0) + 1;
      const mutations = list.map(({ m, data }, i) => {
        const out: Record<string, unknown> = { id: first + i, table: m.table, op: m.op, rowId: m.rowId };
        if (m.op === 'upsert') out.data = data;
        if (m.baseVersion !== null) out.baseVersion = m.baseVersion;
        return out;
      });
      const value = { clientId, schemaVersion: 1, mutations };
      const req: Sent = { method: 'POST', url: '/api/sync/push', headers: bearer(mechanic ? sessions.mechanic : sessions.owner), body: { text: toJsonText(value), contentType: 'application/json', value }, caller: mechanic ? "company A's mechanic" : "company A's owner" };
      pushesSent++;
      mutationsSent += mutations.length;
      return { req, value, first, count: mutations.length, res: await send(req) };
    };
    const outcome = { applied: 0, rejected: 0, duplicate: 0 };
    await fc.assert(fc.asyncProperty(push, async (p) => {
      // The owner's real device holds the invoice series, so its pushes pass the series rules and go deeper.
      const clientId = p.device && !p.mechanic ? a.device.clientId : newId();
      const { req, value, first, count, res } = await sendPush(p.mechanic, clientId, p.mutations.map((m) => ({ m, data: dataOf(m) })));
      if (res.status >= 500) {
        // Narrowed to the mutation, then the field, that fail on their own, each in a push of its own
        // from the same device (the series rules depend on it).
        const rowOf = (m: Mutation) => ((a.rowIds[m.table] ?? []).includes(m.rowId) ? "A's row" : (b.rowIds[m.table] ?? []).includes(m.rowId) ? "B's row" : 'a new row');
        let narrowed = false;
        for (const m of p.mutations) {
          const whole = await sendPush(p.mechanic, clientId, [{ m, data: dataOf(m) }]);
          if (whole.res.status < 500) continue;
          narrowed = true;
          let byField = false;
          for (const only of m.op === 'upsert' && Object.keys(m.overrides).length > 1 ? Object.keys(m.overrides) : []) {
            const single = await sendPush(p.mechanic, clientId, [{ m, data: dataOf(m, only) }]);
            if (single.res.status < 500) continue;
            byField = true;
            const summary = `${m.op} of ${rowOf(m)} of ${m.table} with ${only} = ${toJsonText(m.overrides[only]).slice(0, 160)}${Object.keys(m.base).length ? ' (other fields from a valid row)' : ''}`;
            record(`${route} ${m.table}.${only}`, { ...single.req, summary }, single.res.status, { problem: 'server error for the whole push', code: codeIn(single.res.text), detail: `logged: ${single.res.cause}` });
          }
          if (byField) continue;
          const keys = Object.keys(m.overrides);
          const summary = `${m.op} of ${rowOf(m)} of ${m.table}${keys.length ? ` with ${keys.map((k) => `${k} = ${toJsonText(m.overrides[k]).slice(0, 120)}`).join(', ')}` : ''}${Object.keys(m.base).length ? ' (other fields from a valid row)' : ''}`;
          record(`${route} ${m.table}${keys.length === 1 ? `.${keys[0] ?? ''}` : ''}`, { ...whole.req, summary }, whole.res.status, { problem: 'server error for the whole push', code: codeIn(whole.res.text), detail: `logged: ${whole.res.cause}` });
        }
        if (!narrowed) record(route, { ...req, summary: `only together: ${req.body?.text.slice(0, 3000) ?? ''}` }, res.status, { problem: 'server error for the whole push (only in combination)', code: codeIn(res.text), detail: `logged: ${res.cause}` });
        return;
      }
      const found = problemOf(res.status, res.text, res.contentType, res.cause);
      if (found) return record(route, req, res.status, found);
      if (poisoned(value)) {
        if (res.status !== 400) record(route, req, res.status, { problem: 'a body with a prototype key was not refused', code: codeIn(res.text) });
        return;
      }
      // A body nested far deeper than any push (which is 5 levels) may be refused whole, before it is read.
      if (res.status === 400 && jsonDepth(req.body?.text ?? '') > 16) return;
      if (res.status !== 200) return record(route, req, res.status, { problem: 'the whole push refused instead of a result per mutation', code: codeIn(res.text), detail: res.text.slice(0, 200) });
      const answer = JSON.parse(res.text) as PushResponse;
      for (const r of answer.results) outcome[r.status]++;
      const ok = answer.lastMutationId === first + count - 1
        && answer.results.length === count
        && answer.results.every((r, i) => r.id === first + i && (r.status !== 'rejected' || (isErrorCode(r.code) && typeof r.message === 'string')));
      if (!ok) record(route, req, res.status, { problem: 'results do not answer each mutation', code: '-', detail: res.text.slice(0, 200) });
    }), { seed, numRuns: pushRuns });
    pushOutcome = outcome;

    // What was stored must come back out: A's devices pull everything from the start.
    let cursor = 0;
    for (let page = 0; page < 100; page++) {
      const req: Sent = { method: 'GET', url: `/api/sync/pull?clientId=${a.device.clientId}&cursor=${cursor}&limit=5000`, headers: { ...bearer(sessions.owner), 'accept-encoding': 'gzip' }, body: null, caller: "company A's owner" };
      const res = await send(req);
      const found = problemOf(res.status, res.text, res.contentType, res.cause);
      if (found || res.status !== 200) {
        record('GET /api/sync/pull (after the hostile pushes)', req, res.status, found ?? { problem: 'pull refused', code: codeIn(res.text), detail: res.text.slice(0, 200) });
        break;
      }
      const pulled = JSON.parse(res.text) as { cursor: number; hasMore: boolean };
      cursor = pulled.cursor;
      if (!pulled.hasMore) break;
    }
    const mine = findings.slice(before);
    if (mine.length) throw new Error(`${mine.length} bad answers:\n${report(mine)}`);
    await checkB();
  }, Math.max(60_000, pushRuns * 1_000));

  it('no row of one company names a row, user or device of another', async () => {
    expect(await crossCompanyReferences()).toEqual([]);
    await checkB();
  });
});
