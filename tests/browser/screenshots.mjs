// Writes docs/screenshots/*.png (light and dark) with the same tooling as the browser tests.
//   node tests/browser/screenshots.mjs        (needs the wasm module built: wasm/dist/)
// fix-plan-*.png is written only when the module has fixPlan (QNNV_WASM_DIR may point at such a build).
import path from 'node:path';
import {mkdirSync} from 'node:fs';
import {setup, settled, ROOT} from './helpers.mjs';

const OUT = path.join(ROOT, 'docs', 'screenshots');
mkdirSync(OUT, {recursive: true});
const env = await setup();
try {
  for (const scheme of ['light', 'dark']) {
    const page = await env.context.newPage();
    await page.emulateMedia({colorScheme: scheme});
    await page.setViewportSize({width: 1280, height: 900});
    // The tiny decoder on SM8350: a NOT OK verdict, the oldest passing SoC, findings by rule, the graph around
    // the selected node, then the table (failures first, that node's row expanded).
    await page.goto(`${env.origin}/#url=examples/tiny_decoder__16a4w_block.json&backend=htp&soc=SM8350&strict=1&node=linear`);
    await page.waitForFunction(() => document.body.dataset.state === 'done');
    await page.waitForSelector('.matrix-table', {state: 'attached'});
    await settled(page);
    await page.waitForFunction(() => document.body.dataset.graph === 'ready');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({path: path.join(OUT, `page-${scheme}.png`)});
    // The fix plan, when the module has one (the panel hides itself otherwise).
    if (await page.isVisible('#fix-plan') || await page.waitForSelector('#fix-plan:not([hidden])', {timeout: 5000}).then(() => true, () => false)) {
      await page.evaluate(() => document.getElementById('verdict').scrollIntoView());
      await page.screenshot({path: path.join(OUT, `fix-plan-${scheme}.png`)});
    }
    await page.evaluate(() => document.getElementById('graph-view').scrollIntoView());
    await page.screenshot({path: path.join(OUT, `graph-${scheme}.png`)});
    // The module overview.
    await page.click('#tab-modules');
    await page.waitForFunction(() => document.body.dataset.graph === 'ready');
    await page.evaluate(() => document.getElementById('graph-view').scrollIntoView());
    await page.screenshot({path: path.join(OUT, `modules-${scheme}.png`)});
    await page.click('#tab-node');
    await page.waitForFunction(() => document.body.dataset.graph === 'ready');
    // The same page on a phone.
    await page.setViewportSize({width: 390, height: 844});
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({path: path.join(OUT, `page-phone-${scheme}.png`)});
    await page.evaluate(() => document.getElementById('results-table').scrollIntoView());
    await page.screenshot({path: path.join(OUT, `table-phone-${scheme}.png`)});
    // A rule's explanation.
    await page.setViewportSize({width: 1280, height: 900});
    await page.goto(`${env.origin}/rules.html#soc.lpbq-min-arch`);
    await page.screenshot({path: path.join(OUT, `rules-${scheme}.png`)});
    // An ExecuTorch program dropped on the page.
    await page.goto(`${env.origin}/`);
    await page.waitForFunction(() => document.body.dataset.state === 'idle');
    await page.setInputFiles('#file-input', {name: 'model.pte', mimeType: 'application/octet-stream',
      buffer: Buffer.concat([Buffer.from([0x1c, 0, 0, 0]), Buffer.from('ET12'), Buffer.alloc(56, 0)])});
    await page.waitForFunction(() => document.body.dataset.state === 'not-graph');
    await page.screenshot({path: path.join(OUT, `not-graph-${scheme}.png`)});
    // The start page.
    await page.setViewportSize({width: 1280, height: 800});
    await page.goto(`${env.origin}/`);
    await page.waitForFunction(() => document.body.dataset.state === 'idle');
    await page.screenshot({path: path.join(OUT, `start-${scheme}.png`)});
    // The embed in the docs-like page.
    await page.setViewportSize({width: 1280, height: 900});
    await page.goto(`${env.origin}/embed-example.html#older`);
    await page.waitForFunction(() => document.getElementById('embed-old').shadowRoot?.querySelector('.verdict'));
    await page.evaluate(() => document.getElementById('older').scrollIntoView());
    await page.screenshot({path: path.join(OUT, `embed-${scheme}.png`)});
    await page.close();
  }
  console.log(`screenshots written to ${OUT}`);
} finally {
  await env.close();
}
