// The verdict corpus (tests/verdicts): each case is a small graph reproducing public evidence of what QNN
// accepted or rejected. Every case must get QNN's verdict from the native CLI ($QNNV_CLI, default
// build/native/qnnv), except those the manifest marks known_miss: for them qnnv must still disagree, so that
// fixing one forces its marker out. Not validated is never agreement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ROOT, loadManifest, verdictOf, defaultCli, totals } from '../verdicts/run.mjs';

const CLI = defaultCli();
const cases = loadManifest();

test('the native CLI is built', () => {
  assert.ok(fs.existsSync(CLI), `native CLI not found at ${CLI}: scripts/build.sh native, or set QNNV_CLI`);
});

test('the corpus files are what tests/verdicts/gen.py writes from cases.py', () => {
  const r = spawnSync('/usr/bin/python3', [path.join(ROOT, 'tests/verdicts/gen.py'), '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr || r.stdout);
});

test('every manifest entry names its evidence and what QNN did', () => {
  assert.ok(cases.length >= 60, `only ${cases.length} cases`);
  const ids = new Set();
  for (const c of cases) {
    assert.ok(!ids.has(c.id), `duplicate id ${c.id}`);
    ids.add(c.id);
    assert.ok(['accepted', 'rejected'].includes(c.qnn), `${c.id}: qnn is ${c.qnn}`);
    assert.ok(['htp', 'lpai'].includes(c.backend), `${c.id}: backend ${c.backend}`);
    assert.ok(c.soc && c.reproduces, `${c.id}: soc and reproduces are required`);
    assert.ok(c.evidence && c.evidence.source && /^https:\/\//.test(c.evidence.url), `${c.id}: evidence source and url`);
    assert.ok(fs.existsSync(path.join(ROOT, 'tests/verdicts', c.graph)), `${c.id}: ${c.graph} missing`);
    if ('known_miss' in c) assert.ok(typeof c.known_miss === 'string' && c.known_miss.length > 10, `${c.id}: known_miss needs a reason`);
  }
  const t = totals(cases.map((c) => ({ ...c, agrees: false, actual: '' })));
  assert.ok(t.rejected.total >= 20 && t.accepted.total >= 20, 'both rejections and acceptances are represented');
});

for (const c of cases) {
  test(`verdict ${c.id}: QNN ${c.qnn}`, () => {
    const { actual, rules, detail } = verdictOf(c, CLI);
    assert.notEqual(actual, 'error', `${c.id}: no report (${detail})`);
    if (c.known_miss) {
      assert.notEqual(actual, c.qnn,
        `${c.id} now gets QNN's verdict (${c.qnn}): remove its known_miss marker (${c.known_miss}) from tests/verdicts/cases.py`);
    } else {
      assert.equal(actual, c.qnn, `${c.id}: QNN ${c.qnn} (${c.evidence.source}), qnnv ${actual} ${rules.join(',')}`);
    }
  });
}
