// validateAllSocs: every SoC in one pass through the JS API; each report equals validate() with that SoC.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createValidator, QnnvError } from '../../wasm/qnnv.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURES = ['tiny_decoder__16a4w_block.json', 'mobilenet_v2__8a8w.json'];

test('validateAllSocs equals one validate() per SoC, for every SoC of each backend', async () => {
  const v = await createValidator();
  for (const name of FIXTURES) {
    const graph = fs.readFileSync(path.join(ROOT, 'tests/fixtures', name));
    for (const backend of ['htp', 'lpai']) {
      const socs = v.socs(backend).socs.map((s) => s.model);
      const all = v.validateAllSocs(graph, { backend, strict: false });
      assert.deepEqual(all.map((r) => r.target.soc_model).sort(), [...socs].sort());
      for (const report of all) {
        const soc = report.target.soc_model;
        assert.deepEqual(report, v.validate(graph, { backend, soc, strict: false }), `${name} ${soc}`);
      }
    }
  }
});

test('validateAllSocs: a list keeps its order; bad options are QnnvErrors', async () => {
  const v = await createValidator();
  const graph = fs.readFileSync(path.join(ROOT, 'tests/fixtures', FIXTURES[0]));
  const two = v.validateAllSocs(graph, { socs: ['SM8750', 'SM8350'] });
  assert.deepEqual(two.map((r) => [r.target.soc_model, r.ok]), [['SM8750', true], ['SM8350', false]]);
  assert.throws(() => v.validateAllSocs(graph, { backend: 'htp', socs: ['SM0000'] }),
    (e) => e instanceof QnnvError && e.code === 'options.unknown-soc');
  assert.throws(() => v.validateAllSocs(graph, { socs: 'SM8650' }), (e) => e.code === 'input.type');
  assert.throws(() => v.validateAllSocs(graph, { socs: ['SM8650,SM8750'] }), (e) => e.code === 'input.type');
});

test('validateAllSocs with summaryOnly: each SoC target, verdict and summary equal the full reports', async () => {
  const v = await createValidator();
  const graph = fs.readFileSync(path.join(ROOT, 'tests/fixtures', FIXTURES[0]));
  const full = v.validateAllSocs(graph);
  const brief = v.validateAllSocs(graph, { summaryOnly: true });
  assert.equal(brief.length, full.length);
  assert.ok(full.some((r) => !r.ok) && full.some((r) => r.ok));  // both verdicts are compared
  brief.forEach((b, i) => {
    assert.deepEqual(Object.keys(b).sort(), ['arch', 'ok', 'soc_model', 'summary']);
    assert.deepEqual(b, { soc_model: full[i].target.soc_model, arch: full[i].target.arch, ok: full[i].ok,
      summary: full[i].summary });
  });
});
