// Shared setup for the browser tests and the screenshot script: Debian's chromium through playwright-core,
// the page served by web/serve.mjs on a free 127.0.0.1 port.
import {chromium} from 'playwright-core';
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {startServer} from '../../web/serve.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const readFixture = (name) => readFileSync(path.join(FIXTURES, name), 'utf8');

// QNNV_WASM_DIR may point the server at another build of the JS API (default: wasm/).
export async function setup() {
  const server = await startServer({port: 0, wasmDir: process.env.QNNV_WASM_DIR || path.join(ROOT, 'wasm')});
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'qnnv-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    server, context, origin: server.url,
    async close() {
      await context.close();
      await server.close();
      rmSync(userDataDir, {recursive: true, force: true});
    },
  };
}

// A page that records every request URL, console error, page error and dialog.
export async function openPage(env, hash = '', {init} = {}) {
  const page = await env.context.newPage();
  if (init) await page.addInitScript(init);
  const log = {requests: [], dialogs: [], errors: [], consoleErrors: []};
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => log.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') log.consoleErrors.push(m.text()); });
  await page.goto(`${env.origin}/${hash}`);
  await page.waitForFunction(() => ['idle', 'done', 'busy', 'error'].includes(document.body.dataset.state));
  return {page, log};
}

// Wait until the page has rendered more reports than `before` (body[data-reports]) and is idle.
// An input error instead of a report fails at once with the page's message.
export async function waitReport(page, before) {
  await page.waitForFunction((n) => (Number(document.body.dataset.reports || 0) > n && document.body.dataset.state === 'done') ||
    document.body.dataset.state === 'error', before, {timeout: 0});
  if (await page.evaluate(() => document.body.dataset.state) === 'error') {
    throw new Error(`the page showed an error instead of a report: ${await page.textContent('#error')}`);
  }
}
export const reportCount = (page) => page.evaluate(() => Number(document.body.dataset.reports || 0));

export async function loadByFileInput(page, name, text) {
  const before = await reportCount(page);
  await page.setInputFiles('#file-input', {name, mimeType: 'application/json', buffer: Buffer.from(text)});
  await waitReport(page, before);
}

// A synthetic drop with a DataTransfer built in the page.
export async function dropFile(page, name, text) {
  await page.evaluate(([name, text]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], name, {type: 'application/json'}));
    const target = document.querySelector('main');
    target.dispatchEvent(new DragEvent('dragenter', {dataTransfer: dt, bubbles: true, cancelable: true}));
    target.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));
    target.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));
  }, [name, text]);
}

// The table's rows come from the worker asynchronously: wait until the last table request is drawn.
export async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.table !== 'loading' && document.body.dataset.state !== 'busy');
}
// The rows the table shows now: [{node, status}].
export async function rowsNow(page) {
  await settled(page);
  return page.$$eval('#results-table tr.row', (rows) => rows.map((r) => ({node: r.dataset.node, status: r.dataset.status})));
}

// Clicks Next and waits until the pager names the following page and the table is drawn; returns the
// pager's text. A click followed by settled() alone read 'Page 3' after three clicks twice in CI (once
// before web/results-table.js existed, once after) and never in 30 runs of the same steps under load here.
// One way it can happen: settled() tests body[data-table] before the renderer has run the click's handler
// (which sets it to "loading") and returns on the previous page's "ready". Waiting for the page number
// covers that; a click the page really loses still fails, here, naming the page the pager stayed on.
export async function nextPage(page) {
  const pageNumber = (text) => Number(/Page ([\d,]+) of/.exec(text)?.[1].replace(/,/g, ''));
  const from = pageNumber(await page.textContent('#page-info'));
  assert.ok(from > 0, 'the pager names a page');
  await page.click('#page-next');
  try {
    await page.waitForFunction((want) => new RegExp(`^Page ${want} of`).test(document.querySelector('#page-info').textContent),
      (from + 1).toLocaleString('en-US'));
  } catch (e) {
    throw new Error(`Next from page ${from}: the pager still says '${await page.textContent('#page-info')}' (${e.message.split('\n')[0]})`);
  }
  await settled(page);
  return page.textContent('#page-info');
}

// The rows of every page of the table, filters cleared: [{node, status}].
export async function rowsOnAllPages(page) {
  const rows = [];
  await page.click('#clear-filters');
  while (true) {
    rows.push(...await rowsNow(page));
    if (await page.isDisabled('#page-next')) break;
    await nextPage(page);
  }
  return rows;
}

// Main-thread tasks of `page` while `fn` runs, two ways:
//  - longTasks: the page's own PerformanceObserver('longtask') entries (wall-clock durations, ms), what a user
//    feels; on a loaded machine they also count time the thread spent waiting for a CPU;
//  - cpuTasks: the renderer main thread's tasks from a Chrome trace with their thread CPU time (tdur, ms), which
//    does not grow when other processes take the CPU; tests assert on these.
// Both list only tasks over `over` ms.
export async function measureMainThread(page, fn, {over = 50} = {}) {
  await page.evaluate(() => {
    window.__longTasks = [];
    window.__ltObserver?.disconnect();
    window.__ltObserver = new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration)); });
    window.__ltObserver.observe({type: 'longtask'});
  });
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (m) => events.push(...m.value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {transferMode: 'ReportEvents', traceConfig: {includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'], enableSampling: false}});
  let result;
  try {
    result = await fn();
  } finally {
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach().catch(() => {});
  }
  // Long-task entries are delivered after their task: let one more task run before reading them.
  const longTasks = (await page.evaluate(() => new Promise((r) => setTimeout(() => { window.__ltObserver.disconnect(); r(window.__longTasks); }, 0)))).filter((d) => d > over);
  // The renderer main threads (CrRendererMain) of the trace: the page's, plus any other renderer's (none here).
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args && e.args.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
  const withCpu = tasks.filter((e) => typeof e.tdur === 'number');
  // A task the trace gives no thread time for counts with its wall time (never in the page's favour), unless it
  // is cut by the start or the end of tracing: the first or last task of the thread, which runs the tracing
  // commands themselves.
  const first = Math.min(...tasks.map((e) => e.ts)), last = Math.max(...tasks.map((e) => e.ts + e.dur));
  const cut = (e) => e.ts <= first || e.ts + e.dur >= last;
  const cpuTasks = tasks.filter((e) => typeof e.tdur === 'number' || !cut(e))
    .map((e) => Math.round((typeof e.tdur === 'number' ? e.tdur : e.dur) / 1000)).filter((d) => d > over);
  const wallTasks = tasks.map((e) => Math.round(e.dur / 1000)).filter((d) => d > over);
  if (process.env.QNNV_TRACE_DEBUG) console.log(tasks.filter((e) => e.dur > over * 1000).map((e) => [e.dur, e.tdur, e.tts, e.ts]));
  const maxCpu = withCpu.reduce((m, e) => Math.max(m, e.tdur / 1000), 0);
  return {result, longTasks, cpuTasks, wallTasks, maxCpu: Math.round(maxCpu * 10) / 10, tasks: tasks.length, tasksWithCpu: withCpu.length};
}
