#!/usr/bin/env bash
# Soak (issue 15, bench/README.md "Soak"): the published app (Production, PostgreSQL storage, the bench dashboard) under
# closed-loop page loads and live viewers at once for BENCH_SOAK_SECONDS, with RSS and anonymous memory read from
# /proc/<pid>/smaps_rollup every 10 s. Reports RSS at the 1-minute mark and at the end, the drift between them, and the
# errors of both loads. Everything listens on 127.0.0.1; every process started here is stopped by PID on exit.
#
# Knobs: BENCH_SOAK_SECONDS (default 600), BENCH_CONCURRENCY (page loaders, default 200), BENCH_VIEWERS (live viewers,
# default 200), BENCH_MAX_AGE (s, default 10), BENCH_THINK_MS (pause between a loader's pages, default 0), BENCH_APP,
# BENCH_APP_ENV, BENCH_PG_ADMIN, BENCH_DATABASE (default dashboard_bench), BENCH_ROWS (default 10000), BENCH_RESULTS.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

seconds=${BENCH_SOAK_SECONDS:-600}
concurrency=${BENCH_CONCURRENCY:-200}
viewers=${BENCH_VIEWERS:-200}
max_age=${BENCH_MAX_AGE:-10}
think_ms=${BENCH_THINK_MS:-0}
app_env=${BENCH_APP_ENV:-}
pg_admin=${BENCH_PG_ADMIN:-"Host=127.0.0.1;Port=5432;Username=dashboard;Password=dashboard;Database=dashboard_test"}
database=${BENCH_DATABASE:-dashboard_bench}
rows=${BENCH_ROWS:-10000}
results=${BENCH_RESULTS:-"$root/bench/results"}
raw="$results/raw"

log_prefix=soak
# shellcheck source=bench/common.sh
source "$root/bench/common.sh"

build_and_publish
mkdir -p "$raw"
rm -f "$raw"/soak-*
create_databases
start_upstream "$raw/soak-upstream.log"

content="$work/content"
bench reset-storage --connection "$storage_cs"
bench config --out "$content" --upstream "http://127.0.0.1:$up_port" --connection "$cs" --storage-connection "$storage_cs" \
  --max-age "$max_age" --wwwroot "$work/app/wwwroot"
port=$(bench free-port)
# shellcheck disable=SC2086 # app_env is a list of VAR=value words
env DASHBOARD_CONTENT_ROOT="$content" ASPNETCORE_ENVIRONMENT=Production $app_env \
  dotnet "$work/app/Dashboard.dll" --urls "http://127.0.0.1:$port" >"$raw/soak-app.log" 2>&1 &
app_pid=$!
pids+=("$app_pid")
bench wait-ready --url "http://127.0.0.1:$port/css/dashboard.css" --timeout 60
log "app on 127.0.0.1:$port (PID $app_pid); $concurrency page loaders and $viewers live viewers for $seconds s"

# Memory every 10 s: seconds since the start, RSS and anonymous kB (smaps_rollup counts every mapping once).
(
  start=$(date +%s)
  while kill -0 "$app_pid" 2>/dev/null; do
    awk -v t=$(( $(date +%s) - start )) '/^Rss:/{r=$2} /^Anonymous:/{a=$2} END{print t, r, a}' "/proc/$app_pid/smaps_rollup" 2>/dev/null || true
    sleep 10
  done
) >"$raw/soak-memory.txt" &
sampler=$!
pids+=("$sampler")

bench live --url "http://127.0.0.1:$port/" --upstream "http://127.0.0.1:$up_port" --pid "$app_pid" \
  --viewers "$viewers" --duration "$seconds" --out "$raw/soak-live.json" >"$raw/soak-live.log" 2>&1 &
live_pid=$!
pids+=("$live_pid")
bench load --url "http://127.0.0.1:$port/" --upstream "http://127.0.0.1:$up_port" --pid "$app_pid" --label soak \
  --max-age "$max_age" --concurrency "$concurrency" --think-ms "$think_ms" --compressed 1 --warmup 0 --duration "$seconds" \
  --out "$raw/soak-load.json" >"$raw/soak-load.log" 2>&1
wait "$live_pid"

python3 - "$raw/soak-memory.txt" "$raw/soak-load.json" "$raw/soak-live.json" "$concurrency" "$viewers" "$seconds" <<'PY' | tee "$results/soak.md"
import json, sys
mem_path, load_path, live_path, conc, viewers, seconds = sys.argv[1:]
samples = [tuple(int(x) for x in line.split()) for line in open(mem_path) if len(line.split()) == 3]
def at(t):
    return min(samples, key=lambda s: abs(s[0] - t))
first, last = at(60), samples[-1]
peak = max(samples, key=lambda s: s[1])
load = json.load(open(load_path))["Levels"][0]
live = json.load(open(live_path))
drift = (last[1] - first[1]) / first[1] * 100
print(f"{conc} closed-loop page loaders (Accept-Encoding: br, gzip) and {viewers} live viewers for {seconds} s.")
print()
print("| | at 1 min | at the end | drift | peak |")
print("|---|---:|---:|---:|---:|")
print(f"| RSS (MB) | {first[1]/1024:.0f} (at {first[0]} s) | {last[1]/1024:.0f} (at {last[0]} s) | {drift:+.1f} % | {peak[1]/1024:.0f} (at {peak[0]} s) |")
print(f"| anonymous (MB) | {first[2]/1024:.0f} | {last[2]/1024:.0f} | {(last[2]-first[2])/first[2]*100:+.1f} % | |")
print()
print(f"Pages: {load['Pages']} ({load['PagesPerSecond']:.0f}/s), errors {load['Errors']}, degraded {load['DegradedPages']}. "
      f"Live: {live['liveConnections']} connected at the end, {live['versions']} versions, failures {live['failures']}, "
      f"update delay p99 {live['updateDelayMsP99']} ms.")
PY
