#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need, builds once, then runs
#   1. the Swift test suite on SQLite (in memory), then its generated .docx/.xlsx in python-docx,
#      openpyxl and LibreOffice,
#   2. the server tests again on a real PostgreSQL (started on loopback, stopped afterwards), then
#      scripts/fault.sh (concurrent writes, kill -9, PostgreSQL restarted under load),
#   3. a real-browser test (chromium + selenium) against `bunkai serve`, with screenshots,
#   3b. the JSON API: its OpenAPI description validated, the example script run, and schemathesis
#      (property-based: no 5xx, every answer as the spec says) against a live `bunkai serve`,
#   4. each fuzzing harness for 20 s (a crash fails the run).
# As root with apt-get (CI) it installs what is missing; elsewhere it says what to install.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT="$ROOT/out/test"
mkdir -p "$OUT"

need_apt=()
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need_apt+=(postgresql)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
[ -d /usr/share/fonts/opentype/noto ] || need_apt+=(fonts-noto-cjk)
command -v soffice >/dev/null 2>&1 || need_apt+=(libreoffice-writer-nogui libreoffice-calc-nogui)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q "${need_apt[@]}"
  else
    echo "missing: ${need_apt[*]} (install them, e.g. sudo apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi
python3 -c "import selenium, docx, openpyxl, axe_selenium_python, icalendar" 2>/dev/null || python3 -m pip install -q selenium python-docx openpyxl axe-selenium-python icalendar
# A real SMTP server (aiosmtpd) for the mail-over-TLS tests; openssl makes their certificates.
python3 -c "import aiosmtpd" 2>/dev/null || python3 -m pip install -q aiosmtpd
command -v openssl >/dev/null 2>&1 || { echo "missing: openssl" >&2; exit 1; }
# Those tests fail rather than skip when aiosmtpd is missing.
export BUNKAI_REQUIRE_SMTP_TESTS=1

echo "== build (once; every stage below reuses it)"
swift build --build-tests

echo "== 1. test suite on SQLite (it also writes every kind of generated office file)"
rm -rf "$OUT/office"
BUNKAI_OFFICE_OUT="$OUT/office" swift test --skip-build

echo "== 1b. generated Word and Excel files in real readers (python-docx, openpyxl, LibreOffice)"
python3 scripts/check_office.py "$OUT/office"

echo "== 2. server tests on PostgreSQL"
PGVER=$(ls /etc/postgresql 2>/dev/null | sort -n | tail -1 || true)
started_pg=""
stop_pg() { if [ -n "$started_pg" ]; then pg_ctlcluster "$PGVER" main stop || true; fi; }
trap stop_pg EXIT
if [ "$(id -u)" = 0 ] && [ -n "$PGVER" ]; then
  if ! pg_lsclusters -h | grep -q "online"; then
    pg_ctlcluster "$PGVER" main start
    started_pg=1
  fi
  su postgres -c "psql -q -c \"CREATE USER bunkai WITH PASSWORD 'bunkai' SUPERUSER;\"" 2>/dev/null || true
  su postgres -c "createdb -O bunkai bunkai_test" 2>/dev/null || true
  DATABASE_URL=postgres://bunkai:bunkai@127.0.0.1:5432/bunkai_test swift test --skip-build --filter BunkaiServerTests
  # `bunkai migrate` on an empty database, then again (nothing left to do).
  su postgres -c "dropdb --if-exists bunkai_migrate && createdb -O bunkai bunkai_migrate"
  export DATABASE_URL=postgres://bunkai:bunkai@127.0.0.1:5432/bunkai_migrate
  .build/debug/bunkai migrate | grep -q "M004_AccountsAndSessions"
  .build/debug/bunkai migrate | grep -q "最新です"
  unset DATABASE_URL
  echo "bunkai migrate on PostgreSQL: ok"
  echo "== 2b. faults: concurrent writes, kill -9, PostgreSQL restarted under load (scripts/fault.sh)"
  FAULT_OUT="$OUT/fault" bash scripts/fault.sh
elif [ -n "${DATABASE_URL:-}" ]; then
  swift test --skip-build --filter BunkaiServerTests
else
  echo "PostgreSQL stage skipped: run as root (CI) or set DATABASE_URL to a test database" >&2
fi

echo "== 3. browser test (chromium)"
DATA=$(mktemp -d)
PORT=18080
env -u DATABASE_URL .build/debug/bunkai serve --port $PORT --data-dir "$DATA" >"$OUT/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
status=0
python3 scripts/browser_test.py "http://127.0.0.1:$PORT" "$OUT/screenshots" Tests/Fixtures/contracts/hoshu_sakura_typical.txt || status=$?
kill "$SERVER" 2>/dev/null || true
wait "$SERVER" 2>/dev/null || true
rm -rf "$DATA"
if [ $status -ne 0 ]; then
  echo "browser test failed; server log: $OUT/serve.log" >&2
  tail -20 "$OUT/serve.log" >&2
  exit $status
fi
echo "== 3b. JSON API: docs/openapi.yaml validated, examples/api_walkthrough.py, schemathesis on a live server"
bash scripts/api-check.sh "$OUT/api"

echo "== 4. fuzzing: each libFuzzer harness for 20 s (FuzzTesting/, scripts/fuzz.sh)"
bash scripts/fuzz.sh 20

echo "all tests passed"
