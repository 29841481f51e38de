import { addMonths, shopDate } from '../../dates';
/**
 * The soft suggestions of the Free plan ("Revolut style"): a friendly word at a milestone, never a
 * limit, never blocking. The rules:
 * - only on the Free plan;
 * - each suggestion is shown on one day only, ever; dismissing it ("Nu, mulțumesc") hides it for good;
 * - at most one suggestion a day (the one shown today stays until dismissed or until the day ends);
 * - at least 7 days after a dismissal before the next one is shown;
 * - the order milestones count this month's orders; only the highest one reached is offered (at 45
 *   orders the "20 orders" banner would be stale), so the 40 card is not followed by the 20 banner.
 */
export const suggestionIds = ['orders20', 'orders40', 'orders50', 'months3', 'pdfShare'] as const;
export type SuggestionId = (typeof suggestionIds)[number];

/** How each one looks: a small banner, a dashboard card, a non-modal bottom sheet or a tip beside a button. */
export type SuggestionKind = 'banner' | 'card' | 'sheet' | 'tip';
export const suggestionKinds: Readonly<Record<SuggestionId, SuggestionKind>> = {
  orders20: 'banner',
  orders40: 'card',
  orders50: 'sheet',
  months3: 'card',
  pdfShare: 'tip',
};

/** What the device remembers (localStorage): when each was shown, the last dismissal, the last day one was shown. */
export type SuggestionHistory = {
  /** ISO timestamps of the first (and only) showing of each suggestion. */
  shown: Partial<Record<SuggestionId, string>>;
  /** ISO timestamp of the last "Nu, mulțumesc" / close. */
  dismissedAt: string | null;
  /** Local day (YYYY-MM-DD) a suggestion was last shown. */
  lastShownDay: string | null;
};

export type SuggestionInput = {
  /** Free plan: no account, or an account on the 'free' plan. */
  onFreePlan: boolean;
  ordersThisMonth: number;
  /** ISO timestamp of the first use of the app on this device. */
  firstUseAt: string;
  now: Date;
  history: SuggestionHistory;
  /** The person has just shared or downloaded a deviz PDF by hand (the "send it on WhatsApp" tip). */
  pdfShared?: boolean;
};

export const emptySuggestionHistory: SuggestionHistory = { shown: {}, dismissedAt: null, lastShownDay: null };

const dayMs = 86_400_000;
/** Days to wait after a dismissal before another suggestion. */
export const daysAfterDismissal = 7;

/** The suggestions the shop's situation calls for now, most relevant first (before the showing rules). */
function eligible(input: SuggestionInput): SuggestionId[] {
  const out: SuggestionId[] = [];
  if (input.pdfShared) out.push('pdfShare');
  const n = input.ordersThisMonth;
  if (n >= 50) out.push('orders50');
  else if (n >= 40) out.push('orders40');
  else if (n >= 20) out.push('orders20');
  const first = Date.parse(input.firstUseAt);
  // Three calendar months by the shop's days: first used on 1 September, thanked from 1 December.
  if (Number.isFinite(first) && addMonths(shopDate(new Date(first)), 3) <= shopDate(input.now)) out.push('months3');
  return out;
}

/** The suggestion to show now, or null. Pure: the caller records the showing with `markShown`. */
export function pickSuggestion(input: SuggestionInput): SuggestionId | null {
  if (!input.onFreePlan) return null;
  const { history, now } = input;
  const today = shopDate(now);
  const dismissedAt = history.dismissedAt ? Date.parse(history.dismissedAt) : null;

  if (history.lastShownDay === today) {
    // Today's suggestion stays (the dashboard is opened many times a day) until it is dismissed.
    const todays = suggestionIds.find((id) => {
      const at = history.shown[id];
      return at !== undefined && shopDate(new Date(at)) === today;
    });
    if (!todays) return null;
    const shownAt = Date.parse(history.shown[todays] ?? '');
    return dismissedAt !== null && dismissedAt >= shownAt ? null : todays;
  }
  if (dismissedAt !== null && now.getTime() - dismissedAt < daysAfterDismissal * dayMs) return null;
  return eligible(input).find((id) => history.shown[id] === undefined) ?? null;
}

/** The history after `id` was shown now (a repeat showing on the same day changes nothing). */
export function markShown(history: SuggestionHistory, id: SuggestionId, now: Date): SuggestionHistory {
  if (history.shown[id] !== undefined) return history;
  return { ...history, shown: { ...history.shown, [id]: now.toISOString() }, lastShownDay: shopDate(now) };
}

/** The history after the person said "Nu, mulțumesc" (or closed it): that one never comes back. */
export function dismissSuggestion(history: SuggestionHistory, id: SuggestionId, now: Date): SuggestionHistory {
  const shown = history.shown[id] === undefined ? { ...history.shown, [id]: now.toISOString() } : history.shown;
  return { shown, dismissedAt: now.toISOString(), lastShownDay: history.lastShownDay ?? shopDate(now) };
}

/** Reads a stored history, tolerating anything malformed (then it starts afresh). */
export function parseSuggestionHistory(raw: string | null): SuggestionHistory {
  if (!raw) return emptySuggestionHistory;
  try {
    const v = JSON.parse(raw) as Partial<SuggestionHistory> | null;
    if (!v || typeof v !== 'object') return emptySuggestionHistory;
    const shown: Partial<Record<SuggestionId, string>> = {};
    if (v.shown && typeof v.shown === 'object') {
      for (const id of suggestionIds) {
        const at = (v.shown as Record<string, unknown>)[id];
        if (typeof at === 'string' && Number.isFinite(Date.parse(at))) shown[id] = at;
      }
    }
    return {
      shown,
      dismissedAt: typeof v.dismissedAt === 'string' && Number.isFinite(Date.parse(v.dismissedAt)) ? v.dismissedAt : null,
      lastShownDay: typeof v.lastShownDay === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v.lastShownDay) ? v.lastShownDay : null,
    };
  } catch {
    return emptySuggestionHistory;
  }
}
