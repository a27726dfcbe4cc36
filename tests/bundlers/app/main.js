// The tiny app each bundler builds (tests/bundlers/bundlers.test.mjs): loads qnnv from the packed npm
// package, validates a two-node graph and leaves the outcome on window.qnnvResult for the test to read.
import { createValidator } from 'qnnv';

const graph = {
  format: 'qnnv.graph',
  version: 1,
  nodes: [
    { name: 'x', op: 'placeholder', target: 'x', val: { dtype: 'float32', shape: [1, 8] } },
    { name: 'relu', op: 'call_function', target: 'aten.relu.default', args: [{ node: 'x' }],
      val: { dtype: 'float32', shape: [1, 8] } },
  ],
};

(async () => {
  try {
    // window.qnnvOptions: set by index.html where the bundler does not turn new URL(..., import.meta.url)
    // into an asset (esbuild): the documented wasmUrl.
    const v = await createValidator(window.qnnvOptions || {});
    const report = v.validate(graph, { soc: 'SM8650' });
    window.qnnvResult = { ok: true, version: v.version, soc: report.target.soc_model, nodes: report.summary.nodes };
  } catch (e) {
    window.qnnvResult = { ok: false, error: String(e && e.stack ? e.stack : e) };
  }
})();
