import { planDay, planLocations, type DayPlan, type PlanInput } from '@roaauto/shared';
import { travelMatrix, type RoadTables } from './planner';

/** The optimiser off the page's thread: a day's plan takes up to its time budget (a few hundred ms). */
export type PlanRequest = { input: PlanInput; tables: RoadTables; speedKmh: number; timeLimitMs: number };
export type PlanResponse = { ok: true; plan: DayPlan } | { ok: false; message: string };

self.onmessage = (event: MessageEvent<PlanRequest>) => {
  const { input, tables, speedKmh, timeLimitMs } = event.data;
  try {
    const plan = planDay(input, travelMatrix(planLocations(input), tables, speedKmh), { timeLimitMs, seed: 1 });
    self.postMessage({ ok: true, plan } satisfies PlanResponse);
  } catch (err) {
    self.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) } satisfies PlanResponse);
  }
};
