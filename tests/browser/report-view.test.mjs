// The worker's answers without a browser (web/report-view.js, web/sniff.js in node): filters against a plain
// scan of the report, paging, locating, the neighbourhood's bounds and edges, the module overview's totals,
// and which bytes count as "not a graph".
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {GraphIndex, ReportView, shortDtype, toCsv} from '../../web/report-view.js';
import {sniff} from '../../web/sniff.js';
import {ROOT, readFixture} from './helpers.mjs';

const {createValidator} = await import(path.join(process.env.QNNV_WASM_DIR || path.join(ROOT, 'wasm'), 'qnnv.mjs'));
const v = await createValidator();
const tinyText = readFixture('tiny_decoder__16a4w_block.json');
const tiny = JSON.parse(tinyText);
const report = v.validate(tinyText, {soc: 'SM8350'});
const view = new ReportView(report, () => new GraphIndex(tiny));

test('filters give what a plain scan of the report gives, failures first', () => {
  const scan = (f) => report.results.map((r, i) => ({r, i})).filter(({r}) =>
    (!f.status || r.status === f.status) && (!f.op || r.target === f.op) &&
    (!f.rule || r.findings.some((x) => x.rule === f.rule)) && (!f.q || r.node.toLowerCase().includes(f.q.toLowerCase())));
  const rank = {fail: 0, not_validated: 1, pass: 2, skipped: 3};
  for (const f of [{}, {status: 'fail'}, {status: 'pass'}, {op: 'aten.linear.default'}, {rule: 'soc.lpbq-min-arch'}, {q: 'LINEAR_1'}, {status: 'fail', q: 'matmul'}]) {
    const want = scan(f).sort((a, b) => rank[a.r.status] - rank[b.r.status] || a.i - b.i).map(({i}) => i);
    assert.deepEqual(view.filtered(f), want, JSON.stringify(f));
  }
});

test('pages cover the matches once each; locate finds the page of a node or says the filter hides it', () => {
  const all = [];
  const first = view.rows({}, 0, 7);
  for (let p = 0; p < first.pages; p++) all.push(...view.rows({}, p, 7).rows.map((r) => r.node));
  assert.equal(all.length, report.results.length);
  assert.equal(new Set(all).size, all.length);
  assert.equal(view.rows({}, 999, 7).page, first.pages - 1, 'a page past the end is the last page');
  const name = all[20];
  assert.deepEqual(view.locate(name, {}, 7), {index: report.results.findIndex((r) => r.node === name), page: 2});
  const passing = report.results.find((r) => r.status === 'pass').node;
  assert.equal(view.locate(passing, {status: 'fail'}, 7).page, -1);
  assert.equal(view.locate('no such node', {}, 7), null);
});

test('the rule summary counts nodes (not findings) per rule', () => {
  const o = view.overview();
  for (const r of o.rules) {
    assert.equal(r.nodes, report.results.filter((x) => x.findings.some((f) => f.rule === r.rule)).length, r.rule);
  }
  assert.equal(o.ops.reduce((n, [, c]) => n + c, 0), report.results.length);
});

test('a neighbourhood stays within its node limit, and every edge joins two drawn nodes', () => {
  for (const r of report.results) {
    const nb = view.neighbourhood(r.node, {hops: 2, limit: 12});
    assert.ok(nb.nodes.length <= 12 + 8, `${r.node}: ${nb.nodes.length}`);  // + the spec chain (at most 8 steps)
    const names = new Set(nb.nodes.map((n) => n.name));
    assert.equal(nb.nodes.filter((n) => n.centre).length, 1);
    for (const e of nb.edges) assert.ok(names.has(e.from) && names.has(e.to), `${e.from} -> ${e.to}`);
  }
  assert.equal(view.neighbourhood('no such node'), null);
});

test('the module overview accounts for every operator node once', () => {
  const m = view.modules();
  const total = m.groups.reduce((n, g) => n + g.nodes, 0);
  assert.equal(total, report.results.length);
  for (const g of m.groups) assert.equal(g.fail + g.not_validated + g.pass + g.skipped, g.nodes, g.module);
  assert.ok(m.groups.length <= 60);
  // modules from the report (NodeResult.module) win over the graph's
  const withModules = {...report, results: report.results.map((r) => ({...r, module: 'from.report'}))};
  const mv = new ReportView(withModules, () => new GraphIndex(tiny)).modules();
  assert.deepEqual(mv.groups.map((g) => g.module), ['from.report']);
  assert.equal(mv.moduleMeta, true);
});

test('short datatypes and CSV cells', () => {
  assert.deepEqual(['UFIXED_POINT_16', 'SFIXED_POINT_8', 'FLOAT_32', 'INT_64', 'BOOL_8'].map(shortDtype), ['u16', 's8', 'f32', 'i64', 'bool8']);
  const csv = toCsv({results: [{node: '=cmd', target: 't', status: 'fail', findings: [{rule: 'r', message: 'a, "b"'}]}]});
  assert.equal(csv.split('\r\n')[1], `'=cmd,t,,fail,,r,,,"a, ""b""",,,,,,`);
});

test('sniff: model files by their bytes; text and unknown bytes go to the core', () => {
  const b = (...parts) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  assert.equal(sniff(b([0x1c, 0, 0, 0], 'ET12', [0, 0, 0, 0]), 'x.bin').kind, 'pte');
  assert.equal(sniff(b([0x1c, 0, 0, 0], 'TFL3', [0, 0]), 'x').kind, 'tflite');
  assert.equal(sniff(b('PK\x03\x04', [20, 0]), 'model.pt2').kind, 'zip');
  assert.equal(sniff(b([0x08, 0x08, 0x12, 0x07], 'pytorch'), 'm').kind, 'onnx');
  assert.equal(sniff(b('{"format":"qnnv.graph"}'), 'g.json'), null);
  assert.equal(sniff(b('\ufeff{}'), 'g.json'), null);
  assert.equal(sniff(b([0xff, 0xfe, 0x7b, 0x00]), 'utf16.json'), null, 'a UTF-16 file is the core\'s to report');
  assert.equal(sniff(b([0xff, 0xfe, 0x7b, 0x00]), 'model.pte').kind, 'pte', 'binary bytes without a signature: the name decides');
  assert.equal(sniff(b('{"nodes": []}'), 'model.pte'), null, 'text is never judged by its name');
  assert.equal(sniff(new Uint8Array(0), 'empty.json'), null);
});
