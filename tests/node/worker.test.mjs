// The module inside a worker (node worker_threads, standing in for a Web Worker): load, validate a
// graph that was transferred in as an ArrayBuffer, return the report and an input error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import { createValidator } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const QNNV = new URL('../../wasm/qnnv.mjs', import.meta.url).href;
const DECODER = path.join(ROOT, 'tests/fixtures/tiny_decoder__16a4w_block.json');

// The worker's code: a request/response protocol like a page would use with a Web Worker.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.qnnv).then(async ({ createValidator, QnnvError }) => {
  const v = await createValidator({ single: workerData.single });
  parentPort.on('message', ({ id, graph, options }) => {
    try {
      parentPort.postMessage({ id, json: v.validateJson(new Uint8Array(graph), options) });
    } catch (e) {
      parentPort.postMessage({ id, error: e instanceof QnnvError ? e.detail : String(e) });
    }
  });
  parentPort.postMessage({ ready: true });
});
`;

function startWorker(single) {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { qnnv: QNNV, single } });
  const pending = new Map();
  let nextId = 1;
  let readyResolve;
  const ready = new Promise((resolve) => { readyResolve = resolve; });
  worker.on('message', (m) => {
    if (m.ready) return readyResolve();
    pending.get(m.id)(m);
    pending.delete(m.id);
  });
  const call = (graph, options) => new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker.postMessage({ id, graph, options }, [graph]);
  });
  return { worker, ready, call };
}

for (const single of [false, true]) {
  test(`validate inside a worker (${single ? 'single-file' : 'split'} build)`, async () => {
    const v = await createValidator();
    const text = fs.readFileSync(DECODER);
    const expected = v.validateJson(text, { soc: 'SM8350' });
    const w = startWorker(single);
    try {
      await w.ready;
      const buf = text.buffer.slice(text.byteOffset, text.byteOffset + text.byteLength);
      const r = await w.call(buf, { soc: 'SM8350' });
      assert.equal(buf.byteLength, 0, 'the ArrayBuffer was transferred, not copied');
      assert.equal(r.json, expected);
      const bad = new TextEncoder().encode('{"format": "qnnv.graph", "version": 1, "nodes": [').buffer;
      const e = await w.call(bad, {});
      assert.equal(e.error.format, 'qnnv.error');
      assert.equal(e.error.error.code, 'json.syntax');
      const again = fs.readFileSync(DECODER);
      const r2 = await w.call(again.buffer.slice(again.byteOffset, again.byteOffset + again.byteLength), { soc: 'SM8350' });
      assert.equal(r2.json, expected, 'the worker still validates after an error');
    } finally {
      await w.worker.terminate();
    }
  });
}
