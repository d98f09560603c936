#!/usr/bin/env bash
# Load benchmark of the real app (see bench/README.md). Builds and publishes, (re)creates the
# dashboard_bench database, starts the fake upstream, then for MaxAge 0 and MaxAge 10 s starts the
# published app, drives it at each concurrency level and stops it; prints a markdown table.
# Everything listens on 127.0.0.1; every process started here is stopped by PID on exit.
#
# Knobs (environment): BENCH_WARMUP (s, default 5), BENCH_DURATION (s, default 20),
# BENCH_CONCURRENCY (default 1,50,500), BENCH_MAX_AGES (default "0 10"),
# BENCH_PG_ADMIN (a superuser connection string), BENCH_DATABASE (default dashboard_bench),
# BENCH_ROWS (default 200000), BENCH_THINK_MS (random pause between a client's pages, default 0),
# BENCH_RESULTS (folder for results.md and raw/, default bench/results), BENCH_APP_ENV (extra VAR=value pairs for the app, e.g. DOTNET_gcServer=0).
# BENCH_LIVE="1 500": instead of the page load, hold that many live viewers (SSE + enhanced refresh, as
# wwwroot/js/live.js does) for BENCH_DURATION s at each MaxAge; results in live.md.
# BENCH_LIVE_MODE=circuit (default sse): the app runs with Dashboard__Live__Mode=Circuit and the viewers hold
# Interactive Server circuits instead (`bench circuits`); results in live-circuit.md.
# BENCH_RANGE=now-6h: every source follows the time range and every client views /?from=$BENCH_RANGE&to=now (levels
# default to 1,500 and MaxAge to 10 s); results in range.md (upstream calls per minute per level).
# BENCH_CHARTS=1: instead, the demo overview (every chart type) against a static copy of the same page served by the
# same app, at c=50 (BENCH_CHARTS_CONCURRENCY), twice each, alternating; plus `bench charts` (CPU and bytes per chart
# panel, BENCH_RENDERS renders each); results in charts.md. Needs no PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

warmup=${BENCH_WARMUP:-5}
duration=${BENCH_DURATION:-20}
range=${BENCH_RANGE:-}
levels=${BENCH_CONCURRENCY:-$([ -n "$range" ] && echo 1,500 || echo 1,50,500)}
max_ages=${BENCH_MAX_AGES:-$([ -n "$range" ] && echo 10 || echo "0 10")}
pg_admin=${BENCH_PG_ADMIN:-"Host=127.0.0.1;Port=5432;Username=dashboard;Password=dashboard;Database=dashboard_test"}
database=${BENCH_DATABASE:-dashboard_bench}
rows=${BENCH_ROWS:-200000}
app_env=${BENCH_APP_ENV:-}
think_ms=${BENCH_THINK_MS:-0}
compressed=${BENCH_COMPRESSED:-0}
live_mode=${BENCH_LIVE_MODE:-sse}
case "$live_mode" in
  sse) live_command=live; live_prefix=live ;;
  circuit) live_command=circuits; live_prefix=live-circuit; app_env="$app_env Dashboard__Live__Mode=Circuit" ;;
  *) echo "BENCH_LIVE_MODE must be sse or circuit, not '$live_mode'" >&2; exit 2 ;;
esac
results=${BENCH_RESULTS:-"$root/bench/results"}
raw="$results/raw"

log_prefix=bench
# shellcheck source=bench/common.sh
source "$root/bench/common.sh"

build_and_publish

mkdir -p "$raw"
rm -f "$raw"/*.json "$raw"/*.log "$raw"/page-bytes.txt

if [ -z "${BENCH_CHARTS:-}" ]; then
  create_databases
fi

start_upstream "$raw/upstream.log"

if [ -n "${BENCH_CHARTS:-}" ]; then
  # The demo's own configuration (SQLite storage, demo APIs and database) in a content root of its own, with a copy of
  # the published wwwroot to hold the static page. The three demo sources that fail or lag on purpose point at the fake
  # upstream's 50 ms endpoint instead: the page is stored for reuse only while every panel is fresh.
  content="$work/content-charts"
  mkdir -p "$content"
  cp appsettings.json "$content/"
  cp -r "$work/app/wwwroot" "$content/wwwroot"
  fast="http://127.0.0.1:$up_port/api-50ms"
  overrides=(Dashboard__Admin__AllowPrivateTargets=true)
  for source in legacy-erp payments conversion; do
    overrides+=("Dashboard__Sources__${source}__Http__Url=$fast" "Dashboard__Sources__${source}__Http__Path=data.value")
  done
  port=$(bench free-port)
  # shellcheck disable=SC2086 # app_env is a list of VAR=value words
  env DASHBOARD_CONTENT_ROOT="$content" ASPNETCORE_ENVIRONMENT=Production "${overrides[@]}" $app_env \
    dotnet "$work/app/Dashboard.dll" --urls "http://127.0.0.1:$port" >"$raw/app-charts.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  bench wait-ready --url "http://127.0.0.1:$port/css/dashboard.css" --timeout 60
  log "charts: demo app on 127.0.0.1:$port (PID $app_pid)"

  # The static file is the page as a cached view gets it: every panel fresh, nothing streamed.
  static="$content/wwwroot/static-page.html"
  for _ in $(seq 1 60); do
    curl -sf -o "$static" "http://127.0.0.1:$port/" || true
    grep -q -e '<blazor-ssr>' -e 'state-line stale' -e 'state-line unavailable' "$static" || break
    sleep 1
  done
  panels=$(grep -o 'class="state-line fresh' "$static" | wc -l)
  bench charts --renders "${BENCH_RENDERS:-3000}" --url "http://127.0.0.1:$port/" | tee "$results/charts.md"

  concurrency=${BENCH_CHARTS_CONCURRENCY:-50}
  for round in 1 2; do
    for target in page static; do
      path=/; [ "$target" = static ] && path=/static-page.html
      bench load --url "http://127.0.0.1:$port$path" --upstream "http://127.0.0.1:$up_port" --pid "$app_pid" \
        --label "charts-$target-$round" --title "Business overview" --panels "$panels" \
        --concurrency "$concurrency" --warmup "$warmup" --duration "$duration" --out "$raw/charts-$target-$round.json"
    done
  done
  {
    echo
    echo "| round | page pages/s | static file pages/s | page / static | page full p50 / p99 ms | static full p50 / p99 ms | app CPU (cores) page / static |"
    echo "|---|---:|---:|---:|---|---|---|"
    for round in 1 2; do
      jq -rs --arg round "$round" 'def r: . * 10 | round / 10; (.[0].Levels[0]) as $p | (.[1].Levels[0]) as $s |
        "| \($round) | \($p.PagesPerSecond | round) | \($s.PagesPerSecond | round) | \($p.PagesPerSecond / $s.PagesPerSecond * 100 | round) % | \($p.FullPageMs.P50 | r) / \($p.FullPageMs.P99 | r) | \($s.FullPageMs.P50 | r) / \($s.FullPageMs.P99 | r) | \($p.AppCpuCores) / \($s.AppCpuCores) |"' \
        "$raw/charts-page-$round.json" "$raw/charts-static-$round.json"
    done
  } | tee -a "$results/charts.md"
  exit 0
fi

files=()
for max_age in $max_ages; do
  label="maxage-$max_age"
  content="$work/content-$label"
  bench reset-storage --connection "$storage_cs"
  # The published wwwroot: the repository's files plus Blazor's _framework/ script.
  bench config --out "$content" --upstream "http://127.0.0.1:$up_port" --connection "$cs" --storage-connection "$storage_cs" --max-age "$max_age" --wwwroot "$work/app/wwwroot" \
    --ranged "$([ -n "$range" ] && echo true || echo false)"

  port=$(bench free-port)
  # shellcheck disable=SC2086 # app_env is a list of VAR=value words
  env DASHBOARD_CONTENT_ROOT="$content" ASPNETCORE_ENVIRONMENT=Production $app_env \
    dotnet "$work/app/Dashboard.dll" --urls "http://127.0.0.1:$port" >"$raw/app-$label.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  bench wait-ready --url "http://127.0.0.1:$port/css/dashboard.css" --timeout 60
  log "$label: app on 127.0.0.1:$port (PID $app_pid); levels $levels, ${warmup} s warm-up + ${duration} s each"

  if [ -n "${BENCH_LIVE:-}" ]; then
    for viewers in $BENCH_LIVE; do
      log "$label: $viewers live viewers ($live_mode) for ${duration} s"
      bench "$live_command" --url "http://127.0.0.1:$port/" --upstream "http://127.0.0.1:$up_port" --pid "$app_pid" \
        --viewers "$viewers" --duration "$duration" --out "$raw/$live_prefix-$label-$viewers.json" >&2
      files+=("$raw/$live_prefix-$label-$viewers.json")
    done
    stop_pid "$app_pid"
    continue
  fi

  bench load --url "http://127.0.0.1:$port/${range:+?from=$range&to=now}" --upstream "http://127.0.0.1:$up_port" \
    --pid "$app_pid" --upstream-pid "$up_pid" --label "$label" --max-age "$max_age" \
    --concurrency "$levels" --think-ms "$think_ms" --compressed "$compressed" --warmup "$warmup" --duration "$duration" --out "$raw/$label.json"
  files+=("$raw/$label.json")
  # The page's weight on the wire, as a client without compression and a browser (br, gzip) get it.
  {
    printf '%s page bytes:' "$label"
    for encoding in identity gzip br; do
      printf ' %s %s' "$encoding" "$(curl -s -H "Accept-Encoding: $encoding" "http://127.0.0.1:$port/" | wc -c)"
    done
    echo
  } | tee -a "$raw/page-bytes.txt" >&2

  stop_pid "$app_pid"
done

if [ -n "${BENCH_LIVE:-}" ]; then
  python3 - "${files[@]}" <<'PY' | tee "$results/$live_prefix.md"
import json, os, sys
runs = [(os.path.basename(path)[5:-5], json.load(open(path))) for path in sys.argv[1:]]
if any(r.get("mode") == "circuit" for _, r in runs):
    # Circuit runs: the SSE columns plus mode, the circuits that rendered before the window and the delay from the app's
    # announcement (/live) to each viewer; "refreshes" are render batches.
    print("| run | mode | viewers | connected | live connections | versions | refreshes (render batches) | failures | upstream calls/min | server CPU (% of a core) | server RSS median / max (MB) | update delay p50 / p99 / max (ms) | from announcement p50 / p99 / max (ms) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, r in runs:
        mode = r.get("mode", "sse")
        name = name[len(mode) + 1:] if name.startswith(mode + "-") else name
        print(f"| {name} | {mode} | {r['viewers']} | {r.get('connected', r['viewers'])} | {r['liveConnections']} | {r['versions']} | {r['refreshes']} | {r['failures']} | {r['upstreamCallsPerMinute']} | {r['serverCpuPercentOfOneCore']} | {r['serverRssMbMedian']:.0f} / {r['serverRssMbMax']:.0f} | {r['updateDelayMsP50']} / {r['updateDelayMsP99']} / {r['updateDelayMsMax']} | {r.get('announceDelayMsP50', '-')} / {r.get('announceDelayMsP99', '-')} / {r.get('announceDelayMsMax', '-')} |")
    sys.exit(0)
print("| run | viewers | live connections | versions | refreshes | upstream calls/min | server CPU (% of a core) | server RSS median / max (MB) | update delay p50 / p99 / max (ms) |")
print("|---|---|---|---|---|---|---|---|---|")
for name, r in runs:
    print(f"| {name} | {r['viewers']} | {r['liveConnections']} | {r['versions']} | {r['refreshes']} | {r['upstreamCallsPerMinute']} | {r['serverCpuPercentOfOneCore']} | {r['serverRssMbMedian']:.0f} / {r['serverRssMbMax']:.0f} | {r['updateDelayMsP50']} / {r['updateDelayMsP99']} / {r['updateDelayMsMax']} |")
PY
  exit 0
fi

if [ -n "$range" ]; then
  python3 - "$range" "${files[@]}" <<'PY' | tee "$results/range.md"
import json, sys
rng, paths = sys.argv[1], sys.argv[2:]
print(f"Every source follows the range; every client views /?from={rng}&to=now (closed loop, no pause).")
print()
print("| MaxAge | viewers (conc.) | pages | pages/s | upstream calls | upstream calls/min | calls/view | errors | degraded |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for path in paths:
    run = json.load(open(path))
    for level in run["Levels"]:
        minutes = level["DurationSeconds"] / 60
        pages = level["Pages"]
        calls = level["UpstreamCalls"]
        print(f"| {run['MaxAgeSeconds']:g} s | {level['Concurrency']} | {pages} | {level['PagesPerSecond']:.0f} | {calls} | {calls / minutes:.1f} | {calls / max(pages, 1):.5f} | {level['Errors']} | {level['DegradedPages']} |")
PY
  exit 0
fi

bench report "${files[@]}" | tee "$results/results.md"
