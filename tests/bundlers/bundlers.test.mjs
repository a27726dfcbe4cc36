// The npm package as users get it: `npm pack` of wasm/ (its prepack step refuses an unbuilt or stale dist),
// unpacked into a scratch app's node_modules, then
//  - bundled for the browser with esbuild, webpack and Vite (no configuration beyond an entry and an
//    output folder) and run in headless Debian chromium: each app validates a graph with the module;
//  - imported in Node as ES module, through require() (the CommonJS entry), and as 'qnnv/single'.
// Needs the wasm build (wasm/dist) and chromium; the bundlers are the root package.json's devDependencies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');

let work;      // scratch folder: app/ (sources + node_modules/qnnv), out-<bundler>/
let appDir;
let browser;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-bundlers-'));
  appDir = path.join(work, 'app');
  fs.cpSync(path.join(HERE, 'app'), appDir, { recursive: true });
  const pack = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work],
    { cwd: path.join(ROOT, 'wasm'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  const pkgDir = path.join(appDir, 'node_modules', 'qnnv');
  fs.mkdirSync(pkgDir, { recursive: true });
  execFileSync('tar', ['-xzf', path.join(work, pack[0].filename), '-C', pkgDir, '--strip-components=1']);
  fs.writeFileSync(path.join(appDir, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

// Serves `dir` on a free port; records requests that found nothing.
async function serve(dir) {
  const missing = [];
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(dir, rel.endsWith('/') ? `${rel}index.html` : rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      missing.push(rel);
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, missing, close: () => new Promise((r) => server.close(r)) };
}

async function runInChromium(dir) {
  const server = await serve(dir);
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => window.qnnvResult !== undefined, null, { timeout: 60_000 });
    const result = await page.evaluate(() => window.qnnvResult);
    assert.deepEqual(errors, []);
    assert.ok(result.ok, result.error);
    assert.equal(result.soc, 'SM8650');
    assert.equal(result.nodes, 1);
    assert.deepEqual(server.missing.filter((p) => p !== '/favicon.ico'), []);
  } finally {
    await page.close();
    await server.close();
  }
}

test('the packed file list: API (ESM + CJS), CLI, types, license, built module; nothing else', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json'], { cwd: path.join(ROOT, 'wasm'), encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path).sort();
  assert.deepEqual(files, ['LICENSE', 'README.md', 'cli.mjs', 'dist/qnnv_wasm.mjs', 'dist/qnnv_wasm.wasm',
    'dist/qnnv_wasm_single.mjs', 'engine.mjs', 'errors.mjs', 'index.d.ts', 'inputs.mjs', 'model-explorer.mjs',
    'package.json', 'qnnv.cjs', 'qnnv.d.cts', 'qnnv.mjs', 'single.d.ts']);
});

test('esbuild (browser): bundles without a node: module; the .wasm through the documented wasmUrl', async () => {
  const esbuild = await import('esbuild');
  const out = path.join(work, 'out-esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(appDir, 'main.js')], bundle: true, format: 'esm', platform: 'browser',
    outdir: out, metafile: true, logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  assert.ok(!inputs.some((i) => i.startsWith('node:') || /^(fs|path|url)$/.test(i)), inputs.join(', '));
  // esbuild leaves new URL(..., import.meta.url) alone: the app copies the .wasm and names it
  fs.copyFileSync(path.join(appDir, 'node_modules/qnnv/dist/qnnv_wasm.wasm'), path.join(out, 'qnnv_wasm.wasm'));
  fs.writeFileSync(path.join(out, 'index.html'), fs.readFileSync(path.join(appDir, 'index.html'), 'utf8')
    .replace('<script type="module"', '<script>window.qnnvOptions = {wasmUrl: "qnnv_wasm.wasm"};</script>\n<script type="module"'));
  await runInChromium(out);
});

test('webpack (browser, no configuration but entry and output): the .wasm is an emitted asset', async () => {
  const { default: webpack } = await import('webpack');
  const out = path.join(work, 'out-webpack');
  const stats = await new Promise((resolve, reject) => webpack({
    mode: 'production', context: appDir, entry: './main.js', target: 'web',
    output: { path: out, filename: 'main.js' }, performance: { hints: false },
  }, (err, s) => (err ? reject(err) : resolve(s))));
  assert.ok(!stats.hasErrors(), stats.toString('errors-only'));
  assert.ok(fs.readdirSync(out).some((f) => f.endsWith('.wasm')), fs.readdirSync(out).join(', '));
  fs.copyFileSync(path.join(appDir, 'index.html'), path.join(out, 'index.html'));
  await runInChromium(out);
});

test('Vite build (browser, no configuration): the .wasm is an emitted asset', async () => {
  const { build } = await import('vite');
  const out = path.join(work, 'out-vite');
  await build({ root: appDir, logLevel: 'silent', configFile: false, base: './', build: { outDir: out, emptyOutDir: true } });
  const assets = fs.readdirSync(path.join(out, 'assets'));
  assert.ok(assets.some((f) => f.endsWith('.wasm')), assets.join(', '));
  await runInChromium(out);
});

test('Node: import, require() (CommonJS entry) and qnnv/single from the installed package', () => {
  const esm = "import { createValidator } from 'qnnv'; import single from 'qnnv/single';" +
    "const a = await createValidator(); const b = await createValidator({ factory: single });" +
    "console.log(a.version === b.version ? 'esm ok' : 'mismatch');";
  const r1 = spawnSync(process.execPath, ['--input-type=module', '-e', esm], { cwd: appDir, encoding: 'utf8' });
  assert.equal(r1.stdout.trim(), 'esm ok', r1.stderr);
  const cjs = "const q = require('qnnv'); q.createValidator().then(async (v) => {" +
    "const { QnnvError } = await q.load(); console.log(typeof QnnvError === 'function' && v.version ? 'cjs ok' : 'bad'); });";
  const r2 = spawnSync(process.execPath, ['-e', cjs], { cwd: appDir, encoding: 'utf8' });
  assert.equal(r2.stdout.trim(), 'cjs ok', r2.stderr);
  const bin = spawnSync(process.execPath, [path.join(appDir, 'node_modules/qnnv/cli.mjs'), '--version'], { encoding: 'utf8' });
  assert.match(bin.stdout, /^qnnv \d/);
});
