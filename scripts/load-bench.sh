#!/usr/bin/env bash
# Load benchmark of the web application: a server seeded with 200 contracts and their reviews,
# wrk at 50 connections on the dashboard and on a review page; prints p50/p99 latency and the
# server's resident memory. Usage: scripts/load-bench.sh [sqlite|postgres] (default: both).
# Each page gets a 3 s warm-up run (WARMUP=…) before the measured run (DURATION=…, default 15 s).
# PostgreSQL uses $BENCH_DATABASE_URL (default: a local bunkai_bench database; as root the
# script creates it and starts the cluster). Needs wrk (apt-get install wrk) and a release build.
set -euo pipefail
cd "$(dirname "$0")/.."
MODES=${1:-"sqlite postgres"}
CONNS=${CONNS:-50}
DURATION=${DURATION:-15s}
PORT=${PORT:-18090}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
# BUNKAI_BIN names an already built release binary; otherwise build one.
BIN=${BUNKAI_BIN:-}
if [ -z "$BIN" ]; then swift build -c release >/dev/null; BIN=.build/release/bunkai; fi

run_mode() {
  local mode=$1 data
  data=$(mktemp -d)
  if [ "$mode" = postgres ]; then
    export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://bunkai:bunkai@127.0.0.1:5432/bunkai_bench}
    if [ "$(id -u)" = 0 ] && [ -z "${BENCH_DATABASE_URL:-}" ]; then
      PGVER=$(ls /etc/postgresql | sort -n | tail -1)
      pg_lsclusters -h | grep -q online || pg_ctlcluster "$PGVER" main start
      su postgres -c "psql -q -c \"CREATE USER bunkai WITH PASSWORD 'bunkai' SUPERUSER;\"" 2>/dev/null || true
      su postgres -c "dropdb --if-exists bunkai_bench" && su postgres -c "createdb -O bunkai bunkai_bench"
    fi
    $BIN migrate >/dev/null
  else
    unset DATABASE_URL
  fi
  local seeded review
  seeded=$($BIN seed --contracts 200 --data-dir "$data" 2>/dev/null)
  review=$(echo "$seeded" | sed -n 's/^review: //p')
  # A database in service has its statistics; fresh from seeding it has not, and autovacuum would
  # run during the measurement.
  if [ "$mode" = postgres ] && command -v psql >/dev/null; then psql -q "$DATABASE_URL" -c "VACUUM ANALYZE"; fi
  $BIN serve --port "$PORT" --data-dir "$data" >"$data/serve.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  # Sign in once, as a browser would, and reuse the session cookie.
  local jar="$data/cookies" csrf cookie
  csrf=$(curl -fsS -c "$jar" "http://127.0.0.1:$PORT/login" | sed -n 's/.*name="_csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -fsS -b "$jar" -c "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" \
    --data-urlencode "email=bench@bunkai.example" --data-urlencode "password=bench-password-1" "http://127.0.0.1:$PORT/login"
  cookie=$(awk '$6=="bunkai_session"{print $7}' "$jar")
  for page in "/" "$review"; do
    curl -fsS -o /dev/null -H "Cookie: bunkai_session=$cookie" "http://127.0.0.1:$PORT$page" || { echo "$page failed" >&2; exit 1; }
    # A short warm-up first (database connections opened, templates parsed, page caches filled),
    # as a server that has been running a while would be; then the measured run.
    wrk -t2 -c"$CONNS" -d"${WARMUP:-3s}" -H "Cookie: bunkai_session=$cookie" "http://127.0.0.1:$PORT$page" >/dev/null
    local out name
    out=$(wrk -t2 -c"$CONNS" -d"$DURATION" --latency -H "Cookie: bunkai_session=$cookie" "http://127.0.0.1:$PORT$page")
    name=$([ "$page" = "/" ] && echo dashboard || echo review)
    local p50 p99 rps non2xx
    p50=$(echo "$out" | awk '$1=="50%"{print $2}')
    p99=$(echo "$out" | awk '$1=="99%"{print $2}')
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
    non2xx=$(echo "$out" | awk '/Non-2xx/{print $NF}')
    echo "$mode $name: p50 $p50  p99 $p99  ${rps} req/s  (${CONNS} connections, $DURATION${non2xx:+, non-2xx $non2xx})"
    # Errors answer fast: a run with any is no measurement.
    if [ -n "$non2xx" ]; then echo "$page answered non-2xx during the run; see $data/serve.log" >&2; kill "$pid"; exit 1; fi
  done
  echo "$mode server memory: $(awk '/VmRSS/{print $2/1024 " MB resident"}' /proc/$pid/status), peak $(awk '/VmHWM/{print $2/1024 " MB"}' /proc/$pid/status)"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
}

for mode in $MODES; do run_mode "$mode"; done
