#!/usr/bin/env node
// Page benchmark (not a test): the web page in Debian's chromium on a large graph, phase by phase, with the
// main thread's long tasks (over 50 ms) two ways: the page's PerformanceObserver('longtask') (wall clock, what a
// user feels) and the renderer main thread's tasks in a Chrome trace with their thread CPU time (what the page's
// own work costs, whatever the machine's load). Also the wall time of each phase.
//
//   node bench/page_bench.mjs [GRAPH.json]      default: build/bench/decoder_100000.json (made by
//                                               bench/gen_graph.py --nodes 100000 when missing)
// Needs wasm/dist (scripts/build.sh wasm) and npm ci. Run it on a quiet machine for wall-clock figures.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {setup, measureMainThread, waitReport, reportCount, settled, ROOT} from '../tests/browser/helpers.mjs';

const file = path.resolve(process.argv[2] || path.join(ROOT, 'build/bench/decoder_100000.json'));
if (!existsSync(file)) {
  mkdirSync(path.dirname(file), {recursive: true});
  console.log(`generating ${path.relative(ROOT, file)} (bench/gen_graph.py --nodes 100000)`);
  execFileSync('python3', [path.join(ROOT, 'bench/gen_graph.py'), '--nodes', '100000', '-o', file], {stdio: 'inherit'});
}

const env = await setup();
const rows = [];
try {
  const page = await env.context.newPage();
  await page.setViewportSize({width: 1280, height: 900});
  await page.goto(`${env.origin}/`);
  await page.waitForFunction(() => document.body.dataset.state === 'idle');
  const graphReady = () => page.waitForFunction(() => document.body.dataset.graph !== 'drawing');

  async function phase(name, fn) {
    const t0 = performance.now();
    const m = await measureMainThread(page, fn);
    const ms = Math.round(performance.now() - t0);
    rows.push({name, ms, ...m});
    const max = (a) => (a.length ? Math.max(...a) : 0);
    console.log(`${name.padEnd(34)} ${String(ms).padStart(7)} ms   long tasks (>50 ms): observer ${m.longTasks.length} (max ${max(m.longTasks)} ms), ` +
      `trace wall ${m.wallTasks.length} (max ${max(m.wallTasks)} ms), trace CPU ${m.cpuTasks.length}; longest ${m.maxCpu} ms CPU   [${m.tasks} tasks]`);
  }

  console.log(`graph: ${path.relative(ROOT, file)} (${(statSync(file).size / 1e6).toFixed(1)} MB)\n`);
  // A path given to setInputFiles reaches the page as a File, as a file chosen in the dialog does.
  await phase('open file -> verdict + table', async () => {
    const before = await reportCount(page);
    await page.setInputFiles('#file-input', file);
    await waitReport(page, before);
    await settled(page);
  });
  await phase('graph view (first failing node)', graphReady);
  console.log(`  ${await page.textContent('#verdict')}`);
  console.log(`  ${(await page.textContent('#summary')).replace(/\s+/g, ' ')}`);
  await phase('filter: status fail', async () => { await page.selectOption('#filter-status', 'fail'); await settled(page); });
  await phase('filter: rule (first in summary)', async () => { await page.click('#rules-list li .rule-filter'); await settled(page); });
  await phase('search "linear_5"', async () => { await page.fill('#search', 'linear_5'); await settled(page); });
  await phase('clear + 5 pages forward', async () => {
    await page.click('#clear-filters'); await settled(page);
    for (let i = 0; i < 5; i++) { await page.click('#page-next'); await settled(page); }
  });
  await phase('expand a row + its neighbourhood', async () => { await page.click('#results-table tr.row .disclose'); await settled(page); await graphReady(); });
  await phase('switch SoC to SM8350', async () => {
    const before = await reportCount(page);
    await page.selectOption('#soc-select', 'SM8350');
    await waitReport(page, before);
    await settled(page);
  });
  await phase('strict off', async () => {
    const before = await reportCount(page);
    await page.uncheck('#strict-check');
    await waitReport(page, before);
    await settled(page);
  });
  await phase('compare all SoCs', async () => {
    const button = await page.$('#oldest-text button');
    if (button) await button.click();
    await page.waitForSelector('.matrix-table', {state: 'attached', timeout: 0});
  });
  console.log(`  oldest passing SoC: ${(await page.textContent('#oldest-text')).replace(/\s+/g, ' ')}; one pass: ${await page.$eval('#matrix', (d) => d.dataset.onePass)}`);
  const cpu = rows.flatMap((r) => r.cpuTasks);
  console.log(`\nmain-thread tasks over 50 ms of CPU time in all phases: ${cpu.length}${cpu.length ? ` (${cpu.join(', ')} ms)` : ''}`);
} finally {
  await env.close();
}
