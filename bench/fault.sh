#!/usr/bin/env bash
# The fault run (bench/README.md, "Fault run"): the published app with one source that works, then fails for 60 s
# (HTTP 503, a hang, or connection refused), then works again, watched by 1 and by 200 closed-loop viewers.
# Reports upstream calls and fetch attempts during the failure, page times before and during it, and the time to
# fresh after it. Everything listens on 127.0.0.1; every process started here is stopped by PID on exit.
#
# Knobs (environment): BENCH_FAULT_MODES (default "503 hang refused"), BENCH_FAULT_CONCURRENCY (default "1 200"),
# BENCH_FAULT_SECONDS (default 60), BENCH_RESULTS (folder for fault.md and raw/, default bench/results).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

modes=${BENCH_FAULT_MODES:-"503 hang refused"}
levels=${BENCH_FAULT_CONCURRENCY:-"1 200"}
seconds=${BENCH_FAULT_SECONDS:-60}
results=${BENCH_RESULTS:-"$root/bench/results"}
raw="$results/raw"
work=$(mktemp -d /tmp/dashboard-fault.XXXXXX)
pids=()

log() { echo "[fault] $*" >&2; }

stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    stop_pid "$pid"
  done
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT
trap 'exit 130' INT TERM

while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\([Dd][Aa][Ss][Hh][Bb][Oo][Aa][Rr][Dd]__[^=]*\)=.*/\1/p')
unset ASPNETCORE_URLS DOTNET_URLS ASPNETCORE_ENVIRONMENT DOTNET_ENVIRONMENT DASHBOARD_CONTENT_ROOT || true

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet build bench/Dashboard.Bench/Dashboard.Bench.csproj -c Release -nologo -v quiet -o "$work/bench" >&2
dotnet publish src/Dashboard/Dashboard.csproj -c Release -nologo -v quiet -o "$work/app" >&2
bench() { dotnet "$work/bench/Dashboard.Bench.dll" "$@"; }
mkdir -p "$raw"

healthy_port=$(bench free-port)
dotnet "$work/bench/Dashboard.Bench.dll" upstream --port "$healthy_port" >"$raw/fault-healthy.log" 2>&1 &
pids+=("$!")
bench wait-ready --url "http://127.0.0.1:$healthy_port/stats" --timeout 30

files=()
for mode in $modes; do
  for c in $levels; do
    label="fault-$mode-c$c"
    control_port=$(bench free-port)
    value_port=$(bench free-port)
    dotnet "$work/bench/Dashboard.Bench.dll" fault-upstream --port "$control_port" --value-port "$value_port" >"$raw/$label-upstream.log" 2>&1 &
    up_pid=$!
    pids+=("$up_pid")
    bench wait-ready --url "http://127.0.0.1:$control_port/stats" --timeout 30

    content="$work/content-$label"
    management_port=$(bench free-port)
    bench fault-config --out "$content" --value-url "http://127.0.0.1:$value_port/value" \
      --healthy-url "http://127.0.0.1:$healthy_port/api-50ms" --management-url "http://127.0.0.1:$management_port" --wwwroot "$work/app/wwwroot"
    port=$(bench free-port)
    env DASHBOARD_CONTENT_ROOT="$content" ASPNETCORE_ENVIRONMENT=Production \
      dotnet "$work/app/Dashboard.dll" --urls "http://127.0.0.1:$port" >"$raw/$label-app.log" 2>&1 &
    app_pid=$!
    pids+=("$app_pid")
    bench wait-ready --url "http://127.0.0.1:$port/readyz" --timeout 60
    log "$label: app PID $app_pid, fault upstream PID $up_pid; 10 s working, $seconds s $mode, then working again"

    bench fault --url "http://127.0.0.1:$port/" --control "http://127.0.0.1:$control_port" \
      --metrics "http://127.0.0.1:$management_port/metrics" --mode "$mode" --concurrency "$c" \
      --before 10 --failure "$seconds" --after-max 90 --out "$raw/$label.json"
    files+=("$raw/$label.json")
    stop_pid "$app_pid"
    stop_pid "$up_pid"
  done
done

python3 - "${files[@]}" <<'PY' | tee "$results/fault.md"
import json, sys
print("| failure | viewers | upstream calls during it | fetch attempts during it | pages during it | flaky panel during it | page p99 before / during (ms) | healthy panel not fresh | fresh after recovery (ms) |")
print("|---|---|---|---|---|---|---|---|---|")
for path in sys.argv[1:]:
    r = json.load(open(path))
    states = ", ".join(f"{k} {v}" for k, v in sorted(r["FlakyStatesDuringFailure"].items()))
    fresh = "never" if r["TimeToFreshMs"] is None else f"{r['TimeToFreshMs']:.0f}"
    print(f"| {r['Mode']} for {r['FailureSeconds']:.0f} s | {r['Concurrency']} | {r['UpstreamCallsDuringFailure']} | {r['FetchAttemptsDuringFailure']} | {r['PagesDuringFailure']} ({r['ErrorsDuringFailure']} errors) | {states} | {r['PageMsBefore']['P99']:.0f} / {r['PageMsDuringFailure']['P99']:.0f} | {r['HealthyNotFreshDuringFailure']} | {fresh} |")
PY
