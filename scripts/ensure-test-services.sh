#!/usr/bin/env bash
# Installs (Debian packages, as root) and starts what the tests need: PostgreSQL, Chromium and nginx (the scale-out
# tests start their own nginx processes on loopback ports; the system service is not used).
# Prints `export DASHBOARD_TEST_POSTGRES=...` for the caller to eval. Safe to run repeatedly.
set -euo pipefail

log() { echo "[test-services] $*" >&2; }
is_root() { [ "$(id -u)" = "0" ]; }
apt_updated=0
apt_install() {
  if ! is_root; then
    log "not root: cannot install $*; the tests that need it will be skipped (or fail under CI=true)"
    return 1
  fi
  if [ "$apt_updated" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    apt_updated=1
  fi
  log "installing $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# Chromium for the browser tests.
if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium || true
fi

# nginx for the scale-out tests (three instances behind deploy/nginx/dashboard.conf.template).
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  apt_install nginx || true
fi

# PostgreSQL for the storage tests, unless the caller points at one already.
if [ -n "${DASHBOARD_TEST_POSTGRES:-}" ]; then
  log "using DASHBOARD_TEST_POSTGRES from the environment"
  exit 0
fi

if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt_install postgresql || exit 0
fi

cluster=$(pg_lsclusters --no-header 2>/dev/null | head -n1 || true)
if [ -z "$cluster" ]; then
  is_root || { log "no PostgreSQL cluster and not root"; exit 0; }
  version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
  pg_createcluster "$version" main >&2
  cluster=$(pg_lsclusters --no-header | head -n1)
fi
version=$(echo "$cluster" | awk '{print $1}')
name=$(echo "$cluster" | awk '{print $2}')
port=$(echo "$cluster" | awk '{print $3}')
status=$(echo "$cluster" | awk '{print $4}')
if [ "$status" != "online" ]; then
  is_root || { log "PostgreSQL is down and not root"; exit 0; }
  log "starting PostgreSQL $version/$name on port $port"
  pg_ctlcluster "$version" "$name" start >&2
fi

if is_root; then
  # A dedicated login for the tests; each test class creates and drops its own database.
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='dashboard'\"" | grep -q 1 \
    || su postgres -c "psql -p $port -qc \"CREATE ROLE dashboard LOGIN SUPERUSER PASSWORD 'dashboard'\"" >&2
  su postgres -c "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='dashboard_test'\"" | grep -q 1 \
    || su postgres -c "psql -p $port -qc 'CREATE DATABASE dashboard_test OWNER dashboard'" >&2
fi

echo "export DASHBOARD_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=dashboard;Password=dashboard;Database=dashboard_test'"
