// A few hostile files (tests/hostile) through the page: each ends in the documented outcome (an input
// error naming its code, or a report), the page never dies, and afterwards it still validates a sample.
// Server and browser setup are the page tests' (helpers.mjs).
import {test, before, after} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import path from 'node:path';
import {setup, openPage, loadByFileInput, reportCount, readFixture, ROOT} from './helpers.mjs';

const HOSTILE = path.join(ROOT, 'tests', 'hostile');
const manifest = JSON.parse(readFileSync(path.join(HOSTILE, 'manifest.json'), 'utf8'));
const TINY = 'tiny_decoder__16a4w_block.json';

// Small committed entries that cover each kind of failure the page must survive.
const PICKED = [
  'empty.json', 'utf16le_bom.json', 'invalid_utf8_name.json', 'truncated.json', 'duplicate_node_key.json',
  'qspec_index_2pow63.json', 'fixed_scale_nan.json', 'self_ref.json', 'depth_65_in_meta.json',
  'shared_cycle_10.json', 'bom_utf8.json', 'nul_in_name.json',
];

let env, page, log;
before(async () => {
  env = await setup();
  ({page, log} = await openPage(env));
});
after(async () => {
  if (log) assert.deepEqual(log.errors, [], 'uncaught page errors');
  await env?.close();
});

async function loadFile(name, bytes) {
  const before = await reportCount(page);
  await page.setInputFiles('#file-input', {name, mimeType: 'application/json', buffer: bytes});
  // Either a new report or an error; the page is never left busy.
  await page.waitForFunction((n) => (document.body.dataset.state === 'done' && Number(document.body.dataset.reports || 0) > n) ||
    document.body.dataset.state === 'error', before, {timeout: 60_000});
  return page.evaluate(() => document.body.dataset.state);
}

for (const name of PICKED) {
  const e = manifest.entries.find((x) => x.file === name && x.args.length === 0);
  test(`page: ${name} -> ${e.exit === 2 ? [].concat(e.error_code).join('|') : `exit ${e.exit}`}`, async () => {
    const state = await loadFile(name, readFileSync(path.join(HOSTILE, 'files', name)));
    if (e.exit === 2) {
      assert.equal(state, 'error');
      const msg = await page.textContent('#error');
      const codes = [].concat(e.error_code);
      assert.ok(codes.some((c) => msg.includes(`(${c})`)), `expected (${codes.join('|')}) in: ${msg}`);
      assert.ok(msg.includes(name), msg);
    } else {
      assert.equal(state, 'done');
      const verdict = await page.$eval('#verdict .verdict', (el) => el.dataset.verdict);
      assert.equal(verdict === 'bad', e.exit === 1, `verdict ${verdict} for an expected exit ${e.exit}`);
    }
    // The page keeps working: a sample validates after the hostile file.
    await loadByFileInput(page, TINY, readFixture(TINY));
    assert.equal(await page.isHidden('#error'), true);
  });
}
