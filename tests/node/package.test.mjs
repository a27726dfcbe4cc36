// wasm/package.json: `npm pack` ships the API, the CLI, the types and the built module; the exports
// resolve to files that exist and load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PKG_DIR = path.join(ROOT, 'wasm');
const pkg = JSON.parse(fs.readFileSync(path.join(PKG_DIR, 'package.json'), 'utf8'));

test('package.json fields', () => {
  assert.equal(pkg.name, 'qnnv');
  assert.equal(pkg.version, '0.1.0');
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.bin.qnnv, 'cli.mjs');
  assert.equal(pkg.types, './index.d.ts');
  assert.match(pkg.engines.node, />=\s*20/);
  assert.equal(pkg.exports['.'].node, './qnnv.mjs');
  assert.equal(pkg.exports['.'].browser, './qnnv.mjs');
  assert.equal(pkg.exports['./single'], './dist/qnnv_wasm_single.mjs');
});

test('npm pack --dry-run lists the API, CLI, types and dist files', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG_DIR, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  for (const f of ['package.json', 'qnnv.mjs', 'cli.mjs', 'index.d.ts', 'README.md',
    'dist/qnnv_wasm.mjs', 'dist/qnnv_wasm.wasm', 'dist/qnnv_wasm_single.mjs']) {
    assert.ok(files.includes(f), `${f} missing from the package: ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.startsWith('bindings') || f === 'CMakeLists.txt'), files.join(', '));
});

test('every export target exists and loads', async () => {
  const targets = [];
  for (const [key, value] of Object.entries(pkg.exports)) {
    if (typeof value === 'string') targets.push([key, value]);
    else for (const t of Object.values(value)) targets.push([key, t]);
  }
  for (const [key, t] of targets) {
    assert.ok(fs.existsSync(path.join(PKG_DIR, t)), `${key} -> ${t} does not exist`);
  }
  const api = await import(pathToFileURL(path.join(PKG_DIR, pkg.exports['.'].default)).href);
  assert.equal(typeof api.createValidator, 'function');
  assert.equal(typeof api.QnnvError, 'function');
  const single = await import(pathToFileURL(path.join(PKG_DIR, pkg.exports['./single'])).href);
  const v = await api.createValidator({ factory: single.default });
  assert.equal(v.version, pkg.version);
});

test('the qnnv.mjs API names nothing Node-only at the top level', () => {
  const src = fs.readFileSync(path.join(PKG_DIR, 'qnnv.mjs'), 'utf8');
  const staticImports = [...src.matchAll(/^import\s.*from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  assert.deepEqual(staticImports, []);
  assert.ok(!/\brequire\(/.test(src));
});
