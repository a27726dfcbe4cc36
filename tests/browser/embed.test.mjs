// The embeddable element and renderReport() inside a docs-like page (web/embed-example.html).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {setup} from './helpers.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('embed example renders every report inline, from its own origin only', async () => {
  const page = await env.context.newPage();
  const requests = [], errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.origin}/embed-example.html`);
  await page.waitForFunction(() => ['embed-new', 'embed-old', 'api-report'].every((id) => {
    const root = document.getElementById(id).shadowRoot;
    return root && root.querySelector('.verdict, .error');
  }), null, {timeout: 0});
  const verdict = (id) => page.evaluate((id) => document.getElementById(id).shadowRoot.querySelector('.verdict').dataset.verdict, id);
  assert.equal(await verdict('embed-new'), 'ok');     // SM8750
  assert.equal(await verdict('embed-old'), 'bad');    // SM8350
  assert.equal(await verdict('api-report'), 'bad');   // renderReport(), lpbq on SM8350
  // rows render in the shadow DOM, failures first, and expand
  const first = page.locator('#embed-old tr.row').first();
  assert.equal(await first.getAttribute('data-status'), 'fail');
  await first.locator('.disclose').click();
  assert.ok(await page.locator('#embed-old tr.detail .finding').count() > 0);
  // the summary filters the table
  await page.locator('#embed-old .sum-btn[data-status="pass"]').click();
  const statuses = await page.locator('#embed-old tr.row').evaluateAll((rs) => rs.map((r) => r.dataset.status));
  assert.ok(statuses.length > 0 && statuses.every((s) => s === 'pass'));
  // themable: a custom property set on the element reaches the shadow DOM
  const accent = await page.evaluate(() => getComputedStyle(document.getElementById('embed-old').shadowRoot.querySelector('.qnnv')).getPropertyValue('--_accent').trim());
  assert.equal(accent, '#7b1fa2');
  assert.deepEqual(requests.filter((u) => !u.startsWith(env.origin + '/')), []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('attribute changes re-validate, and input errors are shown in the element', async () => {
  const page = await env.context.newPage();
  await page.goto(`${env.origin}/embed-example.html`);
  await page.waitForFunction(() => document.getElementById('embed-old').shadowRoot?.querySelector('.verdict'));
  await page.evaluate(() => new Promise((resolve) => {
    const el = document.getElementById('embed-old');
    el.addEventListener('validated', resolve, {once: true});
    el.setAttribute('soc', 'SM8750');
  }));
  assert.equal(await page.evaluate(() => document.getElementById('embed-old').shadowRoot.querySelector('.verdict').dataset.verdict), 'ok');
  const err = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('qnnv-report');
    el.addEventListener('qnnv-error', (e) => resolve({detail: e.detail, text: el.shadowRoot.querySelector('.error').textContent}), {once: true});
    el.setAttribute('src', 'examples/broken.json');
    document.body.append(el);
  }));
  assert.ok(err.detail.line > 0 && err.detail.column > 0);
  assert.match(err.text, /line \d+, column \d+/);
  await page.close();
});
