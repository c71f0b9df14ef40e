#!/usr/bin/env bash
# End-to-end tests through the real window: Xvfb on a free display, a private D-Bus
# session, NO_AT_BRIDGE=1, then Node's test runner over tests/e2e/ (one test at a time).
#   scripts/e2e.sh                 run the suite
#   scripts/e2e.sh CMD [ARGS...]   run CMD in the same environment instead (e.g. the benchmark)
# Fails when the binary, tauri-driver or the display is missing, and when any test was
# skipped or none ran.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

BIN=${DIAODU_BIN:-$ROOT/target/debug/diaodu}
fail() { echo "e2e: ERROR: $*" >&2; exit 1; }
[ -x "$BIN" ] || fail "application binary $BIN is missing: run 'cargo build -p diaodu' (or make e2e)"
export DIAODU_BIN=$BIN
for c in tauri-driver WebKitWebDriver Xvfb dbus-run-session node; do
  command -v "$c" >/dev/null || fail "$c not found: run 'bash scripts/setup.sh --test'"
done

mkdir -p tests/e2e/artifacts
XVFB_LOG=tests/e2e/artifacts/xvfb.log
# Xvfb picks a free display itself and writes its number to fd 3.
dispfile=$(mktemp)
Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$dispfile" >"$XVFB_LOG" 2>&1 &
XVFB_PID=$!
cleanup() { kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true; rm -f "$dispfile"; }
trap cleanup EXIT
for _ in $(seq 100); do
  [ -s "$dispfile" ] && break
  kill -0 "$XVFB_PID" 2>/dev/null || fail "Xvfb exited: $(cat "$XVFB_LOG")"
  sleep 0.1
done
[ -s "$dispfile" ] || fail "Xvfb did not report a display"
export DISPLAY=":$(head -n1 "$dispfile")"
export NO_AT_BRIDGE=1
export GDK_BACKEND=x11
# Skia paints on the CPU, not through OpenGL. Xvfb has no GPU, so Skia's GPU painting
# threads run on Mesa's software rasteriser, and that crashed now and then (dmesg:
# "SkiaGPUWorker ... segfault"; once "ThreadedCompositor ... segfault in swrast_dri.so"),
# killing the web process and the WebDriver session mid-test ("Could not parse element
# info", then "invalid session id"). The compositor itself stays on: with
# WEBKIT_DISABLE_COMPOSITING_MODE=1 WebKitWebDriver's screenshots hang (tried).
export WEBKIT_SKIA_ENABLE_CPU_RENDERING=1
echo "e2e: Xvfb on $DISPLAY, binary $BIN"

# The virtual PDF printer of the printing tests (CUPS running, cups-pdf queue). Should
# it fail, the printing tests fail with its message; the other tests still run.
if printer_env=$(bash scripts/test-printer.sh 2>tests/e2e/artifacts/test-printer.log); then
  while IFS='=' read -r key value; do
    case "$key" in DIAODU_TEST_PRINTER|DIAODU_TEST_PRINT_DIR) export "$key=$value" ;; esac
  done <<<"$printer_env"
  echo "e2e: test printer $DIAODU_TEST_PRINTER, jobs in $DIAODU_TEST_PRINT_DIR/$(id -un)/"
else
  export DIAODU_TEST_PRINTER_ERROR
  DIAODU_TEST_PRINTER_ERROR=$(tail -n 3 tests/e2e/artifacts/test-printer.log)
  echo "e2e: WARNING: no test printer: $DIAODU_TEST_PRINTER_ERROR" >&2
fi

if [ $# -gt 0 ]; then
  dbus-run-session -- "$@"
  exit $?
fi

shopt -s nullglob
tests=(tests/e2e/*.test.mjs)
[ ${#tests[@]} -gt 0 ] || fail "no tests/e2e/*.test.mjs files"

LOG=tests/e2e/artifacts/e2e-output.txt
set +e
dbus-run-session -- node --test --test-concurrency=1 --test-reporter=spec tests/e2e/ 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e
# The spec reporter ends with "ℹ tests N / ℹ pass N / ℹ fail N / ℹ skipped N / ℹ todo N".
count() { sed -n "s/^ℹ $1 \([0-9]*\)$/\1/p" "$LOG" | tail -n1; }
pass=$(count pass); failed=$(count fail); skipped=$(count skipped); todo=$(count todo)
[ "$rc" -eq 0 ] || { echo "e2e: FAILED (runner exit $rc); screenshots in tests/e2e/screenshots/, logs in tests/e2e/artifacts/"; exit "$rc"; }
[ -n "$pass" ] && [ "$pass" -gt 0 ] || fail "no end-to-end test passed"
[ "${skipped:-0}" -eq 0 ] && [ "${todo:-0}" -eq 0 ] || fail "tests were skipped or left todo (skipped=${skipped:-?} todo=${todo:-?})"
echo "e2e: screenshots in tests/e2e/screenshots/"
echo "e2e: ${pass} passed, ${failed:-0} failed"
