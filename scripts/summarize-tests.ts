/**
 * Sums the tiers' JSON reports (vitest unit + int, Playwright) into the closing line
 * `N passed, N failed, N skipped`. A tier whose report is missing counts as one failure.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.test-results';
let passed = 0;
let failed = 0;
let skipped = 0;

function read(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return undefined;
  }
}

for (const tier of ['unit.json', 'int.json', 'serial.json']) {
  const r = read(tier) as
    | { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numFailedTestSuites: number }
    | undefined;
  if (!r) {
    console.log(`${tier}: no report (tier did not run)`);
    failed += 1;
    continue;
  }
  passed += r.numPassedTests;
  // A suite that fails to load has no tests to count; count the suite.
  failed += r.numFailedTests + (r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
  skipped += r.numPendingTests + r.numTodoTests;
}

const checks = read('static.json') as { passed: number; failed: number } | undefined;
if (!checks) failed += 1;
else {
  passed += checks.passed;
  failed += checks.failed;
}

const e2e = read('e2e.json') as
  | { buildFailed?: boolean; stats?: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] }
  | undefined;
if (!e2e || e2e.buildFailed || !e2e.stats) {
  console.log('e2e: no report (build failed or Playwright did not run)');
  failed += 1;
} else {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected + (e2e.errors?.length ?? 0);
  skipped += e2e.stats.skipped;
}

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
