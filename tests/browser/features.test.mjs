// The page's second round (issue #14): defaults and persistence of the target, counts that say what they
// count, files that are not a graph, the start screen's links, the rule reference (generated, linked, its
// counts equal the report's), the "how to fix" panel and the one-pass SoC comparison when the module has them.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {setup, openPage, loadByFileInput, waitReport, reportCount, readFixture, settled, rowsNow, rowsOnAllPages, ROOT} from './helpers.mjs';

const TINY = 'tiny_decoder__16a4w_block.json';
const tinyText = readFixture(TINY);
const tiny = JSON.parse(tinyText);
const noHints = JSON.stringify({...tiny, hints: undefined});
const otherHints = JSON.stringify({...tiny, hints: {backend: 'htp', soc_model: 'SM8650'}});
const brokenText = readFileSync(path.join(ROOT, 'web/examples/broken.json'), 'utf8');

let env, page, log;
before(async () => { env = await setup(); ({page, log} = await openPage(env)); });
after(async () => {
  if (log) {
    const foreign = log.requests.filter((u) => !u.startsWith(env.origin + '/') && !u.startsWith(`blob:${env.origin}/`));
    assert.deepEqual(foreign, [], 'requests outside the origin');
    assert.deepEqual(log.errors, [], 'uncaught page errors');
  }
  await env?.close();
});

const target = async (p = page) => ({backend: await p.inputValue('#backend-select'), soc: await p.inputValue('#soc-select')});
async function download(selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFileSync(await d.path(), 'utf8');
}
async function loadError(p, name, text) {
  await p.setInputFiles('#file-input', {name, mimeType: 'application/json', buffer: Buffer.from(text)});
  await p.waitForFunction(() => document.body.dataset.state === 'error');
}

// ---------- defaults and state ----------
test('without hints, a choice or a link the target is HTP SM8750 (QnnQuantizer\'s default)', async () => {
  assert.deepEqual(await target(), {backend: 'htp', soc: 'SM8750'}, 'before any graph');
  await loadByFileInput(page, 'nohints.json', noHints);
  assert.deepEqual(await target(), {backend: 'htp', soc: 'SM8750'});
  assert.match(await page.textContent('#graph-name'), /SM8750/);
  // a graph's hints preselect while the user has chosen nothing
  await loadByFileInput(page, 'hints.json', otherHints);
  assert.deepEqual(await target(), {backend: 'htp', soc: 'SM8650'});
});

test('the user\'s choice survives new files, other hints and errors, and is in the link', async () => {
  let before = await reportCount(page);
  await page.selectOption('#soc-select', 'SM8350');
  await waitReport(page, before);
  await loadByFileInput(page, 'nohints.json', noHints);
  assert.equal((await target()).soc, 'SM8350', 'a graph without hints keeps the choice');
  await loadByFileInput(page, 'hints.json', otherHints);
  assert.equal((await target()).soc, 'SM8350', 'a graph whose hints say otherwise keeps the choice');
  assert.match(await page.textContent('#error.notice'), /hints say SM8650; keeping your choice, SM8350/);
  await loadError(page, 'broken.json', brokenText);
  assert.equal((await target()).soc, 'SM8350', 'an input error keeps the choice');
  assert.match(await page.textContent('#error'), /keeps your target \(HTP SM8350, strict\)/);
  await loadByFileInput(page, 'nohints.json', noHints);
  assert.equal((await target()).soc, 'SM8350');
  assert.match(page.url(), /[#&]soc=SM8350(&|$)/);
  assert.match(page.url(), /[#&]backend=htp(&|$)/);
  // the link carries the choice to another page, where it beats a graph's hints
  const p = await env.context.newPage();
  await p.goto(page.url().replace(/#.*/, '') + '#backend=htp&soc=SM8350&strict=0');
  await p.waitForFunction(() => document.body.dataset.state === 'idle');
  assert.equal((await target(p)).soc, 'SM8350');
  before = Number(await p.evaluate(() => document.body.dataset.reports || 0));
  await p.setInputFiles('#file-input', {name: 'hints.json', mimeType: 'application/json', buffer: Buffer.from(otherHints)});
  await waitReport(p, before);
  assert.equal((await target(p)).soc, 'SM8350');
  assert.equal(await p.isChecked('#strict-check'), false);
  await p.close();
});

test('counts say what they count: graph nodes and operator nodes', async () => {
  await loadByFileInput(page, TINY, tinyText);
  const counts = await page.$$eval('#summary li', (lis) => Object.fromEntries(lis.map((li) => [li.querySelector('.label').textContent, li.querySelector('.count').textContent])));
  assert.equal(counts['graph nodes'], String(tiny.nodes.length));
  assert.equal(counts['operator nodes'], String(tiny.nodes.filter((n) => n.op === 'call_function').length));
  assert.notEqual(counts['graph nodes'], counts['operator nodes']);
  assert.match(await page.textContent('#table-status'), /operator nodes/);
});

test('a non-strict run with failures does not read as OK', async () => {
  let before = await reportCount(page);
  await page.uncheck('#strict-check');
  await waitReport(page, before);
  const head = await page.textContent('#verdict .verdict-head');
  assert.equal(await page.$eval('#verdict .verdict', (e) => e.dataset.verdict), 'warn');
  assert.doesNotMatch(head, /^\W*OK\b/, head);
  assert.match(head, /FAILS/);
  before = await reportCount(page);
  await page.check('#strict-check');
  await waitReport(page, before);
});

// ---------- files that are not a graph ----------
const MAGIC = {
  'model.pte': Buffer.concat([Buffer.from([0x1c, 0, 0, 0]), Buffer.from('ET12'), Buffer.from('eh00'), Buffer.alloc(64, 1)]),
  'model.pt2': Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(64, 0)]),
  'model.onnx': Buffer.concat([Buffer.from([0x08, 0x07, 0x12, 0x07]), Buffer.from('pytorch'), Buffer.alloc(32, 0)]),
  'model.tflite': Buffer.concat([Buffer.from([0x1c, 0, 0, 0]), Buffer.from('TFL3'), Buffer.alloc(64, 0)]),
  // the bytes decide, not the name
  'renamed.bin': Buffer.concat([Buffer.from([0x1c, 0, 0, 0]), Buffer.from('ET12'), Buffer.alloc(64, 2)]),
};
const KIND = {'model.pte': 'pte', 'model.pt2': 'zip', 'model.onnx': 'onnx', 'model.tflite': 'tflite', 'renamed.bin': 'pte'};
for (const [name, bytes] of Object.entries(MAGIC)) {
  test(`${name} is recognised from its bytes and answered with the exporter snippet`, async () => {
    const soc = (await target()).soc;
    await page.setInputFiles('#file-input', {name, mimeType: 'application/octet-stream', buffer: bytes});
    await page.waitForFunction(() => document.body.dataset.state === 'not-graph');
    assert.equal(await page.$eval('#not-graph', (e) => e.dataset.kind), KIND[name]);
    assert.ok(await page.isVisible('#not-graph'));
    assert.match(await page.textContent('#not-graph-title'), new RegExp(`${name.replace('.', '\\.')} is .*not a qnnv graph`));
    assert.match(await page.textContent('#not-graph .snippet'), /from qnnv import capture/);
    assert.equal(await page.isHidden('#error'), true, 'no parse error');
    assert.equal((await target()).soc, soc, 'settings kept');
  });
}

test('the start screen links to the rule reference and the exporter instructions, and names no qnnv-export command', async () => {
  const p = await env.context.newPage();
  await p.goto(`${env.origin}/`);
  await p.waitForFunction(() => document.body.dataset.state === 'idle');
  const text = await p.textContent('#intro');
  assert.doesNotMatch(text, /qnnv-export/);
  assert.match(await p.textContent('#export-howto .snippet'), /from qnnv import capture[\s\S]*prepare_pt2e\(gm, capture\(quantizer, "model\.qnnv\.json"/);
  const hrefs = await p.$$eval('#intro a', (as) => as.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.includes('rules.html') && hrefs.includes('#export-howto'), JSON.stringify(hrefs));
  const resp = await p.goto(`${env.origin}/rules.html`);
  assert.equal(resp.status(), 200);
  assert.ok(await p.$$eval('section.rule-section', (s) => s.length) > 10);
  await p.close();
});

// ---------- rules ----------
test('the rule reference is generated from docs/rules.src.md: regenerating changes nothing', () => {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/gen_rules.mjs'), '--check'], {stdio: 'pipe'});
  const src = readFileSync(path.join(ROOT, 'docs/rules.src.md'), 'utf8');
  const ids = [...src.matchAll(/^## `([^`]+)`$/gm)].map((m) => m[1]);
  const md = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
  const html = readFileSync(path.join(ROOT, 'web/rules.html'), 'utf8');
  for (const id of ids) {
    assert.ok(md.includes(`### \`${id}\``), `docs/rules.md explains ${id}`);
    assert.ok(html.includes(`<section class="rule-section" id="${id}">`), `rules.html explains ${id}`);
  }
});

test('every rule id the engine reports on the fixtures has an explanation', async () => {
  const {RULES} = await import(path.join(ROOT, 'web/rules-data.js'));
  const seen = new Set();
  for (const [file, soc] of [[TINY, 'SM8350'], [TINY, 'SM8750'], ['mobilenet_v2__8a8w.json', 'SM8350']]) {
    await loadByFileInput(page, file, readFixture(file));
    const before = await reportCount(page);
    if ((await target()).soc !== soc) { await page.selectOption('#soc-select', soc); await waitReport(page, before); }
    const report = JSON.parse(await download('[data-export="json"]'));
    for (const r of report.results) for (const f of r.findings) seen.add(f.rule);
  }
  for (const ex of ['lpbq_on_sm8350.json', 'sigmoid_wrong_qparams.json', 'unmapped_op.json']) {
    await loadByFileInput(page, ex, readFileSync(path.join(ROOT, 'web/examples', ex), 'utf8'));
    const report = JSON.parse(await download('[data-export="json"]'));
    for (const r of report.results) for (const f of r.findings) seen.add(f.rule);
  }
  assert.ok(seen.size >= 3, [...seen].join(' '));
  for (const rule of seen) assert.ok(RULES[rule], `${rule} is in the rule reference`);
});

test('the summary by rule: counts equal the report\'s, one click filters, each rule links to its explanation', async () => {
  await loadByFileInput(page, TINY, tinyText);
  let before = await reportCount(page);
  await page.selectOption('#soc-select', 'SM8350');
  await waitReport(page, before);
  const report = JSON.parse(await download('[data-export="json"]'));
  const expected = {};
  for (const r of report.results) for (const rule of new Set(r.findings.map((f) => f.rule))) expected[rule] = (expected[rule] || 0) + 1;
  const shown = Object.fromEntries(await page.$$eval('#rules-list li', (lis) => lis.map((li) => [li.dataset.rule, Number(li.dataset.nodes)])));
  assert.deepEqual(shown, expected);
  // the summary sits above the table
  const [ry, ty] = await Promise.all(['#rules-summary', '#results-table'].map((s) => page.$eval(s, (e) => e.getBoundingClientRect().top)));
  assert.ok(ry < ty);
  // one click filters the table by that rule
  const rule = Object.keys(expected)[0];
  await page.click(`#rules-list li[data-rule="${rule}"] .rule-filter`);
  await settled(page);
  assert.equal(await page.inputValue('#filter-rule'), rule);
  const rows = [];
  for (;;) {
    rows.push(...await rowsNow(page));
    if (await page.isDisabled('#page-next')) break;
    await nextPage(page);
  }
  assert.equal(rows.length, expected[rule]);
  // the rule link opens the explanation of that rule
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.click(`#rules-list li[data-rule="${rule}"] a.rule-link`)]);
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).pathname, '/rules.html');
  assert.equal(decodeURIComponent(new URL(popup.url()).hash), `#${rule}`);
  const section = await popup.$eval(':target', (e) => ({id: e.id, text: e.textContent}));
  assert.equal(section.id, rule);
  assert.match(section.text, /What QNN requires[\s\S]*Why[\s\S]*How to fix \(ExecuTorch\)[\s\S]*Example[\s\S]*Sources/);
  // a source that names a repository file links to it at its commit
  const links = await popup.$$eval(`[id="${rule}"] .sources a`, (as) => as.map((a) => ({href: a.href, text: a.textContent})));
  for (const l of links.filter((x) => /@[0-9a-f]{7,} /.test(x.text))) {
    const [, repo, commit, file] = /^([\w.-]+\/[\w.-]+)@([0-9a-f]+) (\S+)/.exec(l.text);
    assert.equal(l.href, `https://github.com/${repo}/${/\.\w+$/.test(file) ? 'blob' : 'tree'}/${commit}/${file}`);
  }
  await popup.close();
  // rule ids in the table's findings link there too
  await page.click('#clear-filters');
  await settled(page);
  assert.equal(await page.$eval('#results-table tr.row.st-fail a.rule-link', (a) => a.getAttribute('href')), `rules.html#${encodeURIComponent(await page.$eval('#results-table tr.row.st-fail a.rule-link', (a) => a.dataset.rule))}`);
});

// ---------- features that light up with the module ----------
// The page feature-detects validator.fixPlan and validator.validateAllSocs. Until the module has them, a
// rewritten qnnv.mjs (served in place of the real one for this page only) adds stand-ins built on validate().
async function pageWithStandIns() {
  const p = await env.context.newPage();
  await p.route('**/wasm/qnnv.mjs', async (route) => {
    const resp = await route.fetch();
    let src = await resp.text();
    src = src.replace('export async function createValidator(', 'async function createValidatorBase(');
    src += `
export async function createValidator(o) {
  const v = await createValidatorBase(o);
  v.fixPlan = (graph, opts) => {
    const r = v.validate(graph, opts);
    const failing = r.results.filter((x) => x.status === 'fail');
    const rule = failing.length ? failing[0].findings[0].rule : '';
    const nodes = failing.filter((x) => x.findings.some((f) => f.rule === rule)).map((x) => x.node);
    const rest = failing.map((x) => x.node).filter((n) => !nodes.includes(n));
    return {format: 'qnnv.fix-plan', version: 1, failing_before: failing.length, failing_after: rest.length, verified: rest.length === 0,
      changes: [{summary: 'stand-in change for ' + rule, rule: 'node_target', nodes, fixes: [rule], quant_dtype: 'use_16a4w'}],
      unresolved: rest, notes: ['stand-in plan'], snippet: 'quantizer.stand_in()'};
  };
  Object.defineProperty(v, 'qnnSdkVersions', {get: () => ['2.28', '2.37', '2.41']});
  v.validateAllSocs = (graph, opts) => v.socs(opts.backend).socs.map((s) => { const r = v.validate(graph, {...opts, soc: s.model}); return {soc_model: s.model, ok: r.ok, summary: r.summary}; });
  return v;
}
`;  // the module's own "export default createValidator" now names this function
    await route.fulfill({response: resp, body: src});
  });
  await p.goto(`${env.origin}/#url=examples/${TINY}&backend=htp&soc=SM8350&strict=1`);
  await p.waitForFunction(() => document.body.dataset.state === 'done');
  return p;
}

// What the module served here offers (the page feature-detects the same methods on the validator).
const moduleHas = async (name) => new RegExp(`\\n\\s*(get )?${name}\\(`).test(await (await fetch(`${env.origin}/wasm/qnnv.mjs`)).text());

test('the "How to fix" panel follows the module: hidden without fixPlan, the engine\'s plan with it', async () => {
  // still the tiny decoder on SM8350, failing
  const failed = Number(await page.$eval('#summary .sum-fail .count', (e) => e.textContent.replace(/,/g, '')));
  assert.ok(failed > 0);
  if (!await moduleHas('fixPlan')) {
    assert.equal(await page.isHidden('#fix-plan'), true, 'this module has no fixPlan: the panel hides itself');
    return;
  }
  await page.waitForSelector('#fix-plan:not([hidden])');
  assert.match(await page.textContent('#fix-plan .fix-count'), new RegExp(`^${failed} failing → \\d+ after`));
});

test('with a fixPlan (a stand-in with the engine\'s shape) the panel shows the plan and links its nodes and rules', async () => {
  const p = await pageWithStandIns();
  await p.waitForSelector('#fix-plan:not([hidden])');
  const text = await p.textContent('#fix-plan');
  assert.match(text, /\d+ failing → \d+ after this change/);
  assert.match(text, /stand-in change for soc\./);
  assert.match(text, /Still failing after these changes: /);
  // the rule a change fixes links to its explanation; the QuantRecipe rule kind ("node_target") is not a rule id
  assert.ok(await p.$eval('#fix-plan a.rule-link', (a) => a.getAttribute('href').startsWith('rules.html#soc.')));
  assert.match(text, /quantizer\.stand_in\(\)/);
  // a node named by the plan is a link to its row
  const node = await p.$eval('#fix-plan .node-link', (b) => b.textContent);
  await p.click('#fix-plan .node-link');
  await settled(p);
  assert.equal(await p.getAttribute(`#results-table tr.row[data-node="${node}"] .disclose`, 'aria-expanded'), 'true');
  await p.close();
});

test('with SDK versions in the data a QNN SDK selector appears (newest first), and the choice is in the link and survives a new file', async () => {
  if (!await moduleHas('qnnSdkVersions')) assert.equal(await page.isHidden('#sdk-field'), true, 'this module knows no SDK versions: no selector');
  const p = await pageWithStandIns();
  assert.deepEqual(await p.$$eval('#sdk-select option', (os) => os.map((o) => o.value)), ['2.41', '2.37', '2.28']);
  assert.equal(await p.inputValue('#sdk-select'), '2.41');
  let before = Number(await p.evaluate(() => document.body.dataset.reports));
  await p.selectOption('#sdk-select', '2.37');
  await waitReport(p, before);
  assert.match(p.url(), /[#&]qnn_sdk=2\.37(&|$)/);
  before = Number(await p.evaluate(() => document.body.dataset.reports));
  await p.setInputFiles('#file-input', {name: 'nohints.json', mimeType: 'application/json', buffer: Buffer.from(noHints)});
  await waitReport(p, before);
  assert.equal(await p.inputValue('#sdk-select'), '2.37');
  await p.close();
});

test('with validateAllSocs the SoC comparison takes one pass and gives the same answer as the loop', async () => {
  const loopRows = await page.$$eval('.matrix-table tbody tr', (rs) => rs.map((r) => [r.dataset.soc, r.dataset.verdict]));
  const p = await pageWithStandIns();
  await p.waitForSelector('.matrix-table', {state: 'attached'});
  const oneRows = await p.$$eval('.matrix-table tbody tr', (rs) => rs.map((r) => [r.dataset.soc, r.dataset.verdict]));
  assert.deepEqual(oneRows, loopRows);
  assert.equal(await p.$eval('#matrix', (d) => d.dataset.onePass), 'true');
  assert.equal(await page.$eval('#matrix', (d) => d.dataset.onePass), String(await moduleHas('validateAllSocs')), 'the one-pass API is used exactly when the module has it');
  await p.close();
});

test('every rows request left the whole table consistent (all pages add up to the operator count)', async () => {
  const rows = await rowsOnAllPages(page);
  assert.equal(rows.length, tiny.nodes.filter((n) => n.op === 'call_function').length);
  assert.equal(new Set(rows.map((r) => r.node)).size, rows.length);
});
