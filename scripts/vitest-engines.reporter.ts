import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

export type ProjectCounts = Record<string, { passed: number; failed: number; skipped: number }>;

/** Writes per-project test counts to $ROAAUTO_TEST_REPORT_DIR/vitest.json for scripts/test.mjs. */
export default class EnginesReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const dir = process.env.ROAAUTO_TEST_REPORT_DIR;
    if (!dir) return;
    const counts: ProjectCounts = {};
    for (const mod of testModules) {
      const c = (counts[mod.project.name] ??= { passed: 0, failed: 0, skipped: 0 });
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') c.passed++;
        else if (state === 'failed') c.failed++;
        else c.skipped++;
      }
      if (mod.state() === 'failed' && !mod.children.size) c.failed++;
    }
    fs.writeFileSync(`${dir}/vitest.json`, JSON.stringify(counts, null, 2));
  }
}
