/** Prints benchmark rows as an aligned table, with each row's ratio to the first (the baseline). */
export type BenchRow = { name: string; ms: number; ops: number };

export function printTable(title: string, rows: BenchRow[]): void {
  const base = rows[0];
  if (!base) return;
  console.log(`\n${title}`);
  const header = ['case', 'time (ms)', 'ops/s', 'vs baseline'];
  const lines = rows.map((r) => [
    r.name,
    r.ms.toFixed(1),
    Math.round((r.ops / r.ms) * 1000).toLocaleString('en-US'),
    `${(r.ms / base.ms).toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(fmt(header));
  for (const l of lines) console.log(fmt(l));
}

export async function time(fn: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}
