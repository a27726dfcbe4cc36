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
