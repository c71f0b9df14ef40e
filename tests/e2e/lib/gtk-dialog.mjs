// The native GTK file chooser under Xvfb, used as a person would: xdotool finds the
// dialog window by its title, gives it the keyboard, types a path into its location
// field and presses Enter. Real key events through XTEST, no shortcuts around the
// dialog; every step waits for a named condition (window shown, window gone).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * GTK settings of their own for the apps this test process launches (they inherit
 * XDG_CONFIG_HOME through tauri-driver): recent files off. With recent files on,
 * the open dialog starts in 最近使用 and leaves it when a path is typed, reloading
 * its location field while the keys still arrive (the path came out cut short);
 * and tests would fill the machine's list of recent files. Answers the folder.
 */
export function useTestGtkSettings() {
  const dir = mkdtempSync(join(tmpdir(), 'diaodu-gtk-config-'));
  mkdirSync(join(dir, 'gtk-3.0'));
  writeFileSync(join(dir, 'gtk-3.0', 'settings.ini'), '[Settings]\ngtk-recent-files-enabled=false\n');
  process.env.XDG_CONFIG_HOME = dir;
  return dir;
}

/** Runs xdotool; resolves its stdout, rejects with its stderr. */
export function xdotool(args, { timeout = 15_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile('xdotool', args, { timeout, env: process.env }, (error, stdout, stderr) => {
      if (error) {
        const why = error.code === 'ENOENT' ? 'xdotool is not installed (bash scripts/setup.sh --test)' : (stderr || error.message).trim();
        reject(Object.assign(new Error(`xdotool ${args.join(' ')}: ${why}`), { exitCode: error.code, stderr: stderr.trim() }));
      } else resolve(stdout.trim());
    });
  });
}

const exact = (title) => `^${title.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`;

/** Ids of the visible windows titled exactly `title` (none: []). */
export async function windowsTitled(title) {
  try {
    const out = await xdotool(['search', '--onlyvisible', '--name', exact(title)]);
    return out ? out.split(/\s+/) : [];
  } catch (e) {
    // xdotool answers 1, saying nothing, when no window matches.
    if (e.exitCode === 1 && !e.stderr) return [];
    throw e;
  }
}

/** Waits until a window titled `title` is shown; answers its id. */
export async function waitForWindow(title, { timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const ids = await windowsTitled(title);
    if (ids.length) return ids[ids.length - 1];
    if (Date.now() > deadline) throw new Error(`no window titled "${title}" within ${timeout} ms`);
    await pause(100);
  }
}

/** Waits until the window `id` is no longer shown. */
export async function waitWindowGone(title, id, { timeout = 30_000 } = {}) {
  const deadline = Date.now() + timeout;
  while ((await windowsTitled(title)).includes(id)) {
    if (Date.now() > deadline) throw new Error(`the window "${title}" (${id}) is still shown after ${timeout} ms`);
    await pause(100);
  }
}

/** A PNG of the whole X display (the GTK dialog is not in WebDriver screenshots). */
export function screenOf(path) {
  return new Promise((resolve, reject) => {
    execFile('import', ['-window', 'root', path], { timeout: 30_000 }, (error, _out, stderr) =>
      error ? reject(new Error(`import -window root: ${(stderr || error.message).trim()}`)) : resolve(path),
    );
  });
}

/**
 * In the open or save file chooser titled `title`: focus it, open its location field
 * (Ctrl+L; in a save dialog the name field), replace what it holds with `path` and
 * press Enter. `shot(name)` (optional) is called with the typed path showing.
 * Resolves when the dialog has closed.
 */
export async function chooseInFileDialog(title, path, { shot } = {}) {
  const id = await waitForWindow(title);
  await xdotool(['windowfocus', '--sync', id]);
  await xdotool(['key', '--clearmodifiers', 'ctrl+l']);
  await xdotool(['key', '--clearmodifiers', 'ctrl+a']);
  await xdotool(['type', '--clearmodifiers', '--delay', '25', path]);
  if (shot) await shot('typed');
  await xdotool(['key', '--clearmodifiers', 'Return']);
  await waitWindowGone(title, id);
}

/** The environment of the app process that runs on `dataDir` (its --data-dir). */
export function appEnvironment(dataDir) {
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (!cmd.includes(dataDir) || !readlinkSync(`/proc/${pid}/exe`).endsWith('/diaodu')) continue;
      return Object.fromEntries(
        readFileSync(`/proc/${pid}/environ`, 'utf8')
          .split('\0')
          .filter(Boolean)
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      );
    } catch {
      /* gone, or not ours */
    }
  }
  throw new Error(`no diaodu process runs on ${dataDir}`);
}
