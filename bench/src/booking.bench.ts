import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { addDays, freeSlots, newId, wallClock, zonedInstant, type BusyRow } from '@roaauto/shared';
import { startServer } from './server-process';

/**
 * The appointments' booking page as a customer's phone gets it, for a shop with 5 bays, 2,000
 * appointments and a 6-week horizon: its weight (plain and gzip) and time to first byte, against the
 * server's health check measured in the same run; and the free-slot computation itself (`freeSlots`)
 * over the whole 6 weeks × 5 bays × 2,000 appointments, in this process (target under 50 ms).
 */
const runs = Number(process.env.BENCH_RUNS ?? 30);
const bayCount = 5;
const appointmentCount = 2_000;
const horizonDays = 42;
const tz = 'Europe/Bucharest';
const superAdmin = { email: 'bench-admin@roaauto.test', password: 'Operator-Parola-2026' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function call<T>(url: string, method: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : null,
  });
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Time to the first byte of the body and the body's size, over a fresh connection each time. */
async function fetchTimed(url: string, gzip: boolean): Promise<{ ttfb: number; bytes: number; status: number }> {
  const start = performance.now();
  const res = await request(url, { headers: { accept: 'text/html', ...(gzip ? { 'accept-encoding': 'gzip' } : {}) }, reset: true });
  let ttfb = 0;
  let bytes = 0;
  for await (const chunk of res.body) {
    if (!ttfb) ttfb = performance.now() - start;
    bytes += (chunk as Buffer).length;
  }
  return { ttfb: ttfb || performance.now() - start, bytes, status: res.statusCode };
}

type Mutation = { table: string; rowId: string; data: Record<string, unknown> };

/** The shop: open Monday to Saturday 08:00–18:00, 5 bays, a one-hour service, 2,000 half-hour appointments over 6 weeks. */
function shopRows(today: string) {
  const bays = Array.from({ length: bayCount }, () => newId());
  const serviceId = newId();
  const hours = [1, 2, 3, 4, 5, 6].map((zi) => ({ zi, de_la: '08:00', pana_la: '18:00' }));
  const appointments: (BusyRow & { data: string })[] = [];
  for (let i = 0; i < appointmentCount; i++) {
    const date = addDays(today, i % horizonDays);
    const start = zonedInstant(date, 8 * 60 + ((i * 7) % 20) * 30, tz);
    appointments.push({
      inceput: new Date(start).toISOString(), sfarsit: new Date(start + 30 * 60_000).toISOString(), data: date,
      post_id: bays[i % bayCount] ?? null, status: 'confirmed',
    });
  }
  const mutations: Mutation[] = [
    {
      table: 'appointment_settings', rowId: newId(), data: {
        suprapuneri: 'warn', confirmare_auto: 1, rezervari_online: 1, pas_minute: 30, orizont_zile: horizonDays, avans_minute: 0, inchis_sarbatori: 1, reminder_ora: null,
      },
    },
    ...hours.map((data) => ({ table: 'appointment_hours', rowId: newId(), data })),
    ...bays.map((id, i) => ({ table: 'appointment_bays', rowId: id, data: { nume: `Post ${i + 1}`, ordine: i, activ: 1 } })),
    { table: 'appointment_services', rowId: serviceId, data: { nume: 'Schimb anvelope', durata_minute: 60, tip_deviz_id: null, online: 1, activ: 1 } },
    ...appointments.map((a, i) => ({
      table: 'appointments', rowId: newId(),
      data: { ...a, client_nume: `Client ${i}`, client_telefon: '0722 123 456', nr_auto: `CJ ${10 + (i % 89)} ABC`, sursa: 'shop' },
    })),
  ];
  return { bays, serviceId, hours, appointments, mutations };
}

const server = await startServer({ ROAAUTO_SUPERADMIN_EMAIL: superAdmin.email, ROAAUTO_SUPERADMIN_PASSWORD: superAdmin.password });
try {
  const base = server.url;
  const email = `bench-${randomUUID()}@roaauto.test`;
  const owner = await call<{ accessToken: string; tenant?: { id: string } }>(`${base}/api/auth/register`, 'POST', {
    email, password: 'Bench-Parola-2026', company: { name: 'Vulcanizare Bench SRL' }, seedCatalog: false,
  });
  const admin = await call<{ accessToken: string }>(`${base}/api/auth/login`, 'POST', superAdmin);
  await call(`${base}/api/admin/tenants/${owner.tenant?.id ?? ''}/entitlements`, 'PATCH', { plan: 'pro', billingStatus: 'active' }, admin.accessToken);
  const session = await call<{ accessToken: string }>(`${base}/api/auth/login`, 'POST', { email, password: 'Bench-Parola-2026' });

  const today = wallClock(Date.now(), tz).date;
  const shop = shopRows(today);
  const clientId = randomUUID();
  for (let i = 0; i < shop.mutations.length; i += 500) {
    const chunk = shop.mutations.slice(i, i + 500).map((m, k) => ({ id: i + k + 1, op: 'upsert', ...m }));
    const pushed = await call<{ lastMutationId: number; rejected?: unknown[] }>(`${base}/api/sync/push`, 'POST', { clientId, schemaVersion: 1, mutations: chunk }, session.accessToken);
    if (pushed.rejected?.length) throw new Error(`push refused: ${JSON.stringify(pushed.rejected.slice(0, 3))}`);
  }
  const slug = 'vulcanizare-bench';
  await call(`${base}/api/appointments/booking-page`, 'PUT', { slug }, session.accessToken);

  const pages = { 'GET /b/:slug (services)': `${base}/b/${slug}`, 'GET /b/:slug?service (a week)': `${base}/b/${slug}?service=${shop.serviceId}&week=0` };
  const health: number[] = [];
  for (let i = 0; i < runs; i++) health.push((await fetchTimed(`${base}/api/health`, false)).ttfb);
  const baseline = median(health);
  console.log(`\nBooking page: ${bayCount} bays, ${appointmentCount} appointments, a ${horizonDays}-day horizon (${runs} runs, a new connection each)`);
  console.log(`${'case'.padEnd(36)} ${'bytes'.padStart(8)} ${'gzip'.padStart(7)} ${'TTFB ms'.padStart(9)} ${'vs baseline'.padStart(12)}`);
  console.log(`${'baseline: GET /api/health'.padEnd(36)} ${''.padStart(8)} ${''.padStart(7)} ${baseline.toFixed(2).padStart(9)} ${'1.00×'.padStart(12)}`);
  for (const [name, url] of Object.entries(pages)) {
    const plain = await fetchTimed(url, false);
    if (plain.status !== 200) throw new Error(`${name} answered ${plain.status}`);
    const gz = await fetchTimed(url, true);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push((await fetchTimed(url, true)).ttfb);
    const m = median(times);
    console.log(`${name.padEnd(36)} ${String(plain.bytes).padStart(8)} ${String(gz.bytes).padStart(7)} ${m.toFixed(2).padStart(9)} ${`${(m / baseline).toFixed(2)}×`.padStart(12)}`);
  }

  // The computation alone, over the whole horizon at once (the page computes one week per answer).
  const query = {
    from: today, to: addDays(today, horizonDays), timeZone: tz, hours: shop.hours, closures: [], closedOnHolidays: true, bays: shop.bays,
    appointments: shop.appointments, service: { id: shop.serviceId, durata_minute: 60 }, stepMinutes: 30, notBefore: Date.now(),
  };
  freeSlots(query);
  const times: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    count = freeSlots(query).length;
    times.push(performance.now() - start);
  }
  console.log(`freeSlots, ${horizonDays} days × ${bayCount} bays × ${appointmentCount} appointments: median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms (${count} free slots; target < 50 ms)`);
} finally {
  await server.stop();
}
