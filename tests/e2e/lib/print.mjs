// The CUPS virtual PDF printer of the printing tests (set up by scripts/test-printer.sh,
// which scripts/e2e.sh runs): where its jobs land and how to read them back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';

import { until } from './webdriver.mjs';

/** {name, dir}: the queue and the folder this user's jobs arrive in. Fails without one. */
export function testPrinter() {
  const name = process.env.DIAODU_TEST_PRINTER;
  const root = process.env.DIAODU_TEST_PRINT_DIR;
  assert.ok(
    name && root,
    `no CUPS test printer: ${process.env.DIAODU_TEST_PRINTER_ERROR || 'run the end-to-end tests through scripts/e2e.sh (it runs scripts/test-printer.sh)'}`,
  );
  return { name, dir: join(root, userInfo().username) };
}

/** The PDFs cups-pdf wrote for this user so far: [{file, job}] (job = CUPS job number). */
export function printedJobs(printer) {
  if (!existsSync(printer.dir)) return [];
  return readdirSync(printer.dir)
    .filter((f) => f.endsWith('.pdf'))
    .map((f) => ({ file: join(printer.dir, f), job: Number(/job_(\d+)\.pdf$/.exec(f)?.[1]) }))
    .filter((j) => Number.isFinite(j.job));
}

/** Waits for the PDF of CUPS job `jobId` ("Queue-12") to be complete; its path. */
export async function jobPdf(printer, jobId, timeout = 90_000) {
  const job = Number(/-(\d+)$/.exec(jobId)?.[1]);
  assert.ok(Number.isFinite(job), `a CUPS job id: ${jobId}`);
  let lastSize = -1;
  try {
    return await until(
      () => {
        const hit = printedJobs(printer).find((j) => j.job === job);
        if (!hit) return null;
        // cups-pdf writes the file in one go from Ghostscript; wait until it stops growing
        // and parses.
        const size = statSync(hit.file).size;
        const done = size > 0 && size === lastSize && pdfPages(hit.file, { quiet: true }) > 0;
        lastSize = size;
        return done ? hit.file : null;
      },
      { message: `the PDF of job ${jobId} in ${printer.dir}, complete`, timeout, interval: 500 },
    );
  } catch (e) {
    throw new Error(`${e.message} (lpstat -W all -o; /var/log/cups/error_log)`);
  }
}

/** The jobs CUPS still holds for `printer` (not yet written by cups-pdf). */
export function pendingJobs(printer) {
  const out = execFileSync('lpstat', ['-o', printer.name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter((l) => l.trim()).length;
}

export const squash = (s) => String(s).replace(/\s+/g, '');

/** The text of a PDF (or of one page) without whitespace (pdftotext, poppler-utils). */
export function pdfText(file, { page = null } = {}) {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return squash(execFileSync('pdftotext', ['-enc', 'UTF-8', ...range, file, '-'], { encoding: 'utf8' }));
}

export function pdfPages(file, { quiet = false } = {}) {
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  } catch (e) {
    if (quiet) return 0;
    throw e;
  }
}
