// Every stylesheet closes each block it opens. A rule left open swallows the
// rules after it (a merge once left `.task-docs__row--flagged {` open and the
// 流水线 grid below it never applied), and the browser reports nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const CSS = join(dirname(fileURLToPath(import.meta.url)), '../../ui/css');

function openBlocksAtEnd(text) {
  const src = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, '""');
  let depth = 0;
  let line = 1;
  for (const ch of src) {
    if (ch === '\n') line += 1;
    else if (ch === '{') depth += 1;
    else if (ch === '}') {
      depth -= 1;
      if (depth < 0) return { depth, line };
    }
  }
  return { depth, line };
}

test('every stylesheet in ui/css closes the blocks it opens', () => {
  const files = readdirSync(CSS).filter((f) => f.endsWith('.css'));
  assert.ok(files.length > 0, 'stylesheets found');
  for (const f of files) {
    const { depth, line } = openBlocksAtEnd(readFileSync(join(CSS, f), 'utf8'));
    assert.equal(depth, 0, `${f}: ${depth > 0 ? `${depth} block(s) left open` : `a stray } at line ${line}`}`);
  }
});

test('the check sees an open block', () => {
  assert.equal(openBlocksAtEnd('.a { color: red;\n.b { color: blue; }').depth, 1);
  assert.equal(openBlocksAtEnd('.a { content: "}"; } /* { */').depth, 0);
});
