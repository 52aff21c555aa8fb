#!/usr/bin/env bash
# Fault checks against a real `bunkai serve` on loopback (docs/deployment.md, "Faults it survives"):
#   1. SQLite: 20 uploads to one contract at once, then decisions and checklist saves at once
#      (with idempotent retries): no 5xx, nothing acknowledged lost, no version or decision twice;
#   2. SQLite: kill -9 of the server during a write loop, three times: every acknowledged write
#      is there afterwards and PRAGMA integrity_check says ok;
#   3. PostgreSQL (when DATABASE_URL names a test database, or as root with pg_ctlcluster): the
#      same concurrent writes, then the database stopped for 3 s under load: /healthz answers 503
#      while it is away and the app answers again within 10 s of its return.
# Every loop is bounded; everything listens on 127.0.0.1. Needs a built .build/debug/bunkai.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BUNKAI_BIN:-.build/debug/bunkai}
FIX=Tests/Fixtures/contracts/hoshu_sakura_typical.txt
OUT=${FAULT_OUT:-out/fault}
mkdir -p "$OUT"
[ -x "$BIN" ] || { echo "build first: swift build --product bunkai" >&2; exit 1; }
PORT=${FAULT_PORT:-18090}
BASE="http://127.0.0.1:$PORT"
SERVER=""
fail() { echo "FAIL: $*" >&2; [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; exit 1; }

start_server() { # $1 data dir, $2 log
  # The load here is the point, so the API's per-minute limit is off.
  BUNKAI_API_RATE_PER_MINUTE=0 "$BIN" serve --port "$PORT" --data-dir "$1" >>"$2" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do
    curl -fsS "$BASE/healthz" >/dev/null 2>&1 && return 0
    sleep 0.25
  done
  fail "server did not start (log: $2)"
}
stop_server() {
  [ -n "$SERVER" ] || return 0
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
}

# One SQL answer, from the SQLite file or the PostgreSQL of DATABASE_URL.
DB_FILE=""
q() {
  if [ -n "${DATABASE_URL:-}" ]; then
    psql -qtA "$DATABASE_URL" -c "$1"
  else
    python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); [print("|".join(str(x) for x in r)) for r in c.execute(sys.argv[2])]' "$DB_FILE" "$1"
  fi
}

# Seeds one contract with a reviewed document, makes a token; sets CONTRACT, REVIEW, TOKEN.
seed() { # $1 data dir
  local out
  out=$("$BIN" seed --contracts 1 --chars 3000 --email fault@bunkai.example --data-dir "$1")
  CONTRACT=$(echo "$out" | sed -n 's#^contract: /contracts/##p')
  REVIEW=$(echo "$out" | sed -n 's#^review: /reviews/##p')
  TOKEN=$("$BIN" token create --email fault@bunkai.example --label fault --data-dir "$1")
  [ -n "$CONTRACT" ] && [ -n "$REVIEW" ] && [ -n "$TOKEN" ] || fail "seed gave no contract/review/token"
}

no5xx() { # $1 JSON with "statuses"
  python3 -c 'import json,sys; s=json.loads(sys.argv[1])["statuses"]; bad={k:v for k,v in s.items() if k.startswith("5") or k=="0"}; sys.exit(1 if bad else 0)' "$1"
}

concurrent_writes() { # $1 label
  local label=$1 up mixed n201 docs distinct acked
  up=$(python3 scripts/fault_load.py uploads "$BASE" "$TOKEN" "$CONTRACT" "$FIX" 20)
  echo "$label uploads: $up"
  no5xx "$up" || fail "$label: an upload answered 5xx: $up"
  n201=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["statuses"].get("201",0))' "$up")
  [ "$n201" = 20 ] || fail "$label: $n201 of 20 uploads acknowledged: $up"
  docs=$(q "SELECT count(*) FROM documents")
  distinct=$(q "SELECT count(DISTINCT version) FROM documents")
  [ "$docs" = 21 ] || fail "$label: $docs documents stored, 21 expected (1 seeded + 20)"
  [ "$distinct" = 21 ] || fail "$label: versions repeat ($distinct distinct of $docs)"
  mixed=$(python3 scripts/fault_load.py mixed "$BASE" "$TOKEN" "$CONTRACT" "$REVIEW" 20)
  echo "$label mixed writes: $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["statuses"])' "$mixed")"
  no5xx "$mixed" || fail "$label: a write answered 5xx: $mixed"
  [ "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["statuses"].get("200",0))' "$mixed")" = 20 ] \
    || fail "$label: not every checklist save was acknowledged: $mixed"
  acked=$(python3 -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])["acked"]))' "$mixed")
  [ "$(echo "$acked" | grep -c .)" = 20 ] || fail "$label: not every decision was acknowledged: $mixed"
  for r in $acked; do
    [ "$(q "SELECT count(*) FROM decisions WHERE reason = '$r'")" = 1 ] || fail "$label: decision $r lost or twice"
  done
  echo "$label: 0 answers 5xx, 0 lost, 0 duplicates (20 uploads, 20 decisions with retries, 20 checklist saves)"
}

echo "== fault 1: concurrent writes on SQLite"
DATA=$(mktemp -d)
DB_FILE="$DATA/bunkai.sqlite"
export DATABASE_URL=""
seed "$DATA"
start_server "$DATA" "$OUT/sqlite.log"
concurrent_writes "SQLite"
stop_server

echo "== fault 2: kill -9 during a write loop on SQLite (three times)"
ACK="$OUT/acked.txt"
: >"$ACK"
for round in 1 2 3; do
  start_server "$DATA" "$OUT/sqlite.log"
  python3 scripts/fault_load.py writeloop "$BASE" "$TOKEN" "$REVIEW" "$ACK" 20 &
  LOOP=$!
  sleep $((2 + round))
  kill -9 "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  SERVER=""
  wait "$LOOP" || true
  total=$(grep -c . "$ACK" || true)
  missing=0
  while read -r r; do
    [ "$(q "SELECT count(*) FROM decisions WHERE reason = '$r'")" = 1 ] || missing=$((missing + 1))
  done <"$ACK"
  integrity=$(q "PRAGMA integrity_check")
  echo "round $round: $total acknowledged so far, $missing missing, integrity_check: $integrity"
  [ "$missing" = 0 ] || fail "acknowledged writes lost after kill -9"
  [ "$integrity" = ok ] || fail "integrity_check: $integrity"
  [ "$total" -gt 0 ] || fail "the write loop wrote nothing"
done
rm -rf "$DATA"

echo "== fault 3: PostgreSQL"
PGVER=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1 || true)
if [ -z "${FAULT_DATABASE_URL:-}" ] && { [ "$(id -u)" != 0 ] || [ -z "$PGVER" ]; }; then
  echo "PostgreSQL fault stage skipped: run as root with PostgreSQL installed, or set FAULT_DATABASE_URL" >&2
  exit 0
fi
if [ -n "${FAULT_DATABASE_URL:-}" ]; then
  export DATABASE_URL=$FAULT_DATABASE_URL
else
  pg_lsclusters -h | grep -q online || pg_ctlcluster "$PGVER" main start
  su postgres -c "psql -q -c \"CREATE USER bunkai WITH PASSWORD 'bunkai' SUPERUSER;\"" 2>/dev/null || true
  su postgres -c "dropdb --if-exists bunkai_fault && createdb -O bunkai bunkai_fault"
  export DATABASE_URL=postgres://bunkai:bunkai@127.0.0.1:5432/bunkai_fault
fi
"$BIN" migrate >/dev/null
DATA=$(mktemp -d)
seed "$DATA"
start_server "$DATA" "$OUT/postgres.log"
concurrent_writes "PostgreSQL"

if [ "$(id -u)" = 0 ] && [ -n "$PGVER" ]; then
  python3 scripts/fault_load.py watch "$BASE" "$TOKEN" 25 >"$OUT/watch.json" &
  WATCH=$!
  sleep 4
  pg_ctlcluster "$PGVER" main stop -m fast
  sleep 3
  pg_ctlcluster "$PGVER" main start
  back=$(date +%s.%N)
  wait "$WATCH"
  python3 - "$OUT/watch.json" "$back" <<'PY' || fail "no recovery within 10 s of PostgreSQL's return"
import json, sys
samples = json.load(open(sys.argv[1]))
back = float(sys.argv[2])
down = [s for s in samples if s[0] < back and s[2] == 503]
after = [s for s in samples if s[0] >= back]
# The first moment from which every later answer is good.
ok_from = None
for i, s in enumerate(after):
    if all(x[1] == 200 and x[2] == 200 for x in after[i:]):
        ok_from = s[0]
        break
bad_api = sum(1 for s in samples if s[1] != 200)
print(f"while away: {len(down)} /healthz answers 503; failed API answers in all: {bad_api} of {len(samples)}")
if not down:
    sys.exit("healthz never said 503 while the database was away")
if ok_from is None:
    sys.exit("never recovered")
print(f"recovered {ok_from - back:.2f} s after PostgreSQL was back")
sys.exit(0 if ok_from - back <= 10 else 1)
PY
fi
stop_server
rm -rf "$DATA"
echo "fault checks passed"
