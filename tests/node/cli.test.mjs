// The Node CLI (wasm/cli.mjs) on its own: exit codes, formats, files, stdin, located errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createValidator } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'wasm/cli.mjs');
const DECODER = 'tests/fixtures/tiny_decoder__16a4w_block.json';

function qnnv(args, input) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

test('--help and --version exit 0; no command exits 2 with usage on stderr', () => {
  const help = qnnv(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /qnnv validate GRAPH\.json/);
  const version = qnnv(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^qnnv \d+\.\d+\.\d+ \(data .+\)\n$/);
  const none = qnnv([]);
  assert.equal(none.status, 2);
  assert.equal(none.stdout, '');
  assert.match(none.stderr, /Usage:/);
});

test('validate: exit 0 when ok, 1 when not; json is the API text plus one newline', async () => {
  const v = await createValidator();
  const ok = qnnv(['validate', DECODER, '--soc', 'SM8750', '--format', 'json']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, `${v.validateJson(fs.readFileSync(path.join(ROOT, DECODER)), { soc: 'SM8750' })}\n`);
  const bad = qnnv(['validate', DECODER, '--soc', 'SM8350', '--format', 'json']);
  assert.equal(bad.status, 1);
  assert.equal(JSON.parse(bad.stdout).ok, false);
  const lax = qnnv(['validate', DECODER, '--soc', 'SM8350', '--no-strict', '--format=json']);
  assert.equal(lax.status, 0);
});

test('validate: text (default), sarif, junit', () => {
  const text = qnnv(['validate', DECODER, '--soc', 'SM8350']);
  assert.equal(text.status, 1);
  assert.ok(text.stdout.includes('SM8350'));
  assert.ok(!text.stdout.includes('\u001b['), 'no colour when stdout is not a terminal');
  assert.ok(qnnv(['validate', DECODER, '--soc', 'SM8350', '--color', 'always']).stdout.includes('\u001b['));
  const sarif = qnnv(['validate', DECODER, '--format', 'sarif', '--soc', 'SM8350']);
  assert.equal(sarif.status, 1);
  assert.equal(JSON.parse(sarif.stdout).version, '2.1.0');
  const junit = qnnv(['validate', DECODER, '--format', 'junit']);
  assert.equal(junit.status, 0);
  assert.match(junit.stdout, /<testsuite/);
});

test('validate: stdin and -o FILE', () => {
  const input = fs.readFileSync(path.join(ROOT, DECODER));
  const fromStdin = qnnv(['validate', '-', '--format', 'json'], input);
  const fromFile = qnnv(['validate', DECODER, '--format', 'json']);
  assert.equal(fromStdin.stdout, fromFile.stdout);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-cli-'));
  const out = path.join(dir, 'report.json');
  const r = qnnv(['validate', DECODER, '--format', 'json', '-o', out, '--soc', 'SM8350']);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal(fs.readFileSync(out, 'utf8'), qnnv(['validate', DECODER, '--format', 'json', '--soc', 'SM8350']).stdout);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('input errors exit 2 with a located message on stderr', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-cli-'));
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(broken, '{\n  "format": "qnnv.graph",\n  "version": 1,\n  "nodes": ]\n}');
  const r = qnnv(['validate', broken]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: .*\\[json\\.syntax\\]`));
  const stdin = qnnv(['validate', '-'], '{"format": "qnnv.report"}');
  assert.equal(stdin.status, 2);
  assert.match(stdin.stderr, /^<stdin>.*\[format\.wrong\]/);
  const soc = qnnv(['validate', DECODER, '--soc', 'SM0000']);
  assert.equal(soc.status, 2);
  assert.match(soc.stderr, /\[options\.unknown-soc\]/);
  const missing = qnnv(['validate', path.join(dir, 'nope.json')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /cannot read .*nope\.json: No such file or directory.*\[io\.read\]/);
  const data = qnnv(['validate', DECODER, '--data', broken]);
  assert.equal(data.status, 2);
  assert.ok(data.stderr.startsWith(`${broken}:`), data.stderr);  // located in the data file (issue 15)
  assert.equal(data.stderr.indexOf(broken, 1), -1, `the data file is named once: ${data.stderr}`);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('usage errors exit 2', () => {
  for (const args of [['frobnicate'], ['validate'], ['validate', DECODER, '--format', 'yaml'], ['validate', DECODER, '--bogus'],
    ['validate', DECODER, '--soc'], ['socs', 'extra'], ['explain'], ['validate', DECODER, '--color', 'sometimes']]) {
    const r = qnnv(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /^qnnv: .*\n\(run qnnv --help for usage\)\n$/, args.join(' '));
  }
});

test('socs, ops, explain print text or the core JSON', () => {
  const socs = qnnv(['socs', '--backend', 'htp', '--format', 'json']);
  assert.equal(socs.status, 0);
  assert.ok(JSON.stringify(JSON.parse(socs.stdout)).includes('SM8650'));
  const ops = qnnv(['ops', '--backend', 'htp']);
  assert.equal(ops.status, 0);
  assert.ok(ops.stdout.includes('Conv2d'));
  const cov = qnnv(['ops', '--coverage', '--format', 'json']);
  assert.equal(cov.status, 0);
  JSON.parse(cov.stdout);
  const ex = qnnv(['explain', 'aten.conv2d.default', '--soc', 'SM8650']);
  assert.equal(ex.status, 0);
  assert.ok(ex.stdout.includes('Conv2d'));
  assert.equal(qnnv(['explain', 'aten.no_such_op.default']).status, 2);
});
