import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser/harness';
import { build } from 'esbuild';
import { freeSlots, holdingStatuses, type BusyRow, type SlotQuery } from '@roaauto/shared';
import { printTable, type BenchRow } from './table';

/**
 * Free slots for the booking page and the calendar: 6 weeks, 5 bays, 2,000 appointments already made,
 * a 60-minute service on a 15-minute grid, in Node (the server) and in headless Chromium (the device),
 * each the median of 15 runs. The baseline is the plain search the same answer needs without the sorted
 * per-bay lists: every candidate slot checked against every appointment. Target: under 50 ms.
 */
const runs = 15;
const bays = ['b1', 'b2', 'b3', 'b4', 'b5'];
const from = '2026-10-05';
const to = '2026-11-15';

function query(): SlotQuery {
  const appointments: BusyRow[] = [];
  // 2,000 appointments over the six weeks' working days, 30 to 120 minutes, on every bay: a shop in its rush.
  let seed = 18;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  for (let i = 0; i < 2000; i++) {
    const day = Math.floor(random() * 42);
    const start = Date.parse(`${from}T05:00:00.000Z`) + day * 86_400_000 + Math.floor(random() * 32) * 15 * 60_000;
    const minutes = 30 * (1 + Math.floor(random() * 4));
    appointments.push({
      inceput: new Date(start).toISOString(), sfarsit: new Date(start + minutes * 60_000).toISOString(),
      post_id: bays[i % bays.length] ?? null, status: i % 17 === 0 ? 'cancelled' : 'confirmed',
    });
  }
  const hours = [1, 2, 3, 4, 5].flatMap((zi) => [{ zi, de_la: '08:00', pana_la: '12:00' }, { zi, de_la: '12:30', pana_la: '18:00' }]);
  return {
    from, to, timeZone: 'Europe/Bucharest', hours: [...hours, { zi: 6, de_la: '09:00', pana_la: '14:00' }], closures: [], closedOnHolidays: true,
    bays, appointments, service: { id: 's1', durata_minute: 60 }, stepMinutes: 15,
  };
}

/** The baseline: the same slots found by checking each candidate against every appointment. */
function plainSearch(q: SlotQuery): number {
  const slots = freeSlots({ ...q, appointments: [] });
  let offered = 0;
  for (const s of slots) {
    const free = s.bays.filter((b) => !q.appointments.some((a) => a.post_id === b && holdingStatuses.includes(a.status) && a.inceput < s.end && a.sfarsit > s.start));
    if (free.length) offered++;
  }
  return offered;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function measure(fn: () => unknown): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

const q = query();
const slots = freeSlots(q);
if (plainSearch(q) !== slots.length) throw new Error('the two searches disagree');
const rows: BenchRow[] = [
  { name: 'Node: plain search (baseline)', ms: measure(() => plainSearch(q)), ops: 1 },
  { name: 'Node: freeSlots', ms: measure(() => freeSlots(q)), ops: 1 },
];

// The same code in the browser: the shared module bundled for it, run on the same data.
const bundle = await build({
  stdin: {
    contents: "import { freeSlots } from './modules/appointments/slots'; (globalThis as any).freeSlots = freeSlots;",
    resolveDir: fileURLToPath(new URL('../../packages/shared/src', import.meta.url)), loader: 'ts',
  },
  bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2022',
});
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>slots</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
  const inBrowser = await page.evaluate(({ q, runs }) => {
    const run = (globalThis as unknown as { freeSlots: (x: unknown) => unknown[] }).freeSlots;
    const count = run(q).length;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      run(q);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { count, ms: times[Math.floor(times.length / 2)] ?? 0 };
  }, { q, runs });
  if (inBrowser.count !== slots.length) throw new Error(`the browser found ${inBrowser.count} slots, Node ${slots.length}`);
  rows.push({ name: 'Chromium: freeSlots', ms: inBrowser.ms, ops: 1 });
} finally {
  await browser.close();
}
console.log(`${slots.length} slots offered over 6 weeks, 5 bays, ${q.appointments.length} appointments (target: under 50 ms)`);
printTable('Free slots, median of 15 runs', rows);
