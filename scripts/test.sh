#!/usr/bin/env bash
# The test command (README): installs/starts PostgreSQL and Chromium when missing, runs every test
# project, and ends with one line: `tests: N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."

eval "$(bash scripts/ensure-test-services.sh)"
export DASHBOARD_TEST_POSTGRES="${DASHBOARD_TEST_POSTGRES:-}"
[ -z "$DASHBOARD_TEST_POSTGRES" ] && unset DASHBOARD_TEST_POSTGRES

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

dotnet build Dashboard.sln -c Release -nologo -v quiet
build=$?
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# The browser tests run against the app as deployed (only a published folder carries Blazor's script).
published="$results/published-app"
if ! dotnet publish src/Dashboard -c Release --no-build -o "$published" -nologo -v quiet; then
  echo "publish failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
export DASHBOARD_PUBLISHED_APP="$published"
# What a person should look at (the browser tests' screenshots) outlives the run; git ignores TestResults/.
export DASHBOARD_TEST_ARTIFACTS="${DASHBOARD_TEST_ARTIFACTS:-$PWD/TestResults/artifacts}"

dotnet test Dashboard.sln -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" \
  --blame-hang-timeout 5m -- RunConfiguration.TestSessionTimeout=3000000
status=$?

# Sum the counts of every test project's TRX report.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    root = ET.parse(path).getroot()
    c = root.find("t:ResultSummary/t:Counters", ns)
    if c is None:
        continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    # The summary's notExecuted stays 0 for skipped tests: count the results marked NotExecuted instead.
    s += len(root.findall("t:Results/t:UnitTestResult[@outcome='NotExecuted']", ns))
print(p, f, s)
PY
)
if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1   # the runner failed without a failed test (crash, hang): never report green
fi
echo "artifacts: $DASHBOARD_TEST_ARTIFACTS"
echo "skipped: ${skipped:-0}"
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && [ "${failed:-0}" -eq 0 ]
