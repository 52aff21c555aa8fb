#!/usr/bin/env bash
# The JSON API against a live server (scripts/test.sh stage 3b; needs `swift build` done):
#   1. docs/openapi.yaml is a valid OpenAPI 3 document (openapi-spec-validator),
#   2. examples/api_walkthrough.py goes from an empty organisation to a reviewed contract,
#   3. schemathesis sends generated requests to every operation (valid and invalid ones): no
#      answer may be a 5xx, and every status, body and content type must be as the spec says.
# Bounded in time: API_EXAMPLES requests per operation and phase (default 12), API_MAX_TIME
# seconds for the generated phases (default 120).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/test/api}
mkdir -p "$OUT"
python3 -c "import openapi_spec_validator, schemathesis" 2>/dev/null \
  || python3 -m pip install -q openapi-spec-validator schemathesis

python3 -m openapi_spec_validator docs/openapi.yaml

DATA=$(mktemp -d)
# A free port, so the check never talks to another server left on a fixed one.
PORT=${API_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
BUNKAI=.build/debug/bunkai
unset DATABASE_URL
$BUNKAI migrate --data-dir "$DATA" >/dev/null
printf 'api-check-password-1\n' | $BUNKAI user create --org API確認病院 --email api@example.jp --name 事務長 \
  --role admin --password-stdin --data-dir "$DATA" >/dev/null
TOKEN=$($BUNKAI token create --email api@example.jp --label api-check --data-dir "$DATA")
# Only an executive approves a review or signs a risk acceptance.
printf 'api-check-password-1\n' | $BUNKAI user create --org API確認病院 --email incho@example.jp --name 院長 \
  --role executive --password-stdin --data-dir "$DATA" >/dev/null
EXEC_TOKEN=$($BUNKAI token create --email incho@example.jp --label api-check --data-dir "$DATA")
# No rate limit: schemathesis sends more than a person would.
BUNKAI_API_RATE_PER_MINUTE=0 $BUNKAI serve --port "$PORT" --data-dir "$DATA" >"$OUT/serve.log" 2>&1 &
SERVER=$!
stop() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -rf "$DATA"; }
trap stop EXIT
for _ in $(seq 1 60); do
  curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
if ! kill -0 "$SERVER" 2>/dev/null; then
  echo "bunkai serve did not start; log: $OUT/serve.log" >&2
  tail -20 "$OUT/serve.log" >&2
  exit 1
fi

BUNKAI_URL="http://127.0.0.1:$PORT" BUNKAI_TOKEN="$TOKEN" BUNKAI_EXEC_TOKEN="$EXEC_TOKEN" \
  python3 examples/api_walkthrough.py Tests/Fixtures/contracts/hoshu_sakura_typical.txt | tee "$OUT/walkthrough.txt"

status=0
# One worker (API_WORKERS): with two, schemathesis 4.32 raised an internal KeyError in its coverage
# phase on the multipart operations (a fault of the tool, not an answer of the server).
python3 -m schemathesis.cli run docs/openapi.yaml --url "http://127.0.0.1:$PORT/api/v1" -H "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance \
  --max-examples "${API_EXAMPLES:-12}" --max-time "${API_MAX_TIME:-120}" --workers "${API_WORKERS:-1}" --seed 20261202 \
  --exclude-operation-id revokeToken \
  --report junit --report-junit-path "$OUT/schemathesis.xml" \
  --no-color 2>&1 | tee "$OUT/schemathesis.txt" || status=$?
if [ $status -ne 0 ]; then
  echo "schemathesis found answers that break the spec; server log: $OUT/serve.log" >&2
  tail -20 "$OUT/serve.log" >&2
  exit $status
fi
echo "JSON API: spec valid, walkthrough ok, schemathesis passed"
