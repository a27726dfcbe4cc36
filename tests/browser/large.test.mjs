// A 100k-node graph: validation runs in the worker while the page stays responsive; the table is paged;
// Cancel terminates the worker and a fresh one serves the next validation.
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {setup, openPage, waitReport, reportCount} from './helpers.mjs';

const N = 100_000;
function bigGraph(n) {
  const q8 = {kind: 'quant', dtype: 'uint8', quant_min: 0, quant_max: 255, qscheme: 'per_tensor_affine', ch_axis: null, is_dynamic: false, observer: 'MinMaxObserver', observer_kwargs: {}};
  const parts = ['{"format":"qnnv.graph","version":1,"hints":{"backend":"htp","soc_model":"SM8650"},"qspecs":[', JSON.stringify(q8), '],"nodes":[',
    '{"name":"x","op":"placeholder","target":"x","args":[],"kwargs":{},"val":{"dtype":"float32","shape":[1,8]}}'];
  let prev = 'x';
  for (let i = 0; i < n; i++) {
    const name = `add_${i}`;
    parts.push(`,{"name":"${name}","op":"call_function","target":"aten.add.Tensor","args":[{"node":"${prev}"},{"node":"x"}],"kwargs":{},"val":{"dtype":"float32","shape":[1,8]},"annotation":{"input_qspec_map":[{"arg":"${prev}","qspec":0},{"arg":"x","qspec":0}],"output_qspec":0,"allow_implicit_sharing":true,"annotated":true}}`);
    prev = name;
  }
  parts.push(`,{"name":"output","op":"output","target":"output","args":[[{"node":"${prev}"}]],"kwargs":{}}]}`);
  return Buffer.from(parts.join(''));
}

let env, page, log;
const big = bigGraph(N);
before(async () => { env = await setup(); ({page, log} = await openPage(env)); });
after(async () => {
  if (log) assert.deepEqual(log.requests.filter((u) => !u.startsWith(env.origin + '/')), []);
  await env?.close();
});

// Count animation frames and note the count when the page enters and leaves the busy state.
async function watchFrames() {
  await page.evaluate(() => {
    const w = window.__watch = {frames: 0, atBusy: null, atDone: null, typed: ''};
    const loop = () => { w.frames++; requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
    new MutationObserver(() => {
      const s = document.body.dataset.state;
      if (s === 'busy' && w.atBusy === null) w.atBusy = w.frames;
      if (s !== 'busy' && w.atBusy !== null && w.atDone === null) w.atDone = w.frames;
    }).observe(document.body, {attributes: true, attributeFilter: ['data-state']});
  });
}

test(`a ${N.toLocaleString()}-node graph validates in the worker while the page stays responsive`, async () => {
  await watchFrames();
  const before = await reportCount(page);
  await page.setInputFiles('#file-input', {name: 'big.json', mimeType: 'application/json', buffer: big});
  // While the worker validates, the main thread still takes input: type into the search box.
  await page.waitForFunction(() => document.body.dataset.state === 'busy');
  await page.fill('#search', 'add_9999');
  await waitReport(page, before);
  const w = await page.evaluate(() => window.__watch);
  assert.ok(w.atBusy !== null && w.atDone !== null);
  assert.ok(w.atDone - w.atBusy >= 2, `animation frames kept coming during validation (${w.atDone - w.atBusy})`);
  const summary = await page.textContent('#summary');
  assert.match(summary.replace(/[,\s]/g, ''), new RegExp(`${N}checked`));
  // the table is paged: a bounded number of rows in the DOM, whatever the graph size
  await page.click('#clear-filters');
  const rows = await page.$$eval('#results-table tr.row', (r) => r.length);
  assert.ok(rows > 0 && rows <= 100, `${rows} rows rendered`);
  assert.match(await page.textContent('#page-info'), /Page 1 of 1,?000/);
  // search across all pages finds a node far down the graph
  await page.fill('#search', 'add_99998');
  assert.deepEqual(await page.$$eval('#results-table tr.row', (r) => r.map((x) => x.dataset.node)), ['add_99998']);
  await page.click('#clear-filters');
  await page.click('#page-next');
  assert.match(await page.textContent('#page-info'), /Page 2 of/);
  // a large graph offers the SoC comparison instead of running it at once
  assert.ok(await page.isVisible('#matrix-run'));
});

test('Cancel stops a running validation and the page validates again afterwards', async () => {
  const reportsBefore = await reportCount(page);
  await page.selectOption('#soc-select', 'SM8550');
  await page.waitForFunction(() => document.body.dataset.state === 'busy');
  await page.click('#cancel-button');
  await page.waitForFunction(() => document.body.dataset.state === 'cancelled');
  assert.match(await page.textContent('#error'), /cancelled/i);
  assert.equal(await page.isHidden('#busy'), true);
  assert.equal(await reportCount(page), reportsBefore, 'the cancelled run rendered nothing');
  // the fresh worker gets the graph again and validates
  await page.selectOption('#soc-select', 'SM8650');
  await waitReport(page, reportsBefore);
  assert.match((await page.textContent('#graph-name')), /SM8650/);
});
