import type { FirstStep } from './slots';

/**
 * The first-run guide of the home page: a few steps to the first document (the company's details first,
 * so no document is ever printed with an empty header), each done when its query finds a row.
 */

/** One query that says which steps are done: a column `s<i>` per step, 1 when done. */
export function firstRunQuery(steps: readonly FirstStep[]): string {
  if (!steps.length) return 'SELECT 1 AS none';
  return `SELECT ${steps.map((s, i) => `EXISTS (${s.doneSql}) AS s${i}`).join(', ')}`;
}

export type GuideStep = FirstStep & { done: boolean; next: boolean };

/** The steps with what is done and which one comes next (the first not done), or null when the guide is not shown. */
export function guideSteps(steps: readonly FirstStep[], row: Record<string, unknown> | undefined, hidden: boolean): GuideStep[] | null {
  if (hidden || !row || !steps.length) return null;
  const done = steps.map((_, i) => Number(row[`s${i}`]) === 1);
  if (done.every(Boolean)) return null;
  const next = done.indexOf(false);
  return steps.map((s, i) => ({ ...s, done: done[i] ?? false, next: i === next }));
}

const hiddenKey = 'roaauto.firstRunHidden';
export const guideHidden = (): boolean => localStorage.getItem(hiddenKey) !== null;
export const hideGuide = (): void => localStorage.setItem(hiddenKey, new Date().toISOString());

/** The core's own step: the company's name and CUI, the header of every document. */
export const companyStep: FirstStep = {
  id: 'company',
  labelKey: 'core.firstRun.company',
  hintKey: 'core.firstRun.companyHint',
  to: '/company?next=/',
  tables: ['company_profile'],
  doneSql: `SELECT 1 FROM company_profile WHERE TRIM(nume) <> '' AND TRIM(COALESCE(cui, '')) <> ''`,
  order: 0,
  permissions: ['company.update'],
};
