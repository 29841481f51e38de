import { describe, expect, it } from 'vitest';
import {
  dismissSuggestion,
  emptySuggestionHistory,
  markShown,
  parseSuggestionHistory,
  pickSuggestion,
  suggestionKinds,
  type SuggestionHistory,
  type SuggestionInput,
} from './suggestions';

// Wall-clock hours in Bucharest (the shop's zone, which decides what "today" is), on any machine.
const hourInBucharest = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Bucharest', hour: 'numeric', hourCycle: 'h23' });
function at(y: number, m: number, d: number, h = 10): Date {
  const guess = Date.UTC(y, m - 1, d, h - 2);
  return new Date(guess - (Number(hourInBucharest.format(guess)) - h) * 3_600_000);
}
const firstUse = at(2025, 9, 1).toISOString();

function input(over: Partial<SuggestionInput> = {}): SuggestionInput {
  return { onFreePlan: true, ordersThisMonth: 0, firstUseAt: firstUse, now: at(2025, 10, 10), history: emptySuggestionHistory, ...over };
}

describe('pickSuggestion: what the situation calls for', () => {
  it('suggests nothing below 20 orders in the first 3 months', () => {
    expect(pickSuggestion(input({ ordersThisMonth: 19 }))).toBeNull();
  });

  it('offers the banner from order #20, the card from #40 and the sheet from #50 of the month', () => {
    expect(pickSuggestion(input({ ordersThisMonth: 20 }))).toBe('orders20');
    expect(pickSuggestion(input({ ordersThisMonth: 39 }))).toBe('orders20');
    expect(pickSuggestion(input({ ordersThisMonth: 40 }))).toBe('orders40');
    expect(pickSuggestion(input({ ordersThisMonth: 50 }))).toBe('orders50');
    expect(pickSuggestion(input({ ordersThisMonth: 120 }))).toBe('orders50');
    expect([suggestionKinds.orders20, suggestionKinds.orders40, suggestionKinds.orders50, suggestionKinds.months3]).toEqual(['banner', 'card', 'sheet', 'card']);
  });

  it('offers only the highest milestone reached (no stale "20 orders" banner at 45)', () => {
    const history = markShown(emptySuggestionHistory, 'orders40', at(2025, 10, 1));
    expect(pickSuggestion(input({ ordersThisMonth: 45, history }))).toBeNull();
  });

  it('thanks after 3 calendar months of use, not a day before', () => {
    expect(pickSuggestion(input({ now: at(2025, 11, 30, 23) }))).toBeNull();
    expect(pickSuggestion(input({ now: at(2025, 12, 1, 0) }))).toBe('months3');
    expect(pickSuggestion(input({ firstUseAt: 'garbage', now: at(2026, 6, 1) }))).toBeNull();
  });

  it('prefers the order milestone when both apply', () => {
    expect(pickSuggestion(input({ ordersThisMonth: 25, now: at(2026, 1, 10) }))).toBe('orders20');
  });
});

describe('pickSuggestion: the showing rules', () => {
  it('shows nothing on a paid plan', () => {
    expect(pickSuggestion(input({ onFreePlan: false, ordersThisMonth: 50, now: at(2026, 6, 1) }))).toBeNull();
  });

  it('keeps today\'s suggestion on screen for the rest of the day, until it is dismissed', () => {
    const shownAt = at(2025, 10, 10, 9);
    const history = markShown(emptySuggestionHistory, 'orders20', shownAt);
    expect(history.lastShownDay).toBe('2025-10-10');
    expect(pickSuggestion(input({ ordersThisMonth: 21, history, now: at(2025, 10, 10, 17) }))).toBe('orders20');
    const dismissed = dismissSuggestion(history, 'orders20', at(2025, 10, 10, 17));
    expect(pickSuggestion(input({ ordersThisMonth: 21, history: dismissed, now: at(2025, 10, 10, 18) }))).toBeNull();
  });

  it('shows each suggestion at most once ever, even when it was never dismissed', () => {
    const history = markShown(emptySuggestionHistory, 'orders20', at(2025, 10, 9));
    expect(pickSuggestion(input({ ordersThisMonth: 22, history, now: at(2025, 10, 10) }))).toBeNull();
    // Next month the shop reaches 20 orders again: still never again.
    expect(pickSuggestion(input({ ordersThisMonth: 20, history, now: at(2025, 11, 20) }))).toBeNull();
  });

  it('shows at most one suggestion a day', () => {
    // The banner was shown this morning and dismissed at once; the shop then reaches 50 orders the same day.
    let history = markShown(emptySuggestionHistory, 'orders20', at(2025, 10, 10, 8));
    history = dismissSuggestion(history, 'orders20', at(2025, 10, 10, 8));
    expect(pickSuggestion(input({ ordersThisMonth: 50, history, now: at(2025, 10, 10, 18) }))).toBeNull();
    // Not dismissed: the 3-month card waits for the next day as well.
    const kept = markShown(emptySuggestionHistory, 'orders50', at(2025, 12, 5, 8));
    expect(pickSuggestion(input({ ordersThisMonth: 55, history: kept, now: at(2025, 12, 5, 20) }))).toBe('orders50');
    expect(pickSuggestion(input({ ordersThisMonth: 55, history: kept, now: at(2025, 12, 6, 8) }))).toBe('months3');
  });

  it('waits 7 days after a dismissal before the next one', () => {
    let history = markShown(emptySuggestionHistory, 'orders40', at(2025, 10, 10, 9));
    history = dismissSuggestion(history, 'orders40', at(2025, 10, 10, 9));
    const later = (d: Date) => pickSuggestion(input({ ordersThisMonth: 50, history, now: d }));
    expect(later(at(2025, 10, 11))).toBeNull();
    expect(later(at(2025, 10, 17, 8))).toBeNull();
    expect(later(at(2025, 10, 17, 10))).toBe('orders50');
  });

  it('a dismissal before any showing (closed straight away) also counts as shown', () => {
    const history = dismissSuggestion(emptySuggestionHistory, 'months3', at(2025, 12, 2));
    expect(history.shown.months3).toBeDefined();
    expect(pickSuggestion(input({ history, now: at(2026, 1, 10) }))).toBeNull();
  });

  it('marking a suggestion shown twice keeps the first time', () => {
    const once = markShown(emptySuggestionHistory, 'orders20', at(2025, 10, 10, 9));
    expect(markShown(once, 'orders20', at(2025, 10, 11))).toBe(once);
  });
});

describe('suggestion history storage', () => {
  it('reads back what was stored and ignores anything malformed', () => {
    const h: SuggestionHistory = { shown: { orders20: at(2025, 10, 1).toISOString() }, dismissedAt: at(2025, 10, 2).toISOString(), lastShownDay: '2025-10-01' };
    expect(parseSuggestionHistory(JSON.stringify(h))).toEqual(h);
    expect(parseSuggestionHistory(null)).toEqual(emptySuggestionHistory);
    expect(parseSuggestionHistory('{not json')).toEqual(emptySuggestionHistory);
    expect(parseSuggestionHistory('null')).toEqual(emptySuggestionHistory);
    expect(parseSuggestionHistory(JSON.stringify({ shown: { orders20: 'x', bogus: '2025-01-01' }, dismissedAt: 5, lastShownDay: 'today' }))).toEqual(emptySuggestionHistory);
  });

  it('counts a day as the shop\'s day: a suggestion seen at 23:30 in Bucharest was seen that day', () => {
    const late = new Date('2025-01-05T21:30:00Z');
    const history = markShown(emptySuggestionHistory, 'orders20', late);
    expect(history.lastShownDay).toBe('2025-01-05');
    expect(markShown(emptySuggestionHistory, 'orders20', new Date('2025-01-05T22:30:00Z')).lastShownDay).toBe('2025-01-06');
  });

  it('offers the WhatsApp tip right after a deviz PDF is shared by hand, once, under the same rules', () => {
    expect(pickSuggestion(input({ pdfShared: true }))).toBe('pdfShare');
    expect(suggestionKinds.pdfShare).toBe('tip');
    expect(pickSuggestion(input({ pdfShared: false }))).toBeNull();
    expect(pickSuggestion(input({ pdfShared: true, onFreePlan: false }))).toBeNull();
    const now = input({}).now;
    const seen = markShown(emptySuggestionHistory, 'pdfShare', new Date(now.getTime() - 10 * 86_400_000));
    expect(pickSuggestion(input({ pdfShared: true, history: seen }))).toBeNull();
    const dismissed = dismissSuggestion(emptySuggestionHistory, 'orders20', new Date(now.getTime() - 2 * 86_400_000));
    expect(pickSuggestion(input({ pdfShared: true, history: dismissed }))).toBeNull();
  });
});
