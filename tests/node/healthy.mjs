// One validator shared by the tests of a file, checked after every test: it must still validate the
// decoder sample (on SM8350, where it has findings) to the very report it gave first. Whatever a test
// throws at it, bad input must leave the instance neither dead nor changed.
import { before, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

import { createValidator } from '../../wasm/qnnv.mjs';

export const DECODER = fs.readFileSync(new URL('../fixtures/tiny_decoder__16a4w_block.json', import.meta.url), 'utf8');
const OPTIONS = { soc: 'SM8350' };

/** Registers the hooks; `use(validator, baselineReport)` receives the shared validator once it exists. */
export function sharedHealthyValidator(use) {
  let v;
  let baseline;
  before(async () => {
    v = await createValidator();
    baseline = v.validateJson(DECODER, OPTIONS);
    use(v, baseline);
  });
  afterEach(() => {
    assert.equal(v.validateJson(DECODER, OPTIONS), baseline, 'the instance no longer validates the sample alike');
  });
}
