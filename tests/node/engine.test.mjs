// An engine that cannot compile the module (one without WebAssembly SIMD128, which the build uses): the
// start fails with an error naming the missing feature and the engines that have it, not with a bare
// CompileError. Node 20 has every feature, so the engine is simulated: WebAssembly's compile and
// instantiate fail as such an engine's do, and validate refuses every module that uses a SIMD opcode
// (prefix byte 0xfd), as such an engine's does.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createValidator, runCommandLine } from '../../wasm/qnnv.mjs';

const SIMD_PREFIX = 0xfd;

async function withEngine({ lacksSimd }, fn) {
  const real = { compile: WebAssembly.compile, instantiate: WebAssembly.instantiate, validate: WebAssembly.validate };
  const refuse = async () => {
    throw new WebAssembly.CompileError('WebAssembly.compile(): Compiling function #7 failed: invalid opcode 0xfd');
  };
  WebAssembly.compile = refuse;
  WebAssembly.instantiate = (what, imports) =>
    (what instanceof WebAssembly.Module ? real.instantiate.call(WebAssembly, what, imports) : refuse());
  if (lacksSimd) WebAssembly.validate = (bytes) => !new Uint8Array(bytes).includes(SIMD_PREFIX);
  try {
    return await fn();
  } finally {
    Object.assign(WebAssembly, real);
  }
}

const LACKS_SIMD = /^qnnv: this JavaScript engine lacks WebAssembly SIMD128 \(Chrome 91, Firefox 89, Safari 16\.4, Node 16\.4 or later\), which qnnv's module needs/;

test('without SIMD128 the split build names the missing feature', async () => {
  await withEngine({ lacksSimd: true }, async () => {
    const error = await createValidator().then(() => null, (e) => e);
    assert.ok(error, 'createValidator must fail');
    assert.match(error.message, LACKS_SIMD);
    assert.doesNotMatch(error.message, /exception handling/);
    assert.ok(error.cause instanceof WebAssembly.CompileError, `cause: ${error.cause}`);
  });
});

test('without SIMD128 the single-file build names the missing feature', async () => {
  await withEngine({ lacksSimd: true }, async () => {
    const error = await createValidator({ single: true }).then(() => null, (e) => e);
    assert.ok(error, 'createValidator must fail');
    assert.match(error.message, LACKS_SIMD);
    assert.match(String(error.cause), /CompileError/);
  });
});

test('without SIMD128 the command line names the missing feature', async () => {
  await withEngine({ lacksSimd: true }, async () => {
    const host = { writeStderr() { throw new Error('must not run'); } };
    const error = await runCommandLine(['--version'], host).then(() => null, (e) => e);
    assert.ok(error, 'runCommandLine must fail');
    assert.match(error.message, LACKS_SIMD);
  });
});

test('a failed start on an engine with every feature keeps its own error', async () => {
  await withEngine({ lacksSimd: false }, async () => {
    const error = await createValidator().then(() => null, (e) => e);
    assert.ok(error instanceof WebAssembly.CompileError, `got ${error}`);
    assert.match(error.message, /invalid opcode 0xfd/);
  });
});
