# Sourced by bench/run.sh, bench/scaleout.sh and bench/fault.sh: a log line, and the processes a bench starts, each stopped by its PID on
# exit (TERM, then KILL after 15 s) together with the temporary folder $work. Also clears the caller's environment of
# anything that would configure the app under test. Set log_prefix before sourcing.

work=$(mktemp -d "/tmp/dashboard-${log_prefix}.XXXXXX")
pids=()

log() { echo "[$log_prefix] $*" >&2; }

stop_pid() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "PID $pid did not stop within 15 s: killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
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

# Nothing from the caller's environment may configure the app under test.
while IFS= read -r name; do unset "$name"; done < <(env | sed -n 's/^\([Dd][Aa][Ss][Hh][Bb][Oo][Aa][Rr][Dd]__[^=]*\)=.*/\1/p')
unset ASPNETCORE_URLS DOTNET_URLS ASPNETCORE_ENVIRONMENT DOTNET_ENVIRONMENT DASHBOARD_CONTENT_ROOT || true

# Builds the bench driver and publishes the app (Release) into $work; defines bench() to run the driver.
build_and_publish() {
  log "machine: $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GB, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  log "building the bench and publishing the app (Release)"
  dotnet build bench/Dashboard.Bench/Dashboard.Bench.csproj -c Release -nologo -v quiet -o "$work/bench" >&2
  if [ -n "${BENCH_APP:-}" ]; then
    # An app published already (e.g. to compare settings with BENCH_APP_ENV on one build).
    cp -r "$BENCH_APP" "$work/app"
  else
    dotnet publish src/Dashboard/Dashboard.csproj -c Release -nologo -v quiet -o "$work/app" >&2
  fi
}
bench() { dotnet "$work/bench/Dashboard.Bench.dll" "$@"; }

# The bench databases (dropped and recreated): $database with $rows events for the SQL panels, and the app's storage
# beside it; sets cs and storage_cs.
create_databases() {
  cs=$(bench db-connection --admin "$pg_admin" --database "$database")
  storage_cs=$(bench db-connection --admin "$pg_admin" --database "${database}_storage")
  log "creating database $database with $rows events"
  bench setup-db --admin "$pg_admin" --database "$database" --rows "$rows" >&2
}

# The fake upstream, its output in $1; sets up_port and up_pid.
start_upstream() {
  up_port=$(bench free-port)
  # Started directly (not through the bench function, which would fork) so $! is the server's own PID.
  dotnet "$work/bench/Dashboard.Bench.dll" upstream --port "$up_port" >"$1" 2>&1 &
  up_pid=$!
  pids+=("$up_pid")
  bench wait-ready --url "http://127.0.0.1:$up_port/stats" --timeout 30
  log "fake upstream on 127.0.0.1:$up_port (PID $up_pid)"
}
