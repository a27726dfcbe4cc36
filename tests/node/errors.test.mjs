// Every error path of the JS API: each bad input is thrown as a QnnvError carrying the documented
// qnnv.error object, and the same instance then still validates a sample to the same report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { createValidator, QnnvError } from '../../wasm/qnnv.mjs';
import { DECODER, sharedHealthyValidator } from './healthy.mjs';

const enc = new TextEncoder();

// After every test the instance must still work and give the very same report.
let v;
let baseline;
sharedHealthyValidator((validator, report) => {
  v = validator;
  baseline = report;
});

// Asserts that fn throws a QnnvError with `code` (and the other given fields); returns it.
function throwsQnnv(fn, code, fields = {}) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected a QnnvError ${code}, nothing was thrown`);
  assert.ok(err instanceof QnnvError, `expected a QnnvError, got ${err && err.stack}`);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'QnnvError');
  assert.equal(err.code, code, `${err.code}: ${err.message}`);
  assert.equal(err.detail.format, 'qnnv.error');
  assert.equal(err.detail.version, 1);
  assert.equal(err.detail.error.code, code);
  assert.equal(typeof err.message, 'string');
  assert.ok(err.message.length > 0);
  assert.equal(err.message, err.detail.error.message);
  for (const [k, want] of Object.entries(fields)) assert.equal(err[k], want, `${k} of ${code}: ${err.message}`);
  return err;
}

test('bad JSON: json.syntax with line and column', () => {
  // line 4 is '  "nodes": ]': the stray ']' (column 12) is where the JSON stops making sense
  const text = '{\n  "format": "qnnv.graph",\n  "version": 1,\n  "nodes": ]\n}';
  throwsQnnv(() => v.validate(text), 'json.syntax', { line: 4, column: 12 });
  const truncated = DECODER.slice(0, 5000);
  const e = throwsQnnv(() => v.validate(truncated), 'json.syntax');
  assert.ok(e.line >= 1 && e.column >= 1);
});

test('wrong format or version', () => {
  throwsQnnv(() => v.validate('{"format": "qnnv.report", "version": 1, "results": []}'), 'format.wrong', { pointer: '/format' });
  throwsQnnv(() => v.validate('[1, 2, 3]'), 'format.wrong');
  throwsQnnv(() => v.validate('42'), 'format.wrong');
  throwsQnnv(() => v.validate({ version: 1, nodes: [] }), 'format.wrong');
  throwsQnnv(() => v.validate({ format: 'qnnv.graph', version: 2, nodes: [] }), 'format.version');
});

test('dangling node reference: graph.dangling-ref with its pointer', () => {
  const g = JSON.parse(DECODER);
  const i = g.nodes.findIndex((n) => n.op === 'call_function');
  g.nodes[i].args[0] = { node: 'no_such_node' };
  const e = throwsQnnv(() => v.validate(g), 'graph.dangling-ref');
  assert.ok(e.pointer.startsWith(`/nodes/${i}/args/0`), e.pointer);
  assert.ok(e.message.includes('no_such_node'));
});

test('unknown SoC and unknown backend', () => {
  throwsQnnv(() => v.validate(DECODER, { soc: 'SM0000' }), 'options.unknown-soc');
  throwsQnnv(() => v.validate(DECODER, { backend: 'gpu' }), 'options.unknown-backend');
  throwsQnnv(() => v.socs('gpu'), 'options.unknown-backend');
  throwsQnnv(() => v.ops('gpu'), 'options.unknown-backend');
  assert.throws(() => v.explain('aten.conv2d.default', { backend: 'htp', soc: 'SM0000' }), QnnvError);
  assert.throws(() => v.explain('aten.no_such_op.default', { backend: 'htp', soc: 'SM8650' }), QnnvError);
});

test('bad data file: data.* errors, built-in data unharmed', () => {
  throwsQnnv(() => v.validate(DECODER, { data: '{"format": "qnnv.data", ' }), 'data.syntax');
  throwsQnnv(() => v.validate(DECODER, { data: { format: 'qnnv.graph', version: 1 } }), 'data.format');
  assert.throws(() => v.socs('htp', { data: '[]' }), (e) => e instanceof QnnvError && e.code.startsWith('data.'));
  assert.throws(() => v.validate(DECODER, { data: new Uint8Array([0x7b, 0xff, 0x7d]) }), (e) => e instanceof QnnvError && e.code.startsWith('data.'));
  const e = throwsQnnv(() => v.validate(DECODER, { data: 17 }), 'input.type');
  assert.ok(e.message.includes('data'));
  assert.equal(v.backends().find((b) => b.name === 'htp').origin, 'built-in');
});

test('invalid UTF-8 bytes: json.encoding with line and column', () => {
  const head = enc.encode('{"format": "qnnv.graph",\n "version": 1,\n "nodes": [{"name": "a');
  const tail = enc.encode('", "op": "placeholder"}]}');
  const bytes = new Uint8Array(head.length + 1 + tail.length);
  bytes.set(head, 0);
  bytes[head.length] = 0xff;
  bytes.set(tail, head.length + 1);
  // the 0xFF is the 23rd character of line 3
  throwsQnnv(() => v.validate(bytes), 'json.encoding', { line: 3, column: 23 });
  throwsQnnv(() => v.validate(bytes.buffer), 'json.encoding', { line: 3, column: 23 });
  bytes[head.length] = 0xc3;  // a lead byte without its continuation
  throwsQnnv(() => v.validate(bytes), 'json.encoding', { line: 3, column: 23 });
});

test('UTF-16 text: json.encoding', () => {
  const s = '{"format": "qnnv.graph", "version": 1, "nodes": []}';
  const bytes = new Uint8Array(2 + s.length * 2);
  bytes[0] = 0xff;
  bytes[1] = 0xfe;
  for (let i = 0; i < s.length; i++) bytes[2 + 2 * i] = s.charCodeAt(i);
  throwsQnnv(() => v.validate(bytes), 'json.encoding');
});

test('empty input: json.empty', () => {
  throwsQnnv(() => v.validate(''), 'json.empty');
  throwsQnnv(() => v.validate('  \n\t '), 'json.empty');
  throwsQnnv(() => v.validate(new Uint8Array(0)), 'json.empty');
  throwsQnnv(() => v.validate(new ArrayBuffer(0)), 'json.empty');
});

test('deep nesting: limit.depth, no stack overflow', () => {
  for (const depth of [65, 1000, 100000]) {
    const text = `{"format": "qnnv.graph", "version": 1, "producer": ${'['.repeat(depth)}${']'.repeat(depth)}, "nodes": []}`;
    throwsQnnv(() => v.validate(text), 'limit.depth');
  }
  throwsQnnv(() => v.validate('{"format": "qnnv.graph", "version": 1, "x": ' + '{"a":'.repeat(50000)), 'limit.depth');
});

test('wrong argument types: input.type / input.unserializable', () => {
  for (const bad of [undefined, null, 42, true, () => 1, Symbol('s')]) {
    throwsQnnv(() => v.validate(bad), 'input.type');
  }
  const cyclic = { format: 'qnnv.graph' };
  cyclic.self = cyclic;
  throwsQnnv(() => v.validate(cyclic), 'input.unserializable');
  throwsQnnv(() => v.validate({ n: 10n }), 'input.unserializable');
  throwsQnnv(() => v.validate(DECODER, { strict: 'yes' }), 'input.type');
  throwsQnnv(() => v.validate(DECODER, { soc: 8650 }), 'input.type');
  throwsQnnv(() => v.validate(DECODER, { backend: ['htp'] }), 'input.type');
});

test('a node list that is not a list, a non-object node, a duplicate name', () => {
  throwsQnnv(() => v.validate({ format: 'qnnv.graph', version: 1, nodes: {} }), 'graph.type');
  const g = JSON.parse(DECODER);
  g.nodes.push({ ...g.nodes[0] });
  throwsQnnv(() => v.validate(g), 'graph.duplicate-node');
});

test('many bad inputs in a row leave the instance healthy', () => {
  const bad = ['', '{', '[]', 'null', '{"format":"qnnv.graph"}', '\u0000\u0000', '{"format":"qnnv.graph","version":1,"nodes":[{"name":1}]}'];
  for (let i = 0; i < 200; i++) {
    assert.throws(() => v.validate(bad[i % bad.length]), QnnvError);
  }
});

test('a failing WebAssembly instance is replaced and the validator keeps working', async () => {
  const { default: factory } = await import('../../wasm/dist/qnnv_wasm.mjs');
  let sabotage = 1;
  // Wraps the real factory: the first instance's validate entry point traps once.
  const wrapped = (args) => {
    const p = factory(args);
    return Promise.resolve(p).then((m) => {
      const real = m._qnnv_validate;
      m._qnnv_validate = (...a) => {
        if (sabotage-- > 0) throw new WebAssembly.RuntimeError('unreachable (simulated trap)');
        return real(...a);
      };
      return m;
    });
  };
  const wasmBinary = fs.readFileSync(new URL('../../wasm/dist/qnnv_wasm.wasm', import.meta.url));
  const w = await createValidator({ factory: wrapped, wasmBinary });
  throwsQnnv(() => w.validate(DECODER), 'internal.error');
  assert.equal(w.validateJson(DECODER, { soc: 'SM8350' }), baseline);
});

// ---- issue 15: every API entry checks its arguments; maps keyed by node names; reports in pieces ----

test('options that are not an object: input.type, never a TypeError', () => {
  for (const bad of [null, 5, 'SM8650', [], true]) {
    throwsQnnv(() => v.validate(DECODER, bad), 'input.type');
    throwsQnnv(() => v.validateJson(DECODER, bad), 'input.type');
    throwsQnnv(() => v.validateAllSocs(DECODER, bad), 'input.type');
    throwsQnnv(() => v.explainJson('Conv2d', bad), 'input.type');
    throwsQnnv(() => v.socs('htp', bad), 'input.type');
    throwsQnnv(() => v.toText(baseline, bad), 'input.type');
    throwsQnnv(() => v.backends(bad), 'input.type');
  }
  throwsQnnv(() => v.toJson(baseline, '2'), 'input.type');
  throwsQnnv(() => v.errorText(null), 'input.type');
  throwsQnnv(() => v.validate(DECODER, { soc: 8650 }), 'input.type');
});

test('a NUL in an option string is refused, not cut', () => {
  throwsQnnv(() => v.validate(DECODER, { soc: 'SM8650\u0000x' }), 'input.nul');
  throwsQnnv(() => v.validate(DECODER, { backend: 'htp\u0000' }), 'input.nul');
  throwsQnnv(() => v.validateAllSocs(DECODER, { socs: ['SM8650\u0000'] }), 'input.nul');
  throwsQnnv(() => v.explainJson('Conv2d\u0000x'), 'input.nul');
});

test('a detached ArrayBuffer, or a view of one: input.detached', () => {
  const buffer = enc.encode(DECODER).buffer;
  structuredClone(buffer, { transfer: [buffer] });
  assert.equal(buffer.byteLength, 0);
  throwsQnnv(() => v.validate(buffer), 'input.detached');
  const view = new Uint8Array(new ArrayBuffer(8));
  structuredClone(view.buffer, { transfer: [view.buffer] });
  throwsQnnv(() => v.validate(view), 'input.detached');
});

test('limit.input-size is checked on the size before the input is copied or encoded', () => {
  // 1 GiB + 1 bytes (never touched, so never resident): refused from byteLength, nothing copied.
  const max = 1 << 30;
  const big = new Uint8Array(max + 1);
  const before = v.memory().heapSize;
  throwsQnnv(() => v.validate(big), 'limit.input-size');
  assert.equal(v.memory().heapSize, before, 'the heap grew: the input was copied before the check');
  const err = throwsQnnv(() => v.validate(big.subarray(0, max + 1)), 'limit.input-size');
  assert.match(err.message, /^the input is 1073741825 bytes, more than the limit of 1073741824 bytes/);
});

test('toModelExplorerNodeData: a node named __proto__ (or constructor) is an entry like any other', () => {
  const report = {
    results: [{ node: '__proto__', status: 'fail' }, { node: 'constructor', status: 'pass' },
      { node: 'toString', status: 'skipped' }],
  };
  for (const graphId of ['graph', '__proto__']) {
    const out = v.toModelExplorerNodeData(report, graphId);
    const results = out[graphId].results;
    assert.deepEqual(Object.keys(results), ['__proto__', 'constructor', 'toString']);
    assert.equal(results.__proto__.value, 'fail');
    assert.equal(results.constructor.value, 'pass');
    assert.equal(Object.getPrototypeOf(results), Object.prototype, 'a plain object, not one whose prototype was replaced');
    assert.equal(JSON.parse(JSON.stringify(out))[graphId].results.__proto__.value, 'fail');
  }
  throwsQnnv(() => v.toModelExplorerNodeData('not json'), 'input.type');
});

test('validateJsonChunks: pieces that join to validateJson()\'s text; errors before any piece', async () => {
  const whole = v.validateJson(DECODER, { soc: 'SM8350' });
  const pieces = [...v.validateJsonChunks(DECODER, { soc: 'SM8350' })];
  assert.ok(pieces.length >= 1);
  assert.equal(pieces.join(''), whole);
  const asyncPieces = [];
  for await (const p of v.validateJsonChunks(DECODER, { soc: 'SM8350' })) asyncPieces.push(p);
  assert.equal(asyncPieces.join(''), whole);
  // Stopping early releases the report; the instance keeps its heap in use.
  const used = v.memory().used;
  for (const p of v.validateJsonChunks(DECODER, { soc: 'SM8350' })) { assert.ok(p.length > 0); break; }
  assert.ok(v.memory().used <= used + 4096, `heap in use grew from ${used} to ${v.memory().used}`);
  throwsQnnv(() => v.validateJsonChunks('{', {}), 'json.syntax');
  throwsQnnv(() => v.validateJsonChunks(DECODER, { soc: 'SM0000' }), 'options.unknown-soc');
});
