// wasm/index.d.ts against the code: every error code the core or the JS API gives is in the ErrorCode
// union, every export of qnnv.mjs and every Validator method is declared, and no API result is `unknown`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as api from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dts = fs.readFileSync(path.join(ROOT, 'wasm/index.d.ts'), 'utf8');

function sourcesUnder(dir, ext) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourcesUnder(p, ext);
    return ext.test(e.name) ? [fs.readFileSync(p, 'utf8')] : [];
  });
}

test('every error code in the code is in the ErrorCode union, and the union has no stale one', () => {
  const union = new Set([...dts.match(/export type ErrorCode =([^;]*);/)[1].matchAll(/'([^']+)'/g)].map((m) => m[1]));
  const found = new Set();
  const texts = [...sourcesUnder(path.join(ROOT, 'core/src'), /\.(cpp|h)$/), ...sourcesUnder(path.join(ROOT, 'wasm'), /\.(cpp|mjs)$/),
    fs.readFileSync(path.join(ROOT, 'core/cli/main.cpp'), 'utf8')];
  for (const t of texts) {
    for (const m of t.matchAll(/(?:InputError|ErrorInfo|set_error)\s*\(?\s*\{?\s*"([a-z0-9]+\.[a-z0-9-]+)"/g)) found.add(m[1]);
    for (const m of t.matchAll(/makeError\(\s*'([a-z0-9]+\.[a-z0-9-]+)'/g)) found.add(m[1]);
  }
  assert.ok(found.size > 20, [...found].join(' '));
  const missing = [...found].filter((c) => !union.has(c));
  assert.deepEqual(missing, [], `codes missing from index.d.ts: ${missing.join(', ')}`);
});

test('every export of qnnv.mjs and every Validator method is declared; no result typed unknown', async () => {
  for (const name of Object.keys(api)) {
    if (name === 'default') continue;
    assert.match(dts, new RegExp(`export (?:async )?(?:function|class|const) ${name}\\b`), name);
  }
  const v = await api.createValidator();
  const proto = Object.getPrototypeOf(v);
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name === 'constructor') continue;
    assert.match(dts, new RegExp(`\\n  (?:readonly )?${name}[(:]`), `Validator.${name}`);
  }
  assert.doesNotMatch(dts, /\): unknown;/);
});
