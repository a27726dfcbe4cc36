// The JS API over the WebAssembly build (wasm/qnnv.mjs): every entry point, every input form.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createValidator, QnnvError, toModelExplorerNodeData } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DECODER = fs.readFileSync(path.join(ROOT, 'tests/fixtures/tiny_decoder__16a4w_block.json'), 'utf8');
const MOBILENET = fs.readFileSync(path.join(ROOT, 'tests/fixtures/mobilenet_v2__8a8w.json'), 'utf8');

let v;
before(async () => {
  v = await createValidator();
});

const failing = (report) => report.results.filter((r) => r.status === 'fail');

test('version and data version', () => {
  assert.match(v.version, /^\d+\.\d+\.\d+/);
  assert.equal(typeof v.dataVersion, 'string');
  assert.ok(v.dataVersion.length > 0);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'wasm/package.json'), 'utf8'));
  assert.equal(v.version, pkg.version, 'package.json version follows the core');
});

test('backends lists htp and lpai', () => {
  const names = v.backends().map((b) => b.name);
  assert.ok(names.includes('htp'), names.join(','));
  assert.ok(names.includes('lpai'), names.join(','));
  for (const b of v.backends()) {
    assert.equal(typeof b.version, 'string');
    assert.equal(typeof b.complete, 'boolean');
  }
});

test('socs, ops, coverage and explain return the core JSON parsed', () => {
  const all = v.socs();
  const htp = v.socs('htp');
  assert.deepEqual(htp, JSON.parse(v.socsJson('htp')));
  assert.ok(JSON.stringify(all).includes('SM8650'));
  assert.ok(JSON.stringify(htp).includes('SM8750'));
  const ops = v.ops('htp');
  assert.deepEqual(ops, JSON.parse(v.opsJson('htp')));
  assert.ok(JSON.stringify(ops).includes('Conv2d'));
  assert.deepEqual(v.coverage(), JSON.parse(v.coverageJson()));
  const ex = v.explain('aten.conv2d.default', { backend: 'htp', soc: 'SM8650' });
  assert.ok(JSON.stringify(ex).includes('Conv2d'));
  for (const text of [v.socsText('htp'), v.opsText('htp'), v.coverageText(), v.explainText('Conv2d', { backend: 'htp', soc: 'SM8650' })]) {
    assert.equal(typeof text, 'string');
    assert.ok(text.length > 0);
  }
  // One usage text for both CLIs, from the core (parity.test.mjs compares the two --help outputs).
  assert.match(v.usageText(), /^qnnv — .*\n\nUsage:\n  qnnv validate +GRAPH\.json\|-\|GLOB\.\.\. /);
  assert.match(v.usageText(), /Exit status: 0 no errors, 1 findings that are errors \(or over --max-warnings, or --fail-on\),\n2 usage or input error \(in any of the files\)\.\n$/);
});

test('validate: the decoder sample passes on SM8750 (no fail)', () => {
  const r = v.validate(DECODER, { backend: 'htp', soc: 'SM8750' });
  assert.equal(r.format, 'qnnv.report');
  assert.equal(r.version, 1);
  assert.equal(r.target.backend, 'htp');
  assert.equal(r.target.soc_model, 'SM8750');
  assert.deepEqual(failing(r).map((x) => x.node), []);
  assert.equal(r.summary.failed, 0);
  const callFunctions = JSON.parse(DECODER).nodes.filter((n) => n.op === 'call_function').length;
  assert.equal(r.results.length, callFunctions);
});

test('validate: on SM8350 exactly the block-wise linear, matmul and layer_norm nodes fail', () => {
  const graph = JSON.parse(DECODER);
  const r = v.validate(graph, { backend: 'htp', soc: 'SM8350' });
  assert.equal(r.ok, false);
  const expected = graph.nodes
    .filter((n) => n.op === 'call_function' &&
      ['aten.linear.default', 'aten.matmul.default', 'aten.layer_norm.default'].includes(n.target))
    .map((n) => n.name)
    .sort();
  assert.deepEqual(failing(r).map((x) => x.node).sort(), expected);
});

test('validate: text, bytes, ArrayBuffer, DataView and object give the same report text', () => {
  const opts = { soc: 'SM8650' };
  const fromText = v.validateJson(DECODER, opts);
  const bytes = new TextEncoder().encode(DECODER);
  assert.equal(v.validateJson(bytes, opts), fromText);
  assert.equal(v.validateJson(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), opts), fromText);
  assert.equal(v.validateJson(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), opts), fromText);
  assert.equal(v.validateJson(Buffer.from(DECODER), opts), fromText);
  // An object is validated as its JSON.stringify text: node locations point into that text, not the file's,
  // and everything else is the same.
  const obj = JSON.parse(DECODER);
  const fromObject = v.validateJson(obj, opts);
  assert.equal(fromObject, v.validateJson(JSON.stringify(obj), opts));
  const withoutLocations = (text) => JSON.stringify(JSON.parse(text), (k, val) => (k === 'location' ? undefined : val));
  assert.notEqual(fromObject, fromText);
  assert.equal(withoutLocations(fromObject), withoutLocations(fromText));
  assert.deepEqual(v.validate(DECODER, opts), JSON.parse(fromText));
});

test('validate: defaults come from the graph hints, options win', () => {
  const hinted = v.validate(DECODER);
  const hints = JSON.parse(DECODER).hints;
  assert.equal(hinted.target.backend, hints.backend);
  assert.equal(hinted.target.soc_model, hints.soc_model);
  const noHints = JSON.parse(DECODER);
  delete noHints.hints;
  const dflt = v.validate(noHints);
  assert.equal(dflt.target.backend, 'htp');
  assert.equal(dflt.target.soc_model, 'SM8750');
  assert.equal(v.validate(DECODER, { soc: 'SM8650' }).target.soc_model, 'SM8650');
});

test('validate: non-strict turns errors into warnings (ok) but nodes still read fail', () => {
  const strict = v.validate(DECODER, { soc: 'SM8350', strict: true });
  const lax = v.validate(DECODER, { soc: 'SM8350', strict: false });
  assert.equal(strict.ok, false);
  assert.equal(lax.ok, true);
  assert.equal(lax.target.strict, false);
  assert.deepEqual(failing(lax).map((x) => x.node), failing(strict).map((x) => x.node));
  for (const n of failing(lax)) {
    for (const f of n.findings) assert.notEqual(f.severity, 'error');
  }
});

test('validate: the lpai backend gives an lpai report', () => {
  const socs = JSON.stringify(v.socs('lpai'));
  const soc = ['SM8650', 'SM8750', 'SM8850'].find((s) => socs.includes(s));
  assert.ok(soc, 'an LPAI SoC is listed');
  const r = v.validate(MOBILENET, { backend: 'lpai', soc });
  assert.equal(r.target.backend, 'lpai');
  assert.equal(r.results.length, JSON.parse(MOBILENET).nodes.filter((n) => n.op === 'call_function').length);
});

test('renderers: json round-trip, text, sarif, junit', () => {
  const json = v.validateJson(DECODER, { soc: 'SM8350' });
  const report = JSON.parse(json);
  assert.equal(v.toJson(json), json, 'report_from_json/report_to_json round-trips the text');
  assert.equal(v.toJson(report), json, 'a parsed report renders the same');
  const text = v.toText(report);
  assert.ok(text.includes('SM8350'));
  assert.ok(!text.includes('\u001b['), 'no ANSI colours by default');
  assert.ok(v.toText(report, { color: true }).includes('\u001b['));
  const sarif = JSON.parse(v.toSarif(report, 'graphs/decoder.json'));
  assert.equal(sarif.version, '2.1.0');
  assert.ok(Array.isArray(sarif.runs));
  assert.ok(JSON.stringify(sarif).includes('graphs/decoder.json'));
  const failed = failing(report).length;
  assert.ok(sarif.runs[0].results.length >= failed);
  const junit = v.toJUnit(json, 'decoder');
  assert.match(junit, /^<\?xml/);
  assert.ok(junit.includes('<testsuite'));
  assert.ok(junit.includes('decoder'));
  assert.equal((junit.match(/<failure/g) || []).length, failed);
});

test('renderers reject what is not a report', () => {
  assert.throws(() => v.toSarif('{"format":"qnnv.graph"}'), (e) => e instanceof QnnvError && e.code.startsWith('report.'));
  assert.throws(() => v.toText(42), (e) => e instanceof QnnvError && e.code === 'input.type');
});

test('Model Explorer node data: {graphId: {results: {node: {value, bgColor}}}}', () => {
  const report = v.validate(DECODER, { soc: 'SM8350' });
  const overlay = v.toModelExplorerNodeData(report, 'decoder');
  assert.deepEqual(Object.keys(overlay), ['decoder']);
  const results = overlay.decoder.results;
  assert.equal(Object.keys(results).length, report.results.length);
  for (const r of report.results) {
    assert.equal(results[r.node].value, r.status);
    assert.match(results[r.node].bgColor, /^#[0-9a-f]{6}$/);
  }
  const colors = new Set(report.results.map((r) => results[r.node].bgColor + r.status));
  const statuses = new Set(report.results.map((r) => r.status));
  assert.equal(colors.size, statuses.size, 'one colour per status');
  assert.deepEqual(toModelExplorerNodeData(JSON.stringify(report)), { graph: { results } }, 'default graph id, JSON text input');
});

test('errorText gives the located line the CLI prints', () => {
  let err;
  try {
    v.validate('{\n  "format": "qnnv.graph",\n  "version": 1,\n  nodes: []\n}');
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof QnnvError);
  const line = v.errorText(err, 'g.json');
  assert.ok(line.startsWith(`g.json:${err.line}:${err.column}`), line);
  assert.ok(line.includes(`[${err.code}]`), line);
});

test('user data file replaces the built-in data', () => {
  const htp = JSON.parse(fs.readFileSync(path.join(ROOT, 'core/data/htp.json'), 'utf8'));
  const marker = 'user-test-version';
  htp.data_version = marker;
  const opts = { data: htp, dataOrigin: 'my-htp.json' };
  const r = v.validate(DECODER, { soc: 'SM8650', ...opts });
  assert.ok(r.tool.data.includes(marker) || r.tool.data.includes('my-htp.json'), r.tool.data);
  const backend = v.backends(opts).find((b) => b.name === 'htp');
  assert.equal(backend.origin, 'my-htp.json');
  // as text and as bytes too; the built-in data is untouched afterwards
  const text = JSON.stringify(htp);
  const fromObject = v.validateJson(DECODER, { soc: 'SM8650', ...opts });
  assert.deepEqual(JSON.parse(fromObject), r);
  assert.equal(v.validateJson(DECODER, { soc: 'SM8650', data: text, dataOrigin: 'my-htp.json' }), fromObject);
  assert.equal(v.validateJson(DECODER, { soc: 'SM8650', data: new TextEncoder().encode(text), dataOrigin: 'my-htp.json' }), fromObject);
  assert.ok(!v.validate(DECODER, { soc: 'SM8650' }).tool.data.includes(marker));
  assert.equal(v.backends().find((b) => b.name === 'htp').origin, 'built-in');
});

test('an instance-wide data file applies to every call', async () => {
  const htp = JSON.parse(fs.readFileSync(path.join(ROOT, 'core/data/htp.json'), 'utf8'));
  htp.data_version = 'instance-wide';
  const w = await createValidator({ data: htp, dataOrigin: 'inst.json' });
  assert.equal(w.backends().find((b) => b.name === 'htp').origin, 'inst.json');
  assert.ok(w.validate(DECODER).tool.data.includes('inst.json') || w.validate(DECODER).tool.data.includes('instance-wide'));
});

test('the single-file build gives the same results', async () => {
  const s = await createValidator({ single: true });
  assert.equal(s.version, v.version);
  assert.equal(s.validateJson(DECODER, { soc: 'SM8350' }), v.validateJson(DECODER, { soc: 'SM8350' }));
});

test('loading from wasmBinary, wasmUrl or wasmModule', async () => {
  const url = new URL('../../wasm/dist/qnnv_wasm.wasm', import.meta.url);
  const bytes = fs.readFileSync(url);
  const expected = v.validateJson(DECODER);
  for (const opts of [{ wasmBinary: bytes }, { wasmUrl: url }, { wasmUrl: fileURLToPath(url) }, { wasmModule: await WebAssembly.compile(bytes) }]) {
    const w = await createValidator(opts);
    assert.equal(w.validateJson(DECODER), expected);
  }
});
