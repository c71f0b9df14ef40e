#!/usr/bin/env bash
# Installs what 党建调度台 (Diaodu) needs on Debian 12, and only what is missing.
#   scripts/setup.sh --run    packages to build and run the app
#   scripts/setup.sh --test   the above, plus end-to-end / document test tools and tauri-driver
# Idempotent: apt-get runs only when a package is missing; uses sudo only when not root.
set -euo pipefail

usage() { echo "usage: $0 --run | --test" >&2; }
mode=run
case "${1:---run}" in
  --run) mode=run ;;
  --test) mode=test ;;
  -h|--help) usage; exit 0 ;;
  *) usage; exit 2 ;;
esac

say() { echo "setup: $*"; }

# Build and run (CJK fonts too: the whole UI is Chinese).
run_pkgs=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config fonts-noto-cjk)
# End-to-end through the real window, documents, screenshots; xdotool types into the
# native GTK file chooser; CUPS and its virtual PDF printer for the printing tests
# (scripts/test-printer.sh sets the queue up).
test_pkgs=(webkit2gtk-driver xvfb dbus-x11 poppler-utils imagemagick fonts-dejavu-core
  xdotool cups printer-driver-cups-pdf
  zbar-tools)  # zbarimg reads the QR code printed on signed documents back in the tests

pkgs=("${run_pkgs[@]}")
[ "$mode" = test ] && pkgs+=("${test_pkgs[@]}")

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  say "installing missing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y "${missing[@]}"
else
  say "Debian packages ($mode): all ${#pkgs[@]} present"
fi

command -v cargo >/dev/null || { say "ERROR: cargo not found (install Rust first)"; exit 1; }

if [ "$mode" = test ]; then
  # tauri-driver has no --version flag (it rejects unknown arguments), so ask cargo which
  # version it installed.
  if command -v tauri-driver >/dev/null && cargo install --list 2>/dev/null | grep -q '^tauri-driver v2\.'; then
    say "tauri-driver 2.x present ($(cargo install --list | grep '^tauri-driver v' | cut -d' ' -f2 | tr -d ':'))"
  else
    say "installing tauri-driver 2.x (cargo install, about a minute)"
    cargo install tauri-driver --version '^2' --locked
  fi
  command -v tauri-driver >/dev/null || { say "ERROR: tauri-driver is not on PATH (add ~/.cargo/bin)"; exit 1; }

  for c in "cargo fmt" "cargo clippy"; do
    $c --version >/dev/null 2>&1 || { say "ERROR: '$c' is missing (rustup component add ${c#cargo })"; exit 1; }
  done
  if ! command -v node >/dev/null; then
    say "installing Node.js (Debian package nodejs)"
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y nodejs
  fi
  node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  if [ "$node_major" -lt 20 ]; then
    say "ERROR: Node.js >= 20 is needed for the UI and end-to-end tests (found: $(node --version 2>/dev/null || echo none))"
    exit 1
  fi
  say "node $(node --version), $(cargo --version)"
fi
say "done ($mode)"
