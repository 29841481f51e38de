import { shallowRef, ref, computed } from 'vue';
import { isWholeMonth, calendarMonth, periodDays, shiftMonth, type GlanceQuery, type Period } from '@roaauto/shared';
import type { GlanceSource } from '../slots';
import { loadGlance, type GlanceComparison } from './load';

/** The longest period one may ask for (a few years: the figures are computed on the device). */
export const maxPeriodDays = 3 * 366;

export type GlanceDeps = { sources: () => readonly GlanceSource[]; query: () => Promise<GlanceQuery>; today: () => string };

const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d;

/** Why a from–to range cannot be shown (a message key under `reports.glance.range`), or null. */
export function rangeProblem(from: string, to: string): 'invalid' | 'order' | 'long' | null {
  if (!isDate(from) || !isDate(to)) return 'invalid';
  if (from > to) return 'order';
  return periodDays({ from, to }) > maxPeriodDays ? 'long' : null;
}

/**
 * The state of the month at a glance: the period (this month at first; the month before or after, or any
 * range), the comparison loaded for it from every source, and what went wrong. A later load wins over
 * one still running.
 */
export function useGlance(deps: GlanceDeps) {
  const period = ref<Period>(calendarMonth(deps.today()));
  const data = shallowRef<GlanceComparison | null>(null);
  const loading = ref(false);
  const error = shallowRef<unknown>(null);
  const rangeError = ref<ReturnType<typeof rangeProblem>>(null);
  let run = 0;

  async function load(): Promise<void> {
    const mine = ++run;
    loading.value = true;
    try {
      const result = await loadGlance(deps.sources(), await deps.query(), period.value, deps.today());
      if (mine === run) {
        data.value = result;
        error.value = null;
      }
    } catch (err) {
      if (mine === run) error.value = err;
    } finally {
      if (mine === run) loading.value = false;
    }
  }

  function show(p: Period): Promise<void> {
    period.value = p;
    rangeError.value = null;
    return load();
  }

  /** Moves by one month (a whole month) or by the range's own length. */
  function step(n: -1 | 1): Promise<void> {
    const p = period.value;
    if (isWholeMonth(p)) return show(shiftMonth(p, n));
    const days = periodDays(p);
    const move = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + n * days * 86_400_000).toISOString().slice(0, 10);
    return show({ from: move(p.from), to: move(p.to) });
  }

  async function showRange(from: string, to: string): Promise<void> {
    const problem = rangeProblem(from, to);
    if (problem) {
      rangeError.value = problem;
      return;
    }
    await show({ from, to });
  }

  const wholeMonth = computed(() => isWholeMonth(period.value));
  return {
    period, data, loading, error, rangeError, wholeMonth, load, showRange,
    previous: () => step(-1), next: () => step(1), thisMonth: () => show(calendarMonth(deps.today())),
  };
}
