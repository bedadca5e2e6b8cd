#!/usr/bin/env bash
# The one test command (README): installs what is missing from Debian's packages, starts dockerd and
# PostgreSQL when they are not running, builds the local image set, then runs every tier
# (unit, integration, end-to-end) and ends with one line: `N passed, N failed, N skipped`.
set -uo pipefail
cd "$(dirname "$0")/.."
results=.test-results
rm -rf "$results" && mkdir -p "$results"
export BERTH_LOG_LEVEL=${BERTH_LOG_LEVEL:-warn}

bash scripts/ensure-host.sh || { echo "host setup failed"; echo "0 passed, 1 failed"; exit 1; }
export TEST_DATABASE_URL=${TEST_DATABASE_URL:-postgres://berth:berth@127.0.0.1:5432/postgres}

echo "== local image set [${SECONDS}s]"
npm run --silent images || { echo "image build failed"; echo "0 passed, 1 failed"; exit 1; }

echo "== static checks (typecheck, lint) [${SECONDS}s]"
static_passed=0; static_failed=0
check() {
  if npm run --silent "$1"; then static_passed=$((static_passed + 1)); else static_failed=$((static_failed + 1)); echo "$1 FAILED"; fi
}
check typecheck
# The production build runs beside lint and the unit tier (each mostly one core), after the type
# check (which reads the route types the build writes); the end-to-end tier waits for it. The tiers
# themselves run one after another: the machine's CPU is the limit (integration files running beside
# the static checks or the end-to-end tier only made every one of them slower).
echo "== next build (in the background; its log: $results/build.log) [${SECONDS}s]"
BERTH_BUILD_SKIP_TYPECHECK=1 npx next build > "$results/build.log" 2>&1 &
build_pid=$!
check lint
echo "{\"passed\": $static_passed, \"failed\": $static_failed}" > "$results/static.json"

echo "== unit [${SECONDS}s]"
npx vitest run --project unit --reporter=default --reporter=json --outputFile="$results/unit.json"
echo "== integration (real PostgreSQL, PGlite, Docker Engine) [${SECONDS}s]"
npx vitest run --project int --reporter=default --reporter=json --outputFile="$results/int.json"
echo "== end-to-end (built app, Playwright, Debian's Chromium) [${SECONDS}s]"
if wait "$build_pid"; then
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" npx playwright test --reporter=list,json
else
  tail -40 "$results/build.log"
  echo '{"buildFailed":true}' > "$results/e2e.json"
fi

echo "== serial (restarts dockerd under a running Berth; alone, after the other tiers) [${SECONDS}s]"
npx vitest run --project serial --reporter=default --reporter=json --outputFile="$results/serial.json"

# The e2e server and the int runner are gone now: remove what their runs made.
npx tsx scripts/sweep-test-objects.ts || echo "sweep of test objects failed (left for the next run)"

echo "== all tiers done [${SECONDS}s]"
npx tsx scripts/summarize-tests.ts "$results"
