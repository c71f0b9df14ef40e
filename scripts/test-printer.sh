#!/usr/bin/env bash
# The virtual PDF printer the end-to-end tests print to: makes sure the CUPS scheduler
# runs (started directly when there is no init system, e.g. CI's fresh container) and
# that the cups-pdf queue exists, then prints the two variables the tests read:
#   DIAODU_TEST_PRINTER=Diaodu-Test-PDF
#   DIAODU_TEST_PRINT_DIR=/var/spool/cups-pdf/diaodu-test   (jobs land in <dir>/<user>/)
# Usage: eval "$(bash scripts/test-printer.sh)"      Idempotent; needs root or sudo
# only to start cupsd or to create the queue the first time.
#
# The queue is a cups-pdf instance (device cups-pdf:/diaodu-test, its own config file),
# so the machine's usual PDF queue and its ~/PDF output stay untouched. Two settings make
# the job checkable: the PDF is turned into PostScript by pdftocairo, which keeps the
# text extractable (Ghostscript's conversion loses the CJK text's Unicode mapping), and
# the PPD says the "printer" cannot make copies itself, so CUPS puts every copy into
# the job and the output shows how many copies were asked for.
set -euo pipefail

QUEUE=Diaodu-Test-PDF
INSTANCE=diaodu-test
OUT_ROOT=/var/spool/cups-pdf/$INSTANCE
CONF=/etc/cups/cups-pdf-$INSTANCE.conf
PPD_SRC=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd

say() { echo "test-printer: $*" >&2; }
fail() { say "ERROR: $*"; exit 1; }

for c in lp lpstat lpadmin cupsd cupsenable cupsaccept; do
  command -v "$c" >/dev/null || fail "$c not found: run 'bash scripts/setup.sh --test' (packages cups, printer-driver-cups-pdf)"
done
[ -e /usr/lib/cups/backend/cups-pdf ] ||
  fail "the cups-pdf backend is missing: run 'bash scripts/setup.sh --test' (package printer-driver-cups-pdf)"
[ -f "$PPD_SRC" ] || fail "$PPD_SRC is missing (package printer-driver-cups-pdf)"

AS_ROOT=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    AS_ROOT=(sudo -n)
  else
    AS_ROOT=(__no_root__)
  fi
fi
as_root() {
  [ "${AS_ROOT[0]:-}" = __no_root__ ] && fail "'$*' needs root: run this once as root (or with password-less sudo)"
  "${AS_ROOT[@]}" "$@"
}

scheduler_up() { lpstat -r 2>/dev/null | grep -q "is running"; }

if ! scheduler_up; then
  say "starting the CUPS scheduler (cupsd)"
  # No systemd in a fresh container: run the daemon directly (it forks into the background).
  as_root cupsd
  for _ in $(seq 100); do
    scheduler_up && break
    sleep 0.1
  done
  scheduler_up || fail "cupsd did not start (see /var/log/cups/error_log)"
fi

want_conf="Out $OUT_ROOT/\${USER}
AnonDirName $OUT_ROOT/ANONYMOUS
Grp lpadmin
DecodeHexStrings 1"

queue_ready() {
  [ -f "$CONF" ] && [ "$(cat "$CONF")" = "$want_conf" ] || return 1
  lpstat -v "$QUEUE" 2>/dev/null | grep -q "cups-pdf:/$INSTANCE\$" || return 1
  lpoptions -p "$QUEUE" 2>/dev/null | grep -q "pdftops-renderer=pdftocairo" || return 1
  lpstat -p "$QUEUE" 2>/dev/null | grep -q "enabled" || return 1
  lpstat -a "$QUEUE" 2>/dev/null | grep -q "accepting requests" || return 1
}

if ! queue_ready; then
  say "creating the print queue $QUEUE (cups-pdf, output in $OUT_ROOT/<user>/)"
  printf '%s\n' "$want_conf" | as_root tee "$CONF" >/dev/null
  as_root mkdir -p "$OUT_ROOT"
  ppd=$(mktemp --suffix=.ppd)
  trap 'rm -f "$ppd"' EXIT
  sed 's/^\*PCFileName:.*/&\n*cupsManualCopies: True/' "$PPD_SRC" >"$ppd"
  chmod a+r "$ppd"
  # lpadmin warns that printer drivers are deprecated; the warning is expected here.
  as_root lpadmin -p "$QUEUE" -E -v "cups-pdf:/$INSTANCE" -P "$ppd" \
    -D "党建调度台测试用PDF打印机" -o pdftops-renderer-default=pdftocairo -o printer-error-policy=abort-job 2>&1 |
    grep -v "deprecated" >&2 || true
  as_root cupsenable "$QUEUE"
  as_root cupsaccept "$QUEUE"
  queue_ready || fail "the queue $QUEUE is not ready after lpadmin (lpstat -t shows the state)"
fi

echo "DIAODU_TEST_PRINTER=$QUEUE"
echo "DIAODU_TEST_PRINT_DIR=$OUT_ROOT"
