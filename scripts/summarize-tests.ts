/**
 * Sums the tiers' JSON reports (vitest unit + int + serial, Playwright, the static checks) into the
 * closing line `N passed, N failed, N skipped`. Every failed test is named on a line of its own just
 * above it, so the end of a run's log says what failed. A tier whose report is missing counts as one
 * failure.
 */
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? '.test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];

function read(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return undefined;
  }
}

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: {
    name: string;
    status: string;
    message?: string;
    assertionResults?: { fullName: string; status: string }[];
  }[];
}

for (const tier of ['unit', 'int', 'serial']) {
  const r = read(`${tier}.json`) as VitestReport | undefined;
  if (!r) {
    failures.push(`${tier}: no report (tier did not run)`);
    failed += 1;
    continue;
  }
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  for (const file of r.testResults ?? []) {
    const name = path.relative(process.cwd(), file.name);
    const failedTests = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const t of failedTests) failures.push(`${tier}: ${name} > ${t.fullName}`);
    // A file that failed to load, or in a hook, has no failed test to count: count the file.
    if (failedTests.length === 0 && file.status === 'failed') {
      failed += 1;
      const why = (file.message ?? '').split('\n')[0] || 'in a hook, so its tests did not run';
      failures.push(`${tier}: ${name} (failed: ${why})`);
    }
  }
}

const checks = read('static.json') as { passed: number; failed: number } | undefined;
if (!checks) {
  failures.push('static checks: no report');
  failed += 1;
} else {
  passed += checks.passed;
  failed += checks.failed;
  if (checks.failed > 0) failures.push(`static checks: ${checks.failed} failed (typecheck or lint, above)`);
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; ok: boolean; file?: string }[];
  suites?: PlaywrightSuite[];
}

function failedSpecs(suite: PlaywrightSuite, trail: string[]): string[] {
  const here = suite.title && !suite.title.endsWith('.ts') ? [...trail, suite.title] : trail;
  const own = (suite.specs ?? [])
    .filter((s) => !s.ok)
    .map((s) => `e2e: ${s.file ?? suite.file ?? ''} > ${[...here, s.title].join(' > ')}`);
  return [...own, ...(suite.suites ?? []).flatMap((s) => failedSpecs(s, here))];
}

const e2e = read('e2e.json') as
  | {
      buildFailed?: boolean;
      stats?: { expected: number; unexpected: number; flaky: number; skipped: number };
      errors?: { message?: string }[];
      suites?: PlaywrightSuite[];
    }
  | undefined;
if (!e2e || e2e.buildFailed || !e2e.stats) {
  failures.push('e2e: no report (build failed or Playwright did not run)');
  failed += 1;
} else {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected + (e2e.errors?.length ?? 0);
  skipped += e2e.stats.skipped;
  for (const s of e2e.suites ?? []) failures.push(...failedSpecs(s, []));
  for (const e of e2e.errors ?? []) failures.push(`e2e: ${(e.message ?? 'error').split('\n')[0]}`);
}

for (const f of failures) console.log(`FAILED ${f}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
