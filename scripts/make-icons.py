#!/usr/bin/env python3
"""Draws the app icon (a red seal-like square with a gold ring and bar) as
RGBA PNGs with the standard library only, so the icons can be regenerated
anywhere. Tauri refuses icons that are not RGBA."""
import struct, zlib, os, sys

def png(size):
    red, gold = (178, 34, 34, 255), (245, 200, 66, 255)
    rows = []
    c = (size - 1) / 2
    r_out, r_in = size * 0.36, size * 0.28
    corner = size * 0.18
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            # rounded square mask
            dx = max(corner - x, 0, x - (size - 1 - corner))
            dy = max(corner - y, 0, y - (size - 1 - corner))
            if dx * dx + dy * dy > corner * corner:
                row += bytes((0, 0, 0, 0))
                continue
            d = ((x - c) ** 2 + (y - c) ** 2) ** 0.5
            bar = abs(y - c) < size * 0.06 and abs(x - c) < size * 0.2
            col = gold if (r_in <= d <= r_out) or bar else red
            row += bytes(col)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    ihdr = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")

out = sys.argv[1] if len(sys.argv) > 1 else "icons"
os.makedirs(out, exist_ok=True)
for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
    with open(os.path.join(out, name), "wb") as f:
        f.write(png(size))
