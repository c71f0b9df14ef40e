// Files a user would attach: a small PNG photo drawn here, and the shell's
// drag-and-drop event that delivers dropped files to the window.
import zlib from 'node:zlib';

// A small site photo as PNG, drawn here: sky, a building, a red banner.
export function photoPng(w = 160, h = 120) {
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 3 + 1) + 1 + x * 3;
      let c = [110 + y, 170 + (y >> 1), 230];
      if (y > 95) c = [96, 90, 70];
      else if (x > 30 && x < 130 && y > 40) c = y > 48 && y < 58 && x > 38 && x < 122 ? [196, 28, 36] : [170, 170, 180];
      raw.set(c.map((v) => Math.min(255, v)), o);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

// What the shell sends when files are dropped on the window.
export async function dropFiles(app, paths) {
  await app.s.executeAsync(
    `const [paths, done] = arguments;
     window.__TAURI__.event.emit('tauri://drag-drop', { paths, position: { x: 400, y: 300 } }).then(() => done(true), (e) => done(String(e)));`,
    [paths],
  );
}
