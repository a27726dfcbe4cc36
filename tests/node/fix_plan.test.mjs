// The fix plan through the WebAssembly module and the Node CLI: the same plan as the native CLI (byte for
// byte), exit codes, and the plan's verdict on a fixture made to fail (LPBQ below v69).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createValidator } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'wasm/cli.mjs');
const NATIVE = process.env.QNNV_CLI || path.join(ROOT, 'build/native/qnnv');
const LPBQ = 'web/examples/lpbq_on_sm8350.json';
const FP16 = 'tests/fixtures/configs/vision_lite__fp16a8w.json';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

test('fixPlan: LPBQ on SM8350 becomes per-channel use_16a4w and the plan reaches 0 failures', async () => {
  const v = await createValidator();
  const graph = fs.readFileSync(path.join(ROOT, LPBQ));
  assert.equal(v.validate(graph, { soc: 'SM8350' }).summary.failed, 1);
  const plan = v.fixPlan(graph, { soc: 'SM8350' });
  assert.equal(plan.format, 'qnnv.fix-plan');
  assert.equal(plan.version, 1);
  assert.equal(plan.failing_before, 1);
  assert.equal(plan.failing_after, 0);
  assert.equal(plan.verified, true);
  assert.equal(plan.changes.length, 1);
  assert.equal(plan.changes[0].quant_dtype, 'use_16a4w');
  assert.deepEqual(plan.changes[0].fixes, ['soc.lpbq-min-arch']);
  assert.match(plan.snippet, /QuantDtype\.use_16a4w,/);
  assert.match(v.fixPlanText(graph, { soc: 'SM8350' }), /1 failing node\(s\) -> 0/);
});

test('fix-plan CLI: same JSON as the native CLI; exit 0 when verified, 1 when not, 2 on bad input', () => {
  for (const [file, soc, status] of [[LPBQ, 'SM8350', 0], [FP16, 'SM8350', 1]]) {
    const node = run(process.execPath, [CLI, 'fix-plan', file, '--soc', soc, '--format', 'json']);
    assert.equal(node.status, status, node.stderr);
    const native = run(NATIVE, ['fix-plan', file, '--soc', soc, '--format', 'json']);
    assert.equal(native.status, status, native.stderr);
    assert.equal(node.stdout, native.stdout);
    const text = run(process.execPath, [CLI, 'fix-plan', file, '--soc', soc]);
    assert.equal(text.stdout, run(NATIVE, ['fix-plan', file, '--soc', soc]).stdout);
  }
  const bad = run(process.execPath, [CLI, 'fix-plan', 'web/examples/broken.json']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /broken\.json:\d+:\d+: .*\[json\.syntax\]/);
});
