// The page (web/index.html) in Debian's chromium: loading, target changes, filters, exports, deep links,
// input errors, untrusted names, and that no request leaves the origin.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {setup, openPage, loadByFileInput, dropFile, waitReport, reportCount, readFixture, rowsOnAllPages, settled, ROOT} from './helpers.mjs';

const TINY = 'tiny_decoder__16a4w_block.json';
const MOBILENET = 'mobilenet_v2__8a8w.json';
const tinyText = readFixture(TINY);
const tiny = JSON.parse(tinyText);

// The nodes of the tiny decoder that HTP v68 (SM8350) rejects, derived from the graph itself: linear nodes
// whose weight qspec has a block_size (LPBQ), matmul nodes and layer_norm nodes.
function expectedSm8350Failures(g) {
  const qspec = (q) => (typeof q === 'number' ? g.qspecs[q] : q);
  const out = new Set();
  for (const n of g.nodes) {
    if (n.op !== 'call_function') continue;
    if (n.target === 'aten.matmul.default' || n.target === 'aten.layer_norm.default') out.add(n.name);
    if (n.target === 'aten.linear.default') {
      const weight = n.args[1] && n.args[1].node;
      const entry = (n.annotation?.input_qspec_map || []).find((e) => e.arg === weight);
      const q = entry && qspec(entry.qspec);
      if (q && q.observer_kwargs && q.observer_kwargs.block_size) out.add(n.name);
    }
  }
  return out;
}

let env, page, log;
before(async () => {
  env = await setup();
  ({page, log} = await openPage(env));
});
after(async () => {
  // No request left the origin during the whole file (blob: URLs of downloads belong to the origin too).
  if (log) {
    const foreign = log.requests.filter((u) => !u.startsWith(env.origin + '/') && !u.startsWith(`blob:${env.origin}/`));
    assert.deepEqual(foreign, [], 'requests outside the origin');
    assert.ok(log.requests.some((u) => u.startsWith(env.origin + '/wasm/')), 'the page loaded the module from its origin');
    assert.deepEqual(log.errors, [], 'uncaught page errors');
  }
  await env?.close();
});

const verdictClass = () => page.$eval('#verdict .verdict', (e) => e.dataset.verdict);
const failRows = async () => new Set((await rowsOnAllPages(page)).filter((r) => r.status === 'fail').map((r) => r.node));

async function selectSoc(model) {
  const before = await reportCount(page);
  await page.selectOption('#soc-select', model);
  await waitReport(page, before);
}

async function download(selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return {name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8')};
}

test('a sample loaded by the file input validates with the graph hints as defaults', async () => {
  await loadByFileInput(page, TINY, tinyText);
  assert.equal(await page.inputValue('#backend-select'), tiny.hints.backend);
  assert.equal(await page.inputValue('#soc-select'), tiny.hints.soc_model);
  assert.equal(await verdictClass(), 'ok');
  assert.match(await page.textContent('#verdict'), /\bOK\b/);
  assert.deepEqual([...await failRows()], []);
  const rows = await rowsOnAllPages(page);
  assert.equal(rows.length, tiny.nodes.filter((n) => n.op === 'call_function').length, 'one row per call_function node');
});

test('the SoC select is grouped by architecture and names SoCs', async () => {
  const groups = await page.$$eval('#soc-select optgroup', (gs) => gs.map((g) => ({label: g.label, n: g.children.length})));
  assert.ok(groups.length >= 2, 'several architectures');
  assert.ok(groups.every((g) => /^HTP v\d+$/.test(g.label) && g.n > 0), JSON.stringify(groups));
  const sm8750 = await page.$eval('#soc-select option[value="SM8750"]', (o) => o.textContent);
  assert.match(sm8750, /SM8750/);
});

test('changing the SoC re-validates: SM8350 rejects exactly the LPBQ linears, matmuls and layer norms', async () => {
  await selectSoc('SM8350');
  assert.equal(await verdictClass(), 'bad');
  assert.match(await page.textContent('#verdict'), /NOT OK/);
  assert.deepEqual([...await failRows()].sort(), [...expectedSm8350Failures(tiny)].sort());
  // failures come first in the table
  const statuses = (await rowsOnAllPages(page)).map((r) => r.status);
  const firstOther = statuses.findIndex((s) => s !== 'fail');
  assert.ok(statuses.slice(firstOther).every((s) => s !== 'fail'), 'fail rows are on top');
  await selectSoc('SM8750');
  assert.equal(await verdictClass(), 'ok');
});

test('strict off turns the errors into warnings (non-strict verdict)', async () => {
  await selectSoc('SM8350');
  let before = await reportCount(page);
  await page.uncheck('#strict-check');
  await waitReport(page, before);
  assert.notEqual(await verdictClass(), 'bad');
  assert.match(page.url(), /strict=0/);
  before = await reportCount(page);
  await page.check('#strict-check');
  await waitReport(page, before);
  assert.equal(await verdictClass(), 'bad');
});

test('filters by status, op and rule, and search by node name', async () => {
  // still SM8350 from the previous test
  await page.click('#clear-filters');
  await page.selectOption('#filter-status', 'fail');
  await settled(page);
  let rows = await page.$$eval('#results-table tr.row', (rs) => rs.map((r) => r.dataset.status));
  assert.ok(rows.length > 0 && rows.every((s) => s === 'fail'));

  await page.selectOption('#filter-status', '');
  await page.selectOption('#filter-op', 'aten.matmul.default');
  await settled(page);
  const targets = await page.$$eval('#results-table tr.row .c-target', (cs) => cs.map((c) => c.textContent));
  assert.equal(targets.length, tiny.nodes.filter((n) => n.target === 'aten.matmul.default').length);
  assert.ok(targets.every((t) => t === 'aten.matmul.default'));

  await page.selectOption('#filter-op', '');
  const rule = await page.$eval('#filter-rule option:nth-child(2)', (o) => o.value);
  await page.selectOption('#filter-rule', rule);
  await settled(page);
  const shown = await page.$$eval('#results-table tr.row', (rs) => rs.map((r) => r.dataset.node));
  const report = JSON.parse((await download('[data-export="json"]')).text);
  const withRule = report.results.filter((r) => r.findings.some((f) => f.rule === rule)).map((r) => r.node);
  assert.deepEqual(shown.sort(), withRule.sort());

  await page.click('#clear-filters');
  await page.fill('#search', 'MATMUL_1');
  await settled(page);
  const names = await page.$$eval('#results-table tr.row', (rs) => rs.map((r) => r.dataset.node));
  assert.deepEqual(names, ['matmul_1']);
  await page.fill('#search', 'no-such-node');
  await settled(page);
  assert.equal(await page.$$eval('#results-table tr.row', (rs) => rs.length), 0);
  assert.match(await page.textContent('#results-table'), /No node matches/);
  await page.click('#clear-filters');
});

test('a search typed while a new report is drawn wins, and the report still shows', async () => {
  // still SM8350 (failures) from the tests above. Hold the worker's answer to the report's first request for
  // rows, type a search while it is held, then let it go: the report's own rows lose to the search's.
  await page.evaluate(async () => {
    const {ValidatorClient} = await import('./client.js');
    const request = ValidatorClient.prototype.request;
    window.__heldRows = null;
    ValidatorClient.prototype.request = function (type, ...rest) {
      if (type !== 'rows' || window.__heldRows) return request.call(this, type, ...rest);
      return new Promise((resolve, reject) => {
        window.__heldRows = () => { ValidatorClient.prototype.request = request; request.call(this, type, ...rest).then(resolve, reject); };
      });
    };
  });
  const before = await reportCount(page);
  await page.uncheck('#strict-check');
  await page.waitForFunction(() => window.__heldRows !== null);
  await page.fill('#search', 'matmul_1');
  await page.evaluate(() => window.__heldRows());
  await waitReport(page, before);
  await settled(page);
  assert.equal(await page.isHidden('#error'), true, await page.textContent('#error'));
  assert.deepEqual(await page.$$eval('#results-table tr.row', (rs) => rs.map((r) => r.dataset.node)), ['matmul_1']);
  assert.equal(await page.inputValue('#search'), 'matmul_1');
  const after = await reportCount(page);
  await page.check('#strict-check');
  await waitReport(page, after);
  await page.click('#clear-filters');
  await settled(page);
});

test('expanding a row shows ports, the failed constraint, hint and source; related nodes link to their rows', async () => {
  const target = [...expectedSm8350Failures(tiny)][0];
  await page.fill('#search', target);
  await settled(page);
  await page.click(`#results-table tr.row[data-node="${target}"] .disclose`);
  await settled(page);
  const detail = page.locator('#results-table tr.detail');
  await settled(page);
  assert.equal(await page.getAttribute(`#results-table tr.row[data-node="${target}"] .disclose`, 'aria-expanded'), 'true');
  assert.ok(await detail.locator('table.ports tbody tr').count() > 0, 'ports listed');
  assert.ok(await detail.locator('.finding').count() > 0, 'findings listed');
  assert.ok(await detail.locator('.finding .rule').first().textContent());
  assert.match(page.url(), new RegExp(`node=${target}`));
  // any node link (a port's source node, shared_with, related_node) selects and expands that node's row
  const link = detail.locator('.node-link').first();
  const other = await link.getAttribute('data-node');
  await link.click();
  await settled(page);
  assert.equal(await page.getAttribute(`#results-table tr.row[data-node="${other}"]`, 'class').then((c) => c.includes('selected')), true);
  await settled(page);
  assert.equal(await page.getAttribute(`#results-table tr.row[data-node="${other}"] .disclose`, 'aria-expanded'), 'true');
  assert.equal(await page.inputValue('#search'), '', 'filters that hid the node are cleared');
  assert.match(page.url(), new RegExp(`node=${other}`));
});

test('every export downloads a well-formed file', async () => {
  const json = await download('[data-export="json"]');
  const report = JSON.parse(json.text);
  assert.equal(report.format, 'qnnv.report');
  assert.equal(report.target.soc_model, 'SM8350');
  assert.match(json.name, /\.json$/);

  const sarif = JSON.parse((await download('[data-export="sarif"]')).text);
  assert.equal(sarif.version, '2.1.0');
  assert.ok(Array.isArray(sarif.runs) && sarif.runs[0].tool.driver.name);
  const nFindings = report.results.reduce((n, r) => n + r.findings.length, 0);
  assert.equal(sarif.runs[0].results.length, nFindings);

  const csv = (await download('[data-export="csv"]')).text;
  const lines = csv.trimEnd().split('\r\n');
  assert.equal(lines[0], 'node,target,qnn_op,status,variant,rule,severity,port,message,expected,actual,hint,source,basis,related_node');
  assert.equal(lines.length - 1, nFindings, 'one row per finding');

  const junit = (await download('[data-export="junit"]')).text;
  assert.match(junit, /<testsuite/);

  const me = JSON.parse((await download('[data-export="modelexplorer"]')).text);
  assert.equal(typeof me, 'object');
  assert.ok(JSON.stringify(me).includes('matmul'), 'node data names the nodes');
});

test('drag-and-drop loads a graph', async () => {
  const before = await reportCount(page);
  await dropFile(page, MOBILENET, readFixture(MOBILENET));
  await waitReport(page, before);
  assert.match(await page.textContent('#graph-name'), /mobilenet_v2__8a8w\.json/);
  const rows = await rowsOnAllPages(page);
  assert.equal(rows.length, JSON.parse(readFixture(MOBILENET)).nodes.filter((n) => n.op === 'call_function').length);
});

test('the SoC matrix lists every SoC of the backend with its verdict', async () => {
  await selectSoc('SM8750');
  const before = await reportCount(page);
  await dropFile(page, TINY, tinyText);
  await waitReport(page, before);
  await page.waitForSelector('.matrix-table', {state: 'attached'});
  const socs = await page.$$eval('#soc-select option', (os) => os.map((o) => o.value));
  const m = await page.$$eval('.matrix-table tbody tr', (rs) => rs.map((r) => ({soc: r.dataset.soc, verdict: r.dataset.verdict})));
  assert.deepEqual(m.map((r) => r.soc).sort(), [...socs].sort());
  assert.equal(m.find((r) => r.soc === 'SM8750').verdict, 'pass');
  assert.equal(m.find((r) => r.soc === 'SM8350').verdict, 'fail');
  // the oldest passing SoC is answered outside the folded table, and it is the oldest row that passes
  const oldest = await page.$eval('#oldest-text .oldest-soc', (e) => e.dataset.soc);
  assert.equal(await page.$eval('details.matrix', (d) => d.open), false, 'the SoC table is folded');
  assert.ok(await page.isVisible('#oldest-text .oldest-soc'), 'the answer is visible without unfolding');
  assert.equal(m.find((r) => r.soc === oldest).verdict, 'pass');
  assert.deepEqual(await page.$eval('.matrix-table tr.oldest', (r) => r.dataset.soc), oldest);
  const rowsInOrder = m.map((r) => r.soc);
  assert.ok(m.slice(0, rowsInOrder.indexOf(oldest)).every((r) => r.verdict !== 'pass'), 'no older SoC passes');
  await page.evaluate(() => { document.querySelector('details.matrix').open = true; });
  // choosing a SoC from the matrix re-validates for it
  const b = await reportCount(page);
  await page.click('.matrix-table tr[data-soc="SM8350"] button');
  await waitReport(page, b);
  assert.equal(await page.inputValue('#soc-select'), 'SM8350');
  assert.equal(await verdictClass(), 'bad');
});

test('a broken file shows a located error and the page keeps working', async () => {
  await dropFile(page, 'broken.json', readFileSync(path.join(ROOT, 'web/examples/broken.json'), 'utf8'));
  await page.waitForFunction(() => document.body.dataset.state === 'error');
  const msg = await page.textContent('#error');
  assert.match(msg, /broken\.json/);
  assert.match(msg, /line \d+, column \d+/);
  assert.equal(await page.isHidden('#results'), true);
  await loadByFileInput(page, TINY, tinyText);
  assert.equal(await page.$$eval('#error:not([hidden]):not(.notice)', (e) => e.length), 0, 'no error left');
  assert.ok(await page.isVisible('#verdict .verdict'));
});

test('a graph that is not a qnnv graph is an input error, not a crash', async () => {
  await dropFile(page, 'other.json', JSON.stringify({format: 'onnx', version: 1, nodes: []}));
  await page.waitForFunction(() => document.body.dataset.state === 'error');
  assert.match(await page.textContent('#error'), /other\.json/);
});

test('names from the graph are text: no markup, no script, and CSV cells cannot be formulas', async () => {
  const g = JSON.parse(readFileSync(path.join(ROOT, 'web/examples/lpbq_on_sm8350.json'), 'utf8'));
  const evil = '<img src=x onerror=alert(1)>';
  const formula = '=HYPERLINK("http://example.invalid","x")';
  const rename = {x: evil, linear: formula};
  const one = (k, x) => ((k === 'node' || k === 'arg' || k === 'name') && rename[x] ? rename[x] : k === 'edge' ? x.map((e) => rename[e] || e) : ren(x));
  const ren = (v) => (v && typeof v === 'object' ? (Array.isArray(v) ? v.map(ren) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, one(k, x)]))) : v);
  const text = JSON.stringify(ren(g));
  await loadByFileInput(page, 'evil<b>.json', text);
  await page.click('#clear-filters');
  await settled(page);
  const names = await page.$$eval('#results-table tr.row', (rs) => rs.map((r) => r.querySelector('.node-name').textContent));
  assert.ok(names.includes(formula));
  await page.click(`#results-table tr.row .disclose`);
  await page.waitForSelector('#results-table tr.detail .detail-body');
  assert.ok((await page.textContent('#results-table')).includes(evil), 'the name is shown as text');
  assert.equal(await page.$$eval('img', (x) => x.length), 0, 'no <img> element was created');
  assert.equal(await page.$$eval('#results b, #graph-name b', (x) => x.length), 0);
  const csv = (await download('[data-export="csv"]')).text;
  const row = csv.split('\r\n')[1];
  assert.ok(row.startsWith(`"'=HYPERLINK(""http://example.invalid"",""x"")"`), row);
  await page.waitForTimeout(50);  // let any injected handler have had its chance
  assert.deepEqual(log.dialogs, []);
});

test('paste dialog validates pasted JSON', async () => {
  await page.click('#paste-open');
  await page.fill('#paste-text', readFixture(MOBILENET));
  const before = await reportCount(page);
  await page.click('#paste-ok');
  await waitReport(page, before);
  assert.match(await page.textContent('#graph-name'), /pasted graph/);
});

test('built-in examples load from the menu', async () => {
  const before = await reportCount(page);
  await page.selectOption('#example-select', 'lpbq_on_sm8350.json');
  await waitReport(page, before);
  assert.equal(await page.inputValue('#soc-select'), 'SM8350');
  assert.match(page.url(), /url=examples%2Flpbq_on_sm8350\.json/);
  assert.equal(await verdictClass(), 'bad');
});

test('a deep link restores graph, backend, SoC, strict and the selected node', async () => {
  const p = await env.context.newPage();
  const requests = [];
  p.on('request', (r) => requests.push(r.url()));
  await p.goto(`${env.origin}/#url=examples/${TINY}&backend=htp&soc=SM8350&strict=1&node=matmul_1`);
  await p.waitForFunction(() => document.body.dataset.state === 'done');
  assert.equal(await p.inputValue('#soc-select'), 'SM8350');
  assert.equal(await p.getAttribute('#results-table tr.row[data-node="matmul_1"] .disclose', 'aria-expanded'), 'true');
  assert.ok(await p.isVisible('#results-table tr.detail'));
  assert.equal(await p.inputValue('#deep-link'), p.url());
  assert.deepEqual(requests.filter((u) => !u.startsWith(env.origin + '/')), []);
  await p.close();
});

test('keyboard: "/" focuses search, arrows move between rows, Enter expands', async () => {
  await loadByFileInput(page, TINY, tinyText);
  await page.click('h1');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search');
  await page.focus('#results-table tr.row .disclose');
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => document.activeElement.closest('tr').dataset.index);
  await settled(page);
  assert.equal(await page.$$eval('#results-table tr.row', (rs) => rs[1].dataset.index), second);
  await page.keyboard.press('Enter');
  await settled(page);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');
});

test('every control has a label', async () => {
  const unlabelled = await page.$$eval('select, input:not([type=hidden]), textarea', (els) => els.filter((e) => !e.labels || e.labels.length === 0).map((e) => e.id));
  assert.deepEqual(unlabelled, []);
});

test('on a phone-sized viewport the page does not scroll sideways', async () => {
  await page.setViewportSize({width: 390, height: 844});
  await page.waitForSelector('.matrix-table', {state: 'attached'});
  await page.click('#results-table tr.row .disclose');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  await page.setViewportSize({width: 1280, height: 720});
});
