#!/usr/bin/env bash
# Screenshot of the gantt preview: gshot.sh OUT.png 'query' ['steps-json']
# Needs: python3 -m http.server 8765 --bind 127.0.0.1 from the repo root.
out=$1; query=$2; steps=${3:-}
url="http://127.0.0.1:${PORT:-8765}/tests/ui/mock/gantt-preview.html?session=admin&${query}"
if [ -n "$steps" ]; then url="$url&steps=$(python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1]))' "$steps")"; fi
profile=$(mktemp -d); chromium --headless --no-sandbox --user-data-dir="$profile" --disable-gpu --disable-background-networking --hide-scrollbars \
  --screenshot="$out" --window-size="${SIZE:-1360,860}" --virtual-time-budget="${BUDGET:-6000}" "$url" >/dev/null 2>&1; rm -rf "$profile"
echo "$out"
