// Byte parity between the Node CLI (wasm/cli.mjs) and the native CLI: same arguments -> same stdout
// bytes and the same exit code, on every fixture (tests/fixtures/**/*.json and tests/hostile/**).
// The native CLI is $QNNV_CLI, default build/native/qnnv; without it this test fails and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NATIVE = path.resolve(ROOT, process.env.QNNV_CLI || 'build/native/qnnv');
const NODE_CLI = path.join(ROOT, 'wasm/cli.mjs');

function listJson(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listJson(p));
    else if (e.isFile() && (dir.includes(`${path.sep}hostile`) || e.name.endsWith('.json'))) out.push(p);
  }
  return out.sort();
}

const FIXTURES = [...listJson(path.join(ROOT, 'tests/fixtures')), ...listJson(path.join(ROOT, 'tests/hostile'))]
  .map((p) => path.relative(ROOT, p));

function run(cmd, args, input) {
  const r = spawnSync(cmd, args, { cwd: ROOT, input, maxBuffer: 1 << 30 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

function compare(args, input) {
  const native = run(NATIVE, args, input);
  const wasm = run(process.execPath, [NODE_CLI, ...args], input);
  const label = `qnnv ${args.join(' ')}`;
  assert.equal(wasm.status, native.status, `${label}: exit ${wasm.status} (node) vs ${native.status} (native)\nnode stderr: ${wasm.stderr}\nnative stderr: ${native.stderr}`);
  assert.ok(Buffer.compare(wasm.stdout, native.stdout) === 0,
    `${label}: stdout differs (node ${wasm.stdout.length} bytes, native ${native.stdout.length} bytes)`);
  if (native.status === 2) {
    assert.ok(wasm.stderr.length > 0, `${label}: the node CLI printed no error`);
    // both locate the error the same way (the same core error_to_text), first line
    assert.equal(wasm.stderr.split('\n')[0], native.stderr.split('\n')[0], `${label}: stderr first line`);
  }
  return native;
}

test('the native CLI exists', () => {
  assert.ok(fs.existsSync(NATIVE),
    `native CLI not found at ${NATIVE}: build it (cmake --preset native && cmake --build --preset native) or set QNNV_CLI`);
});

test('fixtures are found', () => {
  assert.ok(FIXTURES.length >= 2, FIXTURES.join(', '));
});

const VARIANTS = [
  [],
  ['--backend', 'htp', '--soc', 'SM8750'],
  ['--backend', 'htp', '--soc', 'SM8350'],
  ['--soc', 'SM8650', '--no-strict'],
  ['--backend', 'lpai'],
];

for (const fixture of FIXTURES) {
  test(`parity: ${fixture}`, { skip: !fs.existsSync(NATIVE) && 'no native CLI' }, () => {
    for (const extra of VARIANTS) {
      compare(['validate', fixture, '--format', 'json', ...extra]);
    }
    compare(['validate', fixture, '--format', 'sarif']);
    compare(['validate', fixture, '--format', 'junit', '--soc', 'SM8350']);
    compare(['validate', fixture, '--format', 'text', '--soc', 'SM8350', '--color', 'never']);
    compare(['validate', '-', '--format', 'json'], fs.readFileSync(path.join(ROOT, fixture)));
  });
}

test('parity: introspection and usage', { skip: !fs.existsSync(NATIVE) && 'no native CLI' }, () => {
  for (const args of [
    ['--version'], ['--help'], [],
    ['socs'], ['socs', '--backend', 'htp', '--format', 'json'], ['socs', '--backend', 'lpai'],
    ['ops', '--backend', 'htp', '--format', 'json'], ['ops', '--backend', 'lpai'], ['ops', '--coverage'],
    ['ops', '--coverage', '--format', 'json'],
    ['explain', 'aten.conv2d.default', '--soc', 'SM8650'], ['explain', 'Conv2d', '--format', 'json'],
    ['explain', 'aten.linear.default', '--backend', 'htp', '--soc', 'SM8350', '--format', 'json'],
    ['explain', 'nope.nope'], ['socs', '--backend', 'gpu'], ['frobnicate'], ['validate'],
    ['validate', 'tests/fixtures/does-not-exist.json'], ['validate', 'x.json', '--bogus'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--format', 'yaml'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--soc', 'SM0000'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--backend', 'gpu'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--data', 'tests/fixtures/mobilenet_v2__8a8w.json'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--data', 'core/data/htp.json', '--format', 'json'],
    // the CI options: several files, globs, the SoC matrix, thresholds
    ['validate', 'tests/fixtures/*.json', '--format', 'json', '--soc', 'SM8350'],
    ['validate', 'tests/fixtures/**/decoder__8*.json', 'tests/fixtures/nope.json', '--format', 'sarif'],
    ['validate', 'tests/fixtures/configs/*.json', '--format', 'junit', '--no-strict'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--soc', 'all'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--soc', 'SM8350,SM8750', '--format', 'json'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--max-warnings', '0'],
    ['validate', 'tests/fixtures/tiny_decoder__16a4w_block.json', '--fail-on', 'not_validated', '--quiet'],
    ['validate', 'tests/fixtures/bad/*.json'],
  ]) {
    compare(args);
  }
});

test('parity: bad input through stdin', { skip: !fs.existsSync(NATIVE) && 'no native CLI' }, () => {
  for (const input of ['', '{', '{"format":"qnnv.graph","version":7,"nodes":[]}', Buffer.from([0x7b, 0xff, 0x7d]), '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]']) {
    const r = compare(['validate', '-', '--format', 'json'], input);
    assert.equal(r.status, 2);
  }
});
