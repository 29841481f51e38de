// The test command: lint, type-checks, unit and server tests on SQLite and PostgreSQL, build, browser e2e.
// Runs every step it can, then prints which engines ran and one closing line of counts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureChromium } from './ensure-chromium.mjs';

const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'roaauto-test-report-'));
const env = { ...process.env, ROAAUTO_TEST_REPORT_DIR: reportDir, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };
const steps = [];
let failed = false;

function run(name, command, args, { skip } = {}) {
  if (skip) {
    steps.push({ name, status: `skipped (${skip})`, seconds: 0 });
    failed = true;
    return false;
  }
  console.log(`\n━━ ${name} ━━ ${command} ${args.join(' ')}`);
  const start = Date.now();
  const r = spawnSync(command, args, { stdio: 'inherit', env });
  const ok = r.status === 0;
  steps.push({ name, status: ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`, seconds: (Date.now() - start) / 1000 });
  if (!ok) failed = true;
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

let chromium = null;
try {
  chromium = ensureChromium();
} catch (err) {
  console.error(String(err instanceof Error ? err.message : err));
  failed = true;
}

run('lint', 'npx', ['eslint', '.', '--max-warnings', '0']);
run('type-check', 'npm', ['run', 'typecheck', '--silent']);
run('unit and server tests', 'npx', [
  'vitest', 'run', '--reporter=default', '--reporter=./scripts/vitest-engines.reporter.ts',
]);
const built = run('build', 'npm', ['run', 'build', '--silent']);
// e2e/playwright.config.ts writes its JSON report into ROAAUTO_TEST_REPORT_DIR.
const e2eJson = path.join(reportDir, 'e2e.json');
run('browser e2e', 'npx', ['playwright', 'test', '--config', 'e2e/playwright.config.ts'], {
  skip: !built ? 'build failed' : !chromium ? 'no Chromium' : undefined,
});

const projects = readJson(path.join(reportDir, 'vitest.json')) ?? {};
const postgres = readJson(path.join(reportDir, 'postgres.json'));
const e2e = readJson(e2eJson);

let passed = 0;
let failedCount = 0;
let skipped = 0;
for (const c of Object.values(projects)) {
  passed += c.passed;
  failedCount += c.failed;
  skipped += c.skipped;
}
if (e2e) {
  passed += e2e.stats.expected + (e2e.stats.flaky ?? 0);
  failedCount += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}

const sqlite = projects['server:sqlite'];
const pg = projects['server:postgres'];
const counted = (c) => `${c.passed} server tests passed${c.failed ? `, ${c.failed} failed` : ''}${c.skipped ? `, ${c.skipped} skipped (engine-specific)` : ''}`;
const total = (c) => c.passed + c.failed + c.skipped;
const engines = [
  `SQLite: ${sqlite ? counted(sqlite) : 'did not run'}`,
  `PostgreSQL: ${pg ? counted(pg) : 'did not run'}${postgres ? ` (${postgres.source})` : ''}`,
  `Chromium: ${e2e ? `${e2e.stats.expected} e2e tests passed` : 'did not run'}${chromium ? ` (${chromium.version}, ${chromium.path})` : ''}`,
];
if (!sqlite || !pg || total(sqlite) !== total(pg) || sqlite.passed === 0 || pg.passed === 0) {
  engines.push('ERROR: the server tests did not run the same number of tests on both engines');
  failed = true;
}

console.log('\n━━ summary ━━');
for (const s of steps) console.log(`  ${s.name.padEnd(24)} ${s.status.padEnd(22)} ${s.seconds.toFixed(1)} s`);
console.log('\nEngines that ran:');
for (const line of engines) console.log(`  ${line}`);
console.log(`\ntests: ${passed} passed, ${failedCount} failed${skipped ? `, ${skipped} skipped` : ''}`);
fs.rmSync(reportDir, { recursive: true, force: true });
process.exit(failed || failedCount > 0 ? 1 : 0);
