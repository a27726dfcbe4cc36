// The QNN SDK version choice through the JS API (qnnSdk), the Node CLI (--qnn-sdk) and the native CLI:
// the report records which version was used, and an SDK-gated fact changes the verdict.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createValidator, QnnvError } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DECODER = 'tests/fixtures/tiny_decoder__16a4w_block.json';  // block-wise (LPBQ) weights: QNN SDK 2.30+

let v;
before(async () => {
  v = await createValidator();
});

test('qnnSdkVersions lists the versions the data knows, oldest first', () => {
  const versions = v.qnnSdkVersions;
  assert.ok(versions.length >= 2);
  assert.ok(versions.includes('2.49'));
  const num = (s) => s.split('.').map(Number);
  for (let i = 1; i < versions.length; i++) {
    const [a, b] = [num(versions[i - 1]), num(versions[i])];
    assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]), `${versions[i - 1]} before ${versions[i]}`);
  }
});

test('default SDK is the newest; qnnSdk picks another and the report records it', () => {
  const graph = fs.readFileSync(path.join(ROOT, DECODER), 'utf8');
  const def = v.validate(graph);
  assert.equal(def.target.qnn_sdk, v.qnnSdkVersions.at(-1));
  assert.equal(def.target.qnn_sdk_from, 'default');
  assert.equal(def.summary.failed, 0);
  const old = v.validate(graph, { qnnSdk: '2.28' });
  assert.equal(old.target.qnn_sdk, '2.28');
  assert.equal(old.target.qnn_sdk_from, 'option');
  assert.ok(old.summary.failed > 0);
  assert.ok(old.results.some((r) => r.findings.some((f) => f.rule === 'sdk.lpbq-min-sdk')));
});

test('a malformed qnnSdk is an input error', () => {
  assert.throws(() => v.validate('{}', { qnnSdk: 'latest' }), (e) => e instanceof QnnvError && e.code === 'options.bad-qnn-sdk');
  assert.throws(() => v.validate('{}', { qnnSdk: 2.3 }), (e) => e instanceof QnnvError);
});

test('--qnn-sdk in the Node CLI and the native CLI give the same report', () => {
  const node = spawnSync(process.execPath, ['wasm/cli.mjs', 'validate', DECODER, '--qnn-sdk', '2.28', '--format', 'json'],
    { cwd: ROOT, maxBuffer: 1 << 26 });
  assert.equal(node.status, 1);
  const report = JSON.parse(node.stdout.toString());
  assert.equal(report.target.qnn_sdk, '2.28');
  const native = path.join(ROOT, 'build/native/qnnv');
  if (!fs.existsSync(native)) return;
  const n = spawnSync(native, ['validate', DECODER, '--qnn-sdk=2.28', '--format', 'json'], { cwd: ROOT, maxBuffer: 1 << 26 });
  assert.equal(n.status, 1);
  assert.deepEqual(JSON.parse(n.stdout.toString()).target, report.target);
});
