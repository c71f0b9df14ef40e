#!/usr/bin/env python3
"""Headless screenshots of the preview page (tests/ui/mock/preview.html).

Usage: shoot.py OUT.png 'query string' ['[["click","sel"], ...]']
Needs a static server for the project root on 127.0.0.1 (PREVIEW_BASE,
default http://127.0.0.1:8765) and Debian's chromium.
"""
import os
import subprocess
import sys
import urllib.parse

base = os.environ.get("PREVIEW_BASE", "http://127.0.0.1:8765")
out, query = sys.argv[1], sys.argv[2]
steps = sys.argv[3] if len(sys.argv) > 3 else None
params = urllib.parse.parse_qsl(query)
if steps:
    params.append(("steps", steps))
url = f"{base}/tests/ui/mock/preview.html?{urllib.parse.urlencode(params)}"
subprocess.run(
    [
        "chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--hide-scrollbars",
        f"--screenshot={out}", f"--window-size={os.environ.get('SIZE', '1360,860')}",
        f"--virtual-time-budget={os.environ.get('BUDGET', '8000')}", url,
    ],
    check=True,
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
print(out)
