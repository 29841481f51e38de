import { lineContentColumns } from '../workshop/order-rules';
import type { DecidedLine } from './portal.tables';

/** What of a line the customer decides on (its content columns), in one canonical text. */
export function lineContent(line: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(lineContentColumns.map((c) => line[c] ?? null));
}

/**
 * The estimate's content in one canonical text: every live line's id and content, by id. Its SHA-256
 * is the estimate's version: any added, removed or changed line makes a new version.
 */
export function estimateContent(lines: readonly (Readonly<Record<string, unknown>> & { id: string })[]): string {
  return JSON.stringify([...lines].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((l) => [l.id, lineContent(l)]));
}

export type EstimateLine = Readonly<Record<string, unknown>> & { id: string; descriere: string; total: number };

export type EstimateChanges<L extends EstimateLine> = {
  added: L[];
  removed: DecidedLine[];
  /** Lines whose content changed: they are undecided again. */
  changed: { before: DecidedLine; after: L }[];
};

/** What changed between the lines a decision was made on and the estimate's lines now. */
export function estimateChanges<L extends EstimateLine>(decided: readonly DecidedLine[], current: readonly L[]): EstimateChanges<L> {
  const before = new Map(decided.map((l) => [l.id, l]));
  const now = new Set(current.map((l) => l.id));
  const added: L[] = [];
  const changed: { before: DecidedLine; after: L }[] = [];
  for (const l of current) {
    const was = before.get(l.id);
    if (!was) added.push(l);
    else if (was.continut !== lineContent(l)) changed.push({ before: was, after: l });
  }
  return { added, changed, removed: decided.filter((l) => !now.has(l.id)) };
}

/** A stored decision's lines (its `linii` column); an unreadable value reads as none. */
export function decidedLines(json: string): DecidedLine[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as DecidedLine[]) : [];
  } catch {
    return [];
  }
}
