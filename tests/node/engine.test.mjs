// An engine that cannot compile the module (one without WebAssembly SIMD128 or bulk memory, which the
// build uses): the start fails with a QnnvError engine.unsupported naming the missing feature and the
// engines that have it, not with a bare CompileError. Node 20 has every feature, so the engine is
// simulated: WebAssembly's compile and instantiate fail as such an engine's do, and validate refuses
// every module that uses an opcode of the missing feature (prefix byte 0xfd for SIMD, 0xfc for bulk
// memory), as such an engine's does.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createValidator, runCommandLine, QnnvError } from '../../wasm/qnnv.mjs';

const SIMD_PREFIX = 0xfd;
const BULK_MEMORY_PREFIX = 0xfc;

async function withEngine({ lacksSimd, lacksBulkMemory }, fn) {
  const real = { compile: WebAssembly.compile, instantiate: WebAssembly.instantiate, validate: WebAssembly.validate };
  const refuse = async () => {
    throw new WebAssembly.CompileError('WebAssembly.compile(): Compiling function #7 failed: invalid opcode 0xfd');
  };
  WebAssembly.compile = refuse;
  WebAssembly.instantiate = (what, imports) =>
    (what instanceof WebAssembly.Module ? real.instantiate.call(WebAssembly, what, imports) : refuse());
  const refused = [...(lacksSimd ? [SIMD_PREFIX] : []), ...(lacksBulkMemory ? [BULK_MEMORY_PREFIX] : [])];
  if (refused.length) WebAssembly.validate = (bytes) => !refused.some((b) => new Uint8Array(bytes).includes(b));
  try {
    return await fn();
  } finally {
    Object.assign(WebAssembly, real);
  }
}

const LACKS_SIMD = /^this JavaScript engine lacks WebAssembly SIMD128 \(Chrome 91, Firefox 89, Safari 16\.4, Node 16\.4 or later\), which qnnv's module needs/;

test('without SIMD128 the split build names the missing feature', async () => {
  await withEngine({ lacksSimd: true }, async () => {
    const error = await createValidator().then(() => null, (e) => e);
    assert.ok(error, 'createValidator must fail');
    assert.ok(error instanceof QnnvError, `got ${error}`);
    assert.equal(error.code, 'engine.unsupported');
    assert.match(error.message, LACKS_SIMD);
    assert.doesNotMatch(error.message, /exception handling|bulk memory/);
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

test('without bulk memory the start names it, and names both when SIMD128 is missing too', async () => {
  await withEngine({ lacksBulkMemory: true }, async () => {
    const error = await createValidator().then(() => null, (e) => e);
    assert.ok(error instanceof QnnvError, `got ${error}`);
    assert.equal(error.code, 'engine.unsupported');
    assert.match(error.message, /lacks WebAssembly bulk memory \(Chrome 75, Firefox 79, Safari 15, Node 12\.5 or later\)/);
    assert.doesNotMatch(error.message, /SIMD128/);
  });
  await withEngine({ lacksSimd: true, lacksBulkMemory: true }, async () => {
    const error = await createValidator().then(() => null, (e) => e);
    assert.equal(error.code, 'engine.unsupported');
    assert.match(error.message, /lacks WebAssembly SIMD128 \(.*\) and bulk memory \(.*\), which/);
  });
});
