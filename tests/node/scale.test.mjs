// Large graphs and memory: a generated 10k-node graph (the decoder sample's layers repeated), and
// 1,000 validations in a loop leaving the WebAssembly heap where it started.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createValidator, QnnvError } from '../../wasm/qnnv.mjs';
import { makeGraph } from '../../bench/wasm_bench.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DECODER_TEXT = fs.readFileSync(path.join(ROOT, 'tests/fixtures/tiny_decoder__16a4w_block.json'), 'utf8');
const DECODER = JSON.parse(DECODER_TEXT);

let v;
before(async () => {
  v = await createValidator();
});

test('a generated 10k-node graph validates like its copies of the sample', () => {
  const graph = makeGraph(10000);
  assert.ok(graph.nodes.length >= 10000, `${graph.nodes.length} nodes`);
  const copies = graph.nodes.filter((n) => n.op === 'placeholder').length;
  const sample = v.validate(DECODER, { backend: 'htp', soc: 'SM8350' });
  const big = v.validate(JSON.stringify(graph), { backend: 'htp', soc: 'SM8350' });
  assert.equal(big.results.length, graph.nodes.filter((n) => n.op === 'call_function').length);
  for (const key of ['nodes', 'checked', 'passed', 'failed', 'not_validated', 'skipped']) {
    assert.equal(big.summary[key], sample.summary[key] * copies, key);
  }
  // copy k of node X is X__k and gets X's verdict
  const statusOf = new Map(sample.results.map((r) => [r.node, r.status]));
  for (const r of big.results) {
    assert.equal(r.status, statusOf.get(r.node.replace(/__\d+$/, '')), r.node);
  }
  const ok = v.validate(graph, { backend: 'htp', soc: 'SM8750' });
  assert.equal(ok.summary.failed, 0);
});

test('1,000 validations leave the heap where it started', () => {
  const bytes = new TextEncoder().encode(DECODER_TEXT);
  const bad = ['{', '', '{"format":"qnnv.graph","version":1,"nodes":[{"name":"x","op":"call_function","target":"aten.add.Tensor","args":[{"node":"y"}]}]}'];
  // warm up: first use sizes the heap and fills lazily built tables
  for (let i = 0; i < 20; i++) {
    v.validateJson(bytes, { soc: 'SM8350' });
    assert.throws(() => v.validate(bad[i % bad.length]), QnnvError);
  }
  const before = v.memory();
  let last;
  for (let i = 0; i < 1000; i++) {
    last = v.validateJson(i % 2 ? bytes : DECODER_TEXT, { soc: i % 3 ? 'SM8350' : 'SM8750' });
    if (i % 10 === 0) assert.throws(() => v.validate(bad[(i / 10) % bad.length]), QnnvError);
    if (i % 100 === 0) v.toSarif(last);
  }
  const after = v.memory();
  assert.equal(after.heapSize, before.heapSize, 'the heap did not grow');
  assert.ok(after.used <= before.used + 16 * 1024,
    `malloc'd bytes grew from ${before.used} to ${after.used}`);
  assert.equal(JSON.parse(last).format, 'qnnv.report');
});

test('user data files are released when the cache turns over', () => {
  const htp = JSON.parse(fs.readFileSync(path.join(ROOT, 'core/data/htp.json'), 'utf8'));
  const variant = (i) => ({ ...htp, data_version: `v${i}` });
  for (let i = 0; i < 5; i++) v.backends({ data: variant(i) });
  const before = v.memory();
  for (let i = 5; i < 45; i++) v.backends({ data: variant(i) });
  const after = v.memory();
  assert.ok(after.used <= before.used + 64 * 1024, `data files leaked: ${before.used} -> ${after.used}`);
});
