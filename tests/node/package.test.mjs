// wasm/package.json: `npm pack` ships the API, the CLI, the types and the built module; the exports
// resolve to files that exist and load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { apiModules } from '../../web/serve.mjs';

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
  assert.equal(pkg.exports['./single'].default, './dist/qnnv_wasm_single.mjs');
  assert.equal(pkg.exports['./single'].types, './single.d.ts');
  assert.equal(pkg.exports['.'].require.default, './qnnv.cjs');
  assert.equal(pkg.license, 'BSD-3-Clause');
  for (const field of ['homepage', 'repository', 'bugs']) assert.ok(pkg[field], field);
  assert.equal(pkg.scripts.prepack, 'node prepack.mjs');
});

// Every export target, however deeply nested in conditions.
function targets(value, key, out = []) {
  if (typeof value === 'string') out.push([key, value]);
  else for (const v of Object.values(value)) targets(v, key, out);
  return out;
}

test('npm pack --dry-run lists the API (each of its modules), CLI, types and dist files', async () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PKG_DIR, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  for (const f of [...await apiModules(PKG_DIR), 'package.json', 'cli.mjs', 'index.d.ts', 'README.md',
    'dist/qnnv_wasm.mjs', 'dist/qnnv_wasm.wasm', 'dist/qnnv_wasm_single.mjs']) {
    assert.ok(files.includes(f), `${f} missing from the package: ${files.join(', ')}`);
  }
  assert.ok(!files.some((f) => f.startsWith('bindings') || f === 'CMakeLists.txt'), files.join(', '));
});

test('every export target exists and loads', async () => {
  const all = Object.entries(pkg.exports).flatMap(([key, value]) => targets(value, key));
  for (const [key, t] of all) {
    assert.ok(fs.existsSync(path.join(PKG_DIR, t)), `${key} -> ${t} does not exist`);
  }
  const api = await import(pathToFileURL(path.join(PKG_DIR, pkg.exports['.'].default)).href);
  assert.equal(typeof api.createValidator, 'function');
  assert.equal(typeof api.QnnvError, 'function');
  const single = await import(pathToFileURL(path.join(PKG_DIR, pkg.exports['./single'].default)).href);
  const v = await api.createValidator({ factory: single.default });
  assert.equal(v.version, pkg.version);
});

// The API is qnnv.mjs and the modules of its folder it imports (errors, inputs, engine...): none of them
// imports anything else statically, or requires anything.
test('the API\'s modules name nothing Node-only at the top level', async () => {
  const modules = await apiModules(PKG_DIR);
  assert.ok(modules.includes('qnnv.mjs') && modules.includes('engine.mjs'), modules.join(', '));
  for (const name of modules) {
    const src = fs.readFileSync(path.join(PKG_DIR, name), 'utf8');
    const staticImports = [...src.matchAll(/^(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    assert.ok(staticImports.every((i) => /^\.\/[\w-]+\.mjs$/.test(i)), `${name} imports ${staticImports.join(', ')}`);
    assert.ok(!/\brequire\(/.test(src), name);
  }
});

// prepack.mjs, in a scratch copy of the layout it checks (wasm/ next to core/): it refuses a missing or
// stale dist/ and accepts a fresh one, copying the repository's LICENSE into the package.
test('prepack refuses an unbuilt or stale dist', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-prepack-'));
  try {
    const wasm = path.join(dir, 'wasm');
    fs.mkdirSync(path.join(wasm, 'dist'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'core', 'src'), { recursive: true });
    fs.copyFileSync(path.join(PKG_DIR, 'prepack.mjs'), path.join(wasm, 'prepack.mjs'));
    fs.writeFileSync(path.join(dir, 'LICENSE'), 'license text');
    const old = new Date(Date.now() - 60_000);
    fs.writeFileSync(path.join(wasm, 'bindings.cpp'), '');
    fs.utimesSync(path.join(wasm, 'bindings.cpp'), old, old);
    for (const d of ['include', 'data']) fs.mkdirSync(path.join(dir, 'core', d));
    fs.writeFileSync(path.join(dir, 'core', 'src', 'a.cpp'), '');
    fs.utimesSync(path.join(dir, 'core', 'src', 'a.cpp'), old, old);
    const prepack = () => spawnSync(process.execPath, ['prepack.mjs'], { cwd: wasm, encoding: 'utf8' });
    let r = prepack();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /dist\/qnnv_wasm\.mjs is missing/);
    for (const f of ['qnnv_wasm.mjs', 'qnnv_wasm.wasm', 'qnnv_wasm_single.mjs']) fs.writeFileSync(path.join(wasm, 'dist', f), '');
    r = prepack();
    assert.equal(r.status, 0, r.stderr);
    assert.equal(fs.readFileSync(path.join(wasm, 'LICENSE'), 'utf8'), 'license text');
    fs.writeFileSync(path.join(dir, 'core', 'src', 'a.cpp'), 'changed');  // a source newer than dist/
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(dir, 'core', 'src', 'a.cpp'), later, later);
    r = prepack();
    assert.equal(r.status, 1);
    assert.match(r.stderr, /older than the sources/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
