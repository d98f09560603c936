#!/usr/bin/env bash
# Scale-out bench (issue 13, bench/README.md "Scale-out"): the published app as 1 and as 3 instances on one PostgreSQL,
# each time behind Debian's nginx running deploy/nginx/dashboard.conf.template (round-robin; one instance fills all three
# upstream slots), under the same load: page loads at each of BENCH_CONCURRENCY, then BENCH_VIEWERS live viewers
# (spread across the instances by the proxy). Per run: upstream calls per minute, page p50/p99, update delay p99, and
# CPU and RSS of every instance (sampled from /proc). Everything listens on 127.0.0.1; every process started here is
# stopped by PID on exit.
#
# Knobs (environment): BENCH_INSTANCES (default "1 3"), BENCH_CONCURRENCY (default "50 500"), BENCH_VIEWERS (default
# 500), BENCH_WARMUP (s, default 5), BENCH_DURATION (s, default 30), BENCH_MAX_AGE (s, default 5), BENCH_SHARED_READ_WAIT
# (Dashboard:Storage:SharedReadWait, default 00:00:01 as in the cluster tests on this busy 2-core host), BENCH_PG_ADMIN,
# BENCH_DATABASE (default dashboard_bench), BENCH_ROWS (default 10000), BENCH_RESULTS (default bench/results).
# Writes scaleout.md (the table) and raw/scaleout-*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

instance_counts=${BENCH_INSTANCES:-"1 3"}
levels=${BENCH_CONCURRENCY:-"50 500"}
viewers=${BENCH_VIEWERS:-500}
warmup=${BENCH_WARMUP:-5}
duration=${BENCH_DURATION:-30}
max_age=${BENCH_MAX_AGE:-5}
shared_read_wait=${BENCH_SHARED_READ_WAIT:-00:00:01}
pg_admin=${BENCH_PG_ADMIN:-"Host=127.0.0.1;Port=5432;Username=dashboard;Password=dashboard;Database=dashboard_test"}
database=${BENCH_DATABASE:-dashboard_bench}
rows=${BENCH_ROWS:-10000}
results=${BENCH_RESULTS:-"$root/bench/results"}
raw="$results/raw"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx not installed: apt-get install nginx (scripts/ensure-test-services.sh does it as root)" >&2; exit 2; }

log_prefix=scaleout
# shellcheck source=bench/common.sh
source "$root/bench/common.sh"

build_and_publish

mkdir -p "$raw"
rm -f "$raw"/scaleout-*

create_databases
start_upstream "$raw/scaleout-upstream.log"
upstream="http://127.0.0.1:$up_port"

# CPU (% of one core) and RSS (median and max, MB) of each PID over [delay, delay + duration) s, sampled every second.
probe() {
  python3 - "$@" <<'PY'
import json, os, statistics, sys, time
delay, duration, out, pids = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3], [int(p) for p in sys.argv[4:]]
hz = os.sysconf("SC_CLK_TCK")
def cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / hz
def rss(pid):
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
time.sleep(delay)
start, before, samples = time.monotonic(), {p: cpu(p) for p in pids}, {p: [] for p in pids}
while time.monotonic() - start < duration:
    time.sleep(1)
    for p in pids:
        samples[p].append(rss(p))
elapsed = time.monotonic() - start
json.dump([{"pid": p, "cpuPercentOfOneCore": round((cpu(p) - before[p]) / elapsed * 100),
            "rssMbMedian": round(statistics.median(samples[p])), "rssMbMax": round(max(samples[p]))} for p in pids], open(out, "w"))
PY
}

# The nginx configuration the tests run, placeholders filled in, under a main configuration of its own (as NginxProxy.cs).
start_nginx() {
  local prefix=$1 port=$2; shift 2
  local -a apps=("$@")
  mkdir -p "$prefix"
  [ ${#apps[@]} -eq 1 ] && apps=("$1" "$1" "$1")
  sed -e "s|\${DASHBOARD_PROXY_LISTEN}|127.0.0.1:$port|" -e "s|\${DASHBOARD_APP1}|${apps[0]}|" \
      -e "s|\${DASHBOARD_APP2}|${apps[1]}|" -e "s|\${DASHBOARD_APP3}|${apps[2]}|" \
      deploy/nginx/dashboard.conf.template >"$prefix/dashboard.conf"
  cat >"$prefix/nginx.conf" <<EOF
$([ "$(id -u)" = 0 ] && echo "user root;")
daemon off;
worker_processes 1;
pid $prefix/nginx.pid;
error_log $prefix/error.log warn;
events { worker_connections 8192; }
http {
    access_log off;
    client_body_temp_path $prefix/client_body;
    proxy_temp_path $prefix/proxy;
    fastcgi_temp_path $prefix/fastcgi;
    uwsgi_temp_path $prefix/uwsgi;
    scgi_temp_path $prefix/scgi;
    include $prefix/dashboard.conf;
}
EOF
  "$nginx" -p "$prefix" -c "$prefix/nginx.conf" -e "$prefix/error.log" &
  nginx_pid=$!
  pids+=("$nginx_pid")
}

for count in $instance_counts; do
  bench reset-storage --connection "$storage_cs"
  app_pids=()
  apps=()
  for i in $(seq 1 "$count"); do
    content="$work/content-$count-$i"
    bench config --out "$content" --upstream "$upstream" --connection "$cs" --storage-connection "$storage_cs" --max-age "$max_age" --wwwroot "$work/app/wwwroot"
    port=$(bench free-port)
    env DASHBOARD_CONTENT_ROOT="$content" ASPNETCORE_ENVIRONMENT=Production Dashboard__Storage__SharedReadWait="$shared_read_wait" \
      dotnet "$work/app/Dashboard.dll" --urls "http://127.0.0.1:$port" >"$raw/scaleout-app-$count-$i.log" 2>&1 &
    app_pids+=("$!")
    pids+=("$!")
    apps+=("127.0.0.1:$port")
  done
  for app in "${apps[@]}"; do
    bench wait-ready --url "http://$app/readyz" --timeout 90
  done
  proxy_port=$(bench free-port)
  start_nginx "$work/nginx-$count" "$proxy_port" "${apps[@]}"
  bench wait-ready --url "http://127.0.0.1:$proxy_port/readyz" --timeout 15
  proxy="http://127.0.0.1:$proxy_port/"
  log "$count instance(s) (PIDs ${app_pids[*]}) behind nginx on $proxy"

  for c in $levels; do
    log "$count instance(s): c=$c, ${warmup} s warm-up + ${duration} s"
    probe "$warmup" "$duration" "$raw/scaleout-$count-c$c-probe.json" "${app_pids[@]}" &
    probe_pid=$!
    bench load --url "$proxy" --upstream "$upstream" --pid 0 --label "scaleout-$count-c$c" --max-age "$max_age" \
      --concurrency "$c" --warmup "$warmup" --duration "$duration" --out "$raw/scaleout-$count-c$c.json" >&2
    wait "$probe_pid"
  done

  log "$count instance(s): $viewers live viewers for ${duration} s"
  # LiveRunner connects every viewer, waits 5 s, then measures for the duration.
  probe 6 "$duration" "$raw/scaleout-$count-live-probe.json" "${app_pids[@]}" &
  probe_pid=$!
  # Live streams per instance, read from each instance directly (the proxy would ask one of them) in mid-window.
  (sleep $((6 + duration / 2)); for app in "${apps[@]}"; do
    curl -s "http://$app/metrics" | awk '/^dashboard_live_connections[ {]/{print $NF}'
  done | paste -sd' ' >"$raw/scaleout-$count-live-connections.txt") &
  connections_pid=$!
  bench live --url "$proxy" --upstream "$upstream" --pid 0 --viewers "$viewers" --duration "$duration" \
    --out "$raw/scaleout-$count-live.json" >&2 || log "live run reported failures (see the JSON)"
  wait "$probe_pid" "$connections_pid"

  for pid in "${app_pids[@]}"; do
    stop_pid "$pid"
  done
  stop_pid "$nginx_pid"
done

python3 - "$raw" "$instance_counts" "$levels" "$duration" <<'PY' | tee "$results/scaleout.md"
import json, sys
raw, counts, levels, duration = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4]
def per_instance(probe):
    return "<br>".join(f"{p['cpuPercentOfOneCore']} % / {p['rssMbMedian']}–{p['rssMbMax']} MB" for p in probe)
print(f"| instances | load ({duration} s window) | pages/s | errors | upstream calls/min | page p50 / p99 ms | update delay p50 / p99 ms | CPU (% of one core) / RSS median–max per instance |")
print("|---|---|---:|---:|---:|---|---|---|")
for n in counts:
    for c in levels:
        level = json.load(open(f"{raw}/scaleout-{n}-c{c}.json"))["Levels"][0]
        probe = json.load(open(f"{raw}/scaleout-{n}-c{c}-probe.json"))
        calls = level["UpstreamCalls"] / level["DurationSeconds"] * 60
        print(f"| {n} | pages c={c} | {level['PagesPerSecond']:.0f} | {level['Errors']} | {calls:.0f} | {level['FullPageMs']['P50']:.1f} / {level['FullPageMs']['P99']:.1f} | – | {per_instance(probe)} |")
    live = json.load(open(f"{raw}/scaleout-{n}-live.json"))
    probe = json.load(open(f"{raw}/scaleout-{n}-live-probe.json"))
    streams = open(f"{raw}/scaleout-{n}-live-connections.txt").read().split()
    print(f"| {n} | {live['viewers']} live viewers (streams per instance: {' + '.join(streams)}; {live['failures']} failures) | – | {live['failures']} | {live['upstreamCallsPerMinute']:.0f} | – | {live['updateDelayMsP50']:.0f} / {live['updateDelayMsP99']:.0f} | {per_instance(probe)} |")
PY
