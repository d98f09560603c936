#!/usr/bin/env bash
# Idle memory of the published demo (issue 15): start the app in Production on a copy of the repository's demo
# configuration, load the overview N times (default 100, one at a time, with and without compression), wait for the
# GC to settle, and print RSS and its parts from /proc/<pid>/smaps_rollup plus the page's bytes on the wire.
#   bash bench/idle.sh                 # publishes the app into a temporary folder first
#   BENCH_APP=/tmp/pub bash bench/idle.sh   # an app published already
# BENCH_APP_ENV: extra VAR=value pairs for the app (e.g. DOTNET_GCgen0size=0x400000). BENCH_VIEWS: page views (100).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
views=${BENCH_VIEWS:-100}
app_env=${BENCH_APP_ENV:-}
work=$(mktemp -d /tmp/dashboard-idle.XXXXXX)
app_pid=
cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill -TERM "$app_pid"; for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\([Dd][Aa][Ss][Hh][Bb][Oo][Aa][Rr][Dd]__[^=]*\)=.*/\1/p')
unset ASPNETCORE_URLS DOTNET_URLS ASPNETCORE_ENVIRONMENT DOTNET_ENVIRONMENT DASHBOARD_CONTENT_ROOT || true

app=${BENCH_APP:-}
if [ -z "$app" ]; then
  app="$work/app"
  dotnet publish src/Dashboard/Dashboard.csproj -c Release -nologo -v quiet -o "$app" >&2
fi
content="$work/content"
mkdir -p "$content"
cp appsettings.json "$content/"
ln -s "$app/wwwroot" "$content/wwwroot"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# shellcheck disable=SC2086 # app_env is a list of VAR=value words
env DASHBOARD_CONTENT_ROOT="$content" ASPNETCORE_ENVIRONMENT=Production $app_env \
  dotnet "$app/Dashboard.dll" --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.5; done

mem() {
  awk -v label="$1" '/^Rss:/{r=$2} /^Anonymous:/{a=$2} /^Shared_Clean:|^Private_Clean:/{f+=$2} /^Shmem|^Shared_Dirty:/{s+=$2}
    END {printf "%-28s RSS %4.0f MB  anonymous %4.0f MB  file(clean) %4.0f MB\n", label, r/1024, a/1024, f/1024}' "/proc/$app_pid/smaps_rollup"
}
sleep 2
mem "after start-up"
# 10 at a time (a demo page streams for up to its 1 s render deadline); every other view asks for compression.
seq 1 "$views" | xargs -P 10 -I{} sh -c 'if [ $(({} % 2)) = 0 ]; then e="br, gzip"; else e=identity; fi; curl -s -o /dev/null -H "Accept-Encoding: $e" "$0"' "http://127.0.0.1:$port/"
sleep 5
mem "after $views page views"
sleep 10
mem "15 s later"
plain=$(curl -s "http://127.0.0.1:$port/" | wc -c)
br=$(curl -s -H 'Accept-Encoding: br' "http://127.0.0.1:$port/" | wc -c)
gz=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/" | wc -c)
echo "overview page bytes: $plain plain, $br br, $gz gzip"
echo "threads: $(awk '/^Threads:/{print $2}' /proc/$app_pid/status)"
