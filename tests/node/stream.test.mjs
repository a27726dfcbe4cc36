// Issue 15, second round: a graph streamed into the JS API (validateJsonChunksFromStream), the re-renderers'
// limit.report-size on what they write, and a reader that goes away from the Node CLI's output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

import { QnnvError } from '../../wasm/qnnv.mjs';
import { sharedHealthyValidator, DECODER } from './healthy.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'wasm/cli.mjs');
const FIXTURES = path.join(ROOT, 'tests/fixtures');
const DECODER_FILE = path.join(FIXTURES, 'tiny_decoder__16a4w_block.json');

let v;
sharedHealthyValidator((validator) => {
  v = validator;
});

async function joined(pieces) {
  let text = '';
  for await (const p of pieces) text += p;
  return text;
}

async function rejectsQnnv(promise, code) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof QnnvError, e && e.stack);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

// A graph cut into chunks of `size` bytes (the last one shorter), as a generator gives them.
function* chunksOf(bytes, size) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

test('a streamed graph gives the same report as validateJson, whatever the chunks and the size hint', async () => {
  const want = v.validateJson(DECODER, { soc: 'SM8350' });
  const bytes = new TextEncoder().encode(DECODER);
  const sources = [
    [fs.createReadStream(DECODER_FILE, { highWaterMark: 4096 }), { size: fs.statSync(DECODER_FILE).size }],
    [fs.createReadStream(DECODER_FILE, { highWaterMark: 999 }), {}],  // no size: gathered in heap blocks
    [chunksOf(bytes, 7), {}],                                          // a sync iterable, odd cuts
    [Readable.from(chunksOf(bytes, 1 << 10)), { size: bytes.length }],
    [new Blob([bytes]).stream(), {}],                                  // a web ReadableStream
    [[DECODER.slice(0, 100), DECODER.slice(100)], {}],                 // text chunks are UTF-8 encoded
  ];
  for (const [source, opts] of sources) {
    assert.equal(await joined(await v.validateJsonChunksFromStream(source, { soc: 'SM8350', ...opts })), want);
  }
  // A stream longer than the first heap blocks (1 and 2 MiB), in chunks that straddle them, without a size.
  const big = JSON.parse(DECODER);
  big.padding = Array.from({ length: 6 }, () => 'x'.repeat(1 << 19));  // an unknown member: ignored
  const bigBytes = new TextEncoder().encode(JSON.stringify(big));
  assert.equal(await joined(await v.validateJsonChunksFromStream(chunksOf(bigBytes, 65536), { soc: 'SM8350' })),
    v.validateJson(bigBytes, { soc: 'SM8350' }));
  // A shorter stream than opts.size (a file that shrank) is validated as what came.
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes.subarray(0, 10)], { size: bytes.length }), 'json.syntax');
});

test('stream errors are QnnvErrors, checked before or while reading, and leave the validator usable', async () => {
  const bytes = new TextEncoder().encode(DECODER);
  await rejectsQnnv(v.validateJsonChunksFromStream(DECODER), 'input.type');  // text is not a stream
  await rejectsQnnv(v.validateJsonChunksFromStream(bytes), 'input.type');    // nor are bytes
  await rejectsQnnv(v.validateJsonChunksFromStream(null), 'input.type');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes], null), 'input.type');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes], { size: -1 }), 'input.type');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes], { size: '10' }), 'input.type');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes], { soc: 'SM8650\u0000x' }), 'input.nul');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes, 42]), 'input.stream');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes], { size: 10 }), 'input.stream');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes], { soc: 'SM1' }), 'options.unknown-soc');
  await rejectsQnnv(v.validateJsonChunksFromStream([], {}), 'json.empty');
  // Past max_input_bytes (1 GiB): refused from opts.size before reading, and from the bytes as they come,
  // before they are copied (the 1 GiB chunk is never touched: its pages are not even allocated), and the
  // source is closed.
  let read = 0;
  let closed = false;
  const huge = {
    async* [Symbol.asyncIterator]() {
      try {
        read += 1;
        yield bytes.subarray(0, 100);
        read += 1;
        yield new Uint8Array(2 ** 30);
        read += 1;
      } finally {
        closed = true;
      }
    },
  };
  await rejectsQnnv(v.validateJsonChunksFromStream(huge, { size: 2 ** 31 }), 'limit.input-size');
  assert.equal(read, 0);
  await rejectsQnnv(v.validateJsonChunksFromStream(huge), 'limit.input-size');
  assert.equal(read, 2);
  assert.ok(closed);
  // A stream that fails: io.read, and the source is closed.
  const missing = fs.createReadStream(path.join(os.tmpdir(), 'qnnv-no-such-graph.json'));
  await rejectsQnnv(v.validateJsonChunksFromStream(missing), 'io.read');
  // While a stream is read, the validator takes no other graph (they share the module's input buffer).
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const slow = { async* [Symbol.asyncIterator]() { yield bytes.subarray(0, 100); await gate; yield bytes.subarray(100); } };
  const pending = v.validateJsonChunksFromStream(slow, { soc: 'SM8350' });
  await new Promise((resolve) => setImmediate(resolve));
  assert.throws(() => v.validate(DECODER), (e) => e instanceof QnnvError && e.code === 'input.busy');
  await rejectsQnnv(v.validateJsonChunksFromStream([bytes]), 'input.busy');
  release();
  assert.equal(await joined(await pending), v.validateJson(DECODER, { soc: 'SM8350' }));
  const { used } = v.memory();
  assert.ok(used < 64 << 20, `${used} bytes still in use on the heap`);
});

test('a data file loaded while a stream is read does not evict the data that stream validates with', async () => {
  // The validator keeps the 4 data files used last; 5 more (the same text under other origins, each its own
  // entry) are loaded while the stream waits. Its data is pinned: the report is made with it, not refused
  // (data.unknown-id) for data released meanwhile.
  const lpai = fs.readFileSync(path.join(ROOT, 'core/data/lpai.json'), 'utf8');
  const opts = { backend: 'lpai', soc: 'SM8850', data: lpai, dataOrigin: 'the stream data' };
  const want = v.validateJson(DECODER, opts);
  const bytes = new TextEncoder().encode(DECODER);
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  const slow = { async* [Symbol.asyncIterator]() { yield bytes.subarray(0, 100); await gate; yield bytes.subarray(100); } };
  const pending = v.validateJsonChunksFromStream(slow, opts);
  await new Promise((resolve) => setImmediate(resolve));
  for (let i = 0; i < 5; i += 1) {
    assert.ok(v.backends({ data: lpai, dataOrigin: `other data ${i}` }).some((b) => b.origin === `other data ${i}`));
  }
  release();
  const got = await joined(await pending);
  assert.ok(got.includes('the stream data'));
  assert.equal(got, want);
  // Once the stream has been validated its data is an ordinary cache entry again: evicted by newer ones.
  for (let i = 5; i < 10; i += 1) v.backends({ data: lpai, dataOrigin: `other data ${i}` });
  assert.equal(await joined(await v.validateJsonChunksFromStream([bytes], opts)), want);
});

test('the re-renderers check limit.report-size on what they write: a long name at every SARIF finding', () => {
  const report = v.validate(DECODER, { soc: 'SM8350' });
  const failing = report.results.find((r) => r.findings.length > 0);
  assert.ok(failing);
  failing.node = 'n'.repeat(256 << 10);
  failing.findings = Array.from({ length: 300 }, () => failing.findings[0]);
  const text = JSON.stringify(report);
  // SARIF names the node three times per finding (about 230 MB): more than 64 MiB + 64 x the report.
  assert.throws(() => v.toSarif(text), (e) => e instanceof QnnvError && e.code === 'limit.report-size' &&
    /the SARIF report would be \d+ bytes/.test(e.message));
  // The text and JUnit outputs name it once (in full, in JUnit): written.
  assert.ok(v.toText(text).length < text.length);
  assert.ok(v.toJUnit(text).includes(failing.node));
  // A number past a double's range is a report.invalid error, not a module failure (fuzz_render found it).
  assert.throws(() => v.toText('5e555'), (e) => e instanceof QnnvError && e.code === 'report.invalid');
});

// A reader that goes away (EPIPE, `qnnv validate g.json | head -1`) is no error (docs/errors.md, "Broken
// pipe"): nothing on standard error, the validation's exit status. Outputs are larger than a pipe holds
// (64 KiB) and the reader (`true`) reads nothing, so the write surely fails.
test('node CLI: a reader that goes away is no error, and the exit status is the validation', () => {
  const cases = [
    [[path.join(FIXTURES, 'mobilenet_v2__8a8w.json'), '--format', 'json'], 0],
    [[DECODER_FILE, '--soc', 'SM8350', '--format', 'json'], 1],
  ];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-epipe-'));
  try {
    for (const [args, exit] of cases) {
      const err = path.join(dir, 'err');
      const status = path.join(dir, 'status');
      const r = spawnSync('sh', ['-c', '{ "$0" "$@" 2> "$QNNV_ERR"; echo $? > "$QNNV_STATUS"; } | true',
        process.execPath, CLI, 'validate', ...args], { env: { ...process.env, QNNV_ERR: err, QNNV_STATUS: status } });
      assert.equal(r.status, 0, String(r.stderr));
      assert.equal(fs.readFileSync(err, 'utf8'), '', args.join(' '));
      assert.equal(Number(fs.readFileSync(status, 'utf8')), exit, args.join(' '));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
