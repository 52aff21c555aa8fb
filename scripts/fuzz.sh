#!/usr/bin/env bash
# Builds the libFuzzer harnesses (FuzzTesting/) and runs each for SECONDS (default 20).
#   scripts/fuzz.sh 20            # all harnesses, 20 s each (what CI runs)
#   scripts/fuzz.sh 600 FuzzDocx  # one harness, longer
#   FUZZ_CONFIG=release scripts/fuzz.sh 600 FuzzText  # optimised build: several times the runs
# The committed seeds are read from FuzzTesting/corpus/NAME; what the fuzzer learns goes to
# FuzzTesting/.work/NAME (not committed). A crash leaves crash-* in FuzzTesting/.work/ and makes
# this script fail: keep the input under Tests/Fixtures/hostile/ and add a regression test.
set -euo pipefail
seconds="${1:-20}"
config="${FUZZ_CONFIG:-debug}"
shift || true
cd "$(dirname "$0")/../FuzzTesting"
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then harnesses=(FuzzText FuzzDocx FuzzXlsx FuzzRedline FuzzCatalog FuzzMultipart FuzzPlaybookCache); fi

mkdir -p .work
# --sanitize links libFuzzer's main; it instruments only this package's own targets, so
# -Xswiftc passes the same to every module: without it the fuzzer gets no coverage from
# BunkaiCore, BunkaiFormats and ZIPFoundation and mutates blindly.
if ! swift build -c "$config" --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize=fuzzer,address \
  > .work/build.log 2>&1; then
  grep -E "error:" -A3 .work/build.log || tail -40 .work/build.log
  exit 1
fi
status=0
for h in "${harnesses[@]}"; do
  mkdir -p ".work/$h"
  echo "== $h (${seconds} s)"
  # -rss_limit_mb: an input that needs more memory than this is a finding too (uploads are
  # bounded to 150 MB over the server's own use; ASan roughly doubles what is allocated).
  if ! SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/lsan.supp" ".build/$config/$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -dict="dict/$h.dict" -artifact_prefix=".work/$h-" -print_final_stats=1 ".work/$h" "corpus/$h" \
    2> ".work/$h.log"; then
    echo "$h: crash or timeout, see FuzzTesting/.work/$h.log"
    tail -40 ".work/$h.log"
    status=1
  fi
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" ".work/$h.log" | sed "s/^/$h /"
done
exit $status
