// The graph view: the neighbourhood of a node (nodes, edges, labels, colours, moving by click), the shared-spec
// chain, and the module overview with failing modules highlighted. Also the page at phone width.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync, mkdtempSync, rmSync, existsSync} from 'node:fs';
import os from 'node:os';
import {startServer, build} from '../../web/serve.mjs';
import path from 'node:path';
import {setup, openPage, loadByFileInput, waitReport, reportCount, readFixture, settled, ROOT} from './helpers.mjs';

const TINY = 'tiny_decoder__16a4w_block.json';
const tiny = JSON.parse(readFixture(TINY));
const lpbqText = readFileSync(path.join(ROOT, 'web/examples/lpbq_on_sm8350.json'), 'utf8');

let env, page, log;
before(async () => { env = await setup(); ({page, log} = await openPage(env)); });
after(async () => {
  if (log) {
    assert.deepEqual(log.requests.filter((u) => !u.startsWith(env.origin + '/') && !u.startsWith(`blob:${env.origin}/`)), []);
    assert.deepEqual(log.errors, []);
  }
  await env?.close();
});

const drawn = async () => {
  await settled(page);
  await page.waitForFunction(() => document.body.dataset.graph === 'ready');
};
const svgNodes = () => page.$$eval('#graph-node-svg .gnode', (gs) => gs.map((g) => ({node: g.dataset.node, status: g.dataset.status, centre: g.classList.contains('centre'),
  fill: getComputedStyle(g.querySelector('rect')).fill})));
const svgEdges = () => page.$$eval('#graph-node-svg .edge', (es) => es.map((e) => ({from: e.dataset.from, to: e.dataset.to, kind: e.dataset.kind, label: e.dataset.label, title: e.querySelector('title').textContent})));
const cssColour = (name) => page.evaluate((n) => {
  const el = document.createElement('div');
  el.style.color = `var(${n})`;
  document.body.append(el);
  const c = getComputedStyle(el).color;
  el.remove();
  return c;
}, name);
async function download() {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="json"]')]);
  return JSON.parse(readFileSync(await d.path(), 'utf8'));
}

test('a failing node\'s neighbourhood: its producers and consumer, derived-from sources, labels and colours', async () => {
  await loadByFileInput(page, 'lpbq_on_sm8350.json', lpbqText);
  await drawn();
  // the graph opens on the first failing node
  const nodes = await svgNodes();
  assert.deepEqual(nodes.filter((n) => n.centre).map((n) => n.node), ['linear']);
  assert.deepEqual(nodes.map((n) => n.node).sort(), ['fc_bias', 'fc_weight', 'linear', 'output', 'x']);
  const report = await download();
  const status = Object.fromEntries(report.results.map((r) => [r.node, r.status]));
  for (const n of nodes) assert.equal(n.status, status[n.node] || 'none', n.node);
  // colours come from the status: the failing node is drawn in the failure colour, the others are not
  const failBg = await cssColour('--qnnv-fail-bg');
  assert.equal(nodes.find((n) => n.node === 'linear').fill, failBg);
  assert.ok(nodes.filter((n) => n.node !== 'linear').every((n) => n.fill !== failBg));
  const edges = await svgEdges();
  const data = edges.filter((e) => e.kind === 'data').map((e) => `${e.from}>${e.to}`).sort();
  assert.deepEqual(data, ['fc_bias>linear', 'fc_weight>linear', 'linear>output', 'x>linear']);
  // the bias's DerivedQuantizationSpec comes from the input and weight edges
  assert.deepEqual(edges.filter((e) => e.kind === 'derived').map((e) => e.to).sort(), ['fc_weight', 'x']);
  // data edges carry the consumer port's datatype and encoding, as the report resolved them
  const ports = report.results.find((r) => r.node === 'linear').ports;
  for (const e of edges.filter((x) => x.to === 'linear' && x.kind === 'data')) {
    const p = ports.find((q) => q.node === e.from && q.port.startsWith('in'));
    assert.ok(e.title.endsWith(`${p.dtype} ${p.encoding}`), `${e.title} vs ${p.dtype} ${p.encoding}`);
  }
  assert.equal(edges.find((e) => e.from === 'fc_weight').label, 's8 block-wise');
});

test('the chain of shared specs that gives a node its qparams is drawn, and a click moves the view', async () => {
  await loadByFileInput(page, TINY, readFixture(TINY));
  let before = await reportCount(page);
  await page.selectOption('#soc-select', 'SM8750');
  if (await reportCount(page) === before) await waitReport(page, before).catch(() => {});
  await settled(page);
  // centre the view on "transpose" by clicking through: linear -> view -> transpose
  await page.fill('#search', 'transpose');
  await settled(page);
  await page.click('#results-table tr.row[data-node="transpose"] .disclose');
  await drawn();
  let nodes = await svgNodes();
  assert.deepEqual(nodes.filter((n) => n.centre).map((n) => n.node), ['transpose']);
  const edges = await svgEdges();
  // transpose shares view's output spec, which shares linear's: two "shares qparams" steps
  const shared = edges.filter((e) => e.kind === 'shared').map((e) => `${e.from}>${e.to}`).sort();
  assert.deepEqual(shared, ['transpose>view', 'view>linear']);
  // producers two hops up, consumers two hops down
  const consumers = tiny.nodes.filter((n) => JSON.stringify(n.args || []).includes('"node":"transpose"') || JSON.stringify(n.args || []).includes('"node": "transpose"')).map((n) => n.name);
  for (const n of ['view', 'linear', ...consumers]) assert.ok(nodes.some((x) => x.node === n), `${n} is drawn`);
  // click "view": the view moves there, and the table selects it
  await page.click('#graph-node-svg .gnode[data-node="view"]');
  await drawn();
  nodes = await svgNodes();
  assert.deepEqual(nodes.filter((n) => n.centre).map((n) => n.node), ['view']);
  assert.match(page.url(), /[#&]node=view(&|$)/);
  assert.equal(await page.getAttribute('#results-table tr.row[data-node="view"] .disclose', 'aria-expanded'), 'true');
  // keyboard: a node is focusable and Enter moves there too
  await page.focus('#graph-node-svg .gnode[data-node="linear"]');
  await page.keyboard.press('Enter');
  await drawn();
  assert.deepEqual((await svgNodes()).filter((n) => n.centre).map((n) => n.node), ['linear']);
});

test('the module overview groups operator nodes by module and highlights the failing ones', async () => {
  // the exporter writes meta.module; give each operator one, by its op ("ops.linear", "ops.view", ...)
  const g = structuredClone(tiny);
  const moduleOf = {};
  for (const n of g.nodes) if (n.op === 'call_function') { n.meta = {...(n.meta || {}), module: `ops.${n.target.split('.')[1]}`}; moduleOf[n.name] = n.meta.module; }
  g.hints = {backend: 'htp', soc_model: 'SM8350'};
  await loadByFileInput(page, 'modules.json', JSON.stringify(g));
  let before = await reportCount(page);
  if (await page.inputValue('#soc-select') !== 'SM8350') { await page.selectOption('#soc-select', 'SM8350'); await waitReport(page, before); }
  const report = await download();
  const failing = new Set(report.results.filter((r) => r.status === 'fail').map((r) => moduleOf[r.node]));
  await page.click('#tab-modules');
  await drawn();
  const mods = await page.$$eval('#graph-modules-svg .gmodule', (gs) => gs.map((x) => ({module: x.dataset.module, status: x.dataset.status})));
  assert.deepEqual(mods.map((m) => m.module).sort(), [...new Set(Object.values(moduleOf))].sort());
  assert.deepEqual(mods.filter((m) => m.status === 'fail').map((m) => m.module).sort(), [...failing].sort());
  assert.ok(failing.size > 0 && failing.size < mods.length, 'some modules fail and some do not');
  // a click on a failing module shows its first failing node
  const m = [...failing][0];
  await page.click(`#graph-modules-svg .gmodule[data-module="${m}"]`);
  await drawn();
  const centre = (await svgNodes()).find((n) => n.centre);
  assert.equal(moduleOf[centre.node], m);
  assert.equal(centre.status, 'fail');
  assert.equal(await page.getAttribute('#tab-node', 'aria-selected'), 'true');
});

test('at 390 px the page does not scroll sideways, even with a very long node name', async () => {
  const g = JSON.parse(lpbqText);
  const long = 'model_layers_' + 'very_long_module_path_'.repeat(12) + 'linear';
  const ren = (v) => (v === 'linear' ? long : Array.isArray(v) ? v.map(ren) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ren(x)])) : v);
  await page.setViewportSize({width: 390, height: 844});
  await loadByFileInput(page, 'long.json', JSON.stringify(ren(g)));
  await page.click(`#results-table tr.row .disclose`);
  await drawn();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, `horizontal overflow ${overflow}px`);
  // the row's cells stay inside the viewport: the long name wraps instead of pushing the findings off-screen
  const rights = await page.$$eval('#results-table tr.row > *', (cs) => cs.map((c) => c.getBoundingClientRect().right));
  assert.ok(rights.every((r) => r <= 390), JSON.stringify(rights));
  assert.ok((await page.textContent('#results-table tr.row')).includes(long));
  // the start screen and the not-a-graph answer fit too
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => document.body.dataset.state === 'idle');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), 0);
  await page.setViewportSize({width: 1280, height: 720});
});

test('the built site (serve.mjs --build) carries the layout library and the rule reference, and works from its own origin', async () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'qnnv-site-'));
  const log0 = console.log;
  console.log = () => {};
  try { await build(out, process.env.QNNV_WASM_DIR || path.join(ROOT, 'wasm')); } finally { console.log = log0; }
  const site = await startServer({port: 0, webDir: out, wasmDir: path.join(out, 'wasm')});
  try {
    assert.ok(existsSync(path.join(out, 'vendor', 'dagre.esm.js')) && existsSync(path.join(out, 'rules.html')));
    const p = await env.context.newPage();
    const requests = [];
    p.on('request', (r) => requests.push(r.url()));
    await p.goto(`${site.url}/#url=examples/lpbq_on_sm8350.json`);
    await p.waitForFunction(() => document.body.dataset.state === 'done' && document.body.dataset.graph === 'ready');
    assert.ok(await p.$$eval('#graph-node-svg .gnode', (g) => g.length) > 1, 'the graph view drew');
    assert.ok(requests.some((u) => u === `${site.url}/vendor/dagre.esm.js`));
    assert.deepEqual(requests.filter((u) => !u.startsWith(site.url + '/')), []);
    await p.close();
  } finally {
    await site.close();
    rmSync(out, {recursive: true, force: true});
  }
});
