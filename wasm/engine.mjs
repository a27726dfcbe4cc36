// The WebAssembly module behind the API (wasm/qnnv.mjs): finding, compiling and starting it (and naming
// what an engine lacks when it cannot), and Engine, one instance with the calls of its C ABI
// (wasm/bindings.cpp): bytes in, a status and a text out.
import { QnnvError, makeError } from './errors.mjs';
import { asBytes, chunkBytes } from './inputs.mjs';

const IS_NODE =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  process.versions !== null && typeof process.versions.node === 'string';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

// Status codes of the C ABI (wasm/bindings.cpp).
export const OK = 0;
export const ERROR_OBJECT = 1;
const OUT_OF_MEMORY = 2;

// The longest text a call returns whole: V8's maximum string length on 64-bit (2^29 - 24 UTF-16 units;
// one UTF-8 byte is at most one unit, so a result of this many bytes always fits). Past it, decoding
// would throw a RangeError (reported before as an internal error that restarted the module).
const MAX_TEXT_BYTES = 0x1fffffe8;

// Bounds the number of user data files kept loaded inside one instance.
const DATA_CACHE_SIZE = 4;

// validateJsonChunksFromStream without a size: the stream is gathered in heap blocks of growing size (1 MiB,
// doubling up to 16 MiB), copied into one buffer of the exact size at its end. Growing one buffer instead
// (the string doubles) held the old and the new buffer at once and left half of the last one unused: a
// 1M-node graph peaked at 4.06x the file, against 2.46x this way (bench/README.md).
const STREAM_FIRST_BLOCK = 1 << 20;
const STREAM_MAX_BLOCK = 16 << 20;
// Node's fs, reached without an import a bundler would follow: a browser bundle must not contain (or fail
// on) node: modules, and this code only runs in Node. process.getBuiltinModule is Node >= 20.16; older
// Node 20 releases take the dynamic import, which bundlers are told to leave alone.
async function nodeFs() {
  if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule('fs');
  const name = 'node:fs';
  return import(/* webpackIgnore: true */ /* @vite-ignore */ name);
}

export async function loadFactory(options) {
  if (typeof options.factory === 'function') return options.factory;
  const mod = options.single ? await import('./dist/qnnv_wasm_single.mjs') : await import('./dist/qnnv_wasm.mjs');
  return mod.default;
}

// A compiled WebAssembly.Module for the split build (not for the single-file one, whose binary is
// inside its .mjs). Keeping it lets a failed instance be replaced synchronously.
async function compileWasm(options) {
  if (options.wasmModule instanceof WebAssembly.Module) return options.wasmModule;
  if (options.wasmBinary) return WebAssembly.compile(asBytes(options.wasmBinary, 'wasmBinary'));
  if (options.single) return null;
  if (typeof options.factory === 'function' && !options.wasmUrl) return null;  // the factory finds its own
  const url = options.wasmUrl !== undefined ? options.wasmUrl : new URL('./dist/qnnv_wasm.wasm', import.meta.url);
  if (IS_NODE) {
    const href = String(url);
    if (!/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('file:')) {
      const fs = await nodeFs();
      const path = href.startsWith('file:') ? new URL(href) : href;
      return WebAssembly.compile(await fs.promises.readFile(path));
    }
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`qnnv: cannot load ${url}: HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function' &&
      (response.headers.get('content-type') || '').startsWith('application/wasm')) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

// What the module's code needs of the engine beyond WebAssembly 1.0 (wasm/CMakeLists.txt says why),
// each as the smallest module that uses it. An engine without one fails to compile qnnv's module with a
// bare CompileError (or an Emscripten abort quoting it); startEngine names the missing feature instead.
const ENGINE_FEATURES = [
  // (module (func (result v128) (i8x16.splat (i32.const 0))))
  { name: 'SIMD128', since: 'Chrome 91, Firefox 89, Safari 16.4, Node 16.4',
    probe: [0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11] },
  // (module (func (try (do) (catch_all))))
  { name: 'exception handling', since: 'Chrome 95, Firefox 100, Safari 15.2, Node 17',
    probe: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 6, 64, 25, 11, 11] },
  // (module (memory 1) (func (memory.fill (i32.const 0) (i32.const 0) (i32.const 0))))
  { name: 'bulk memory', since: 'Chrome 75, Firefox 79, Safari 15, Node 12.5',
    probe: [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1,
      10, 13, 1, 11, 0, 65, 0, 65, 0, 65, 0, 252, 11, 0, 11] },
];

// Compiles (where this file does) and instantiates the module. A failure on an engine that lacks a
// feature of ENGINE_FEATURES becomes a QnnvError engine.unsupported naming it, with the engine's own
// error as its cause; any other failure is thrown unchanged. The probes run only after a failure: a
// working start pays nothing.
export async function startEngine(factory, options, extraArgs = {}) {
  try {
    const wasmModule = await compileWasm(options);
    return { wasmModule, engine: new Engine(await factory({ ...moduleArgs(wasmModule, false), ...extraArgs })) };
  } catch (error) {
    const missing = ENGINE_FEATURES.filter((f) => !WebAssembly.validate(new Uint8Array(f.probe)));
    if (missing.length === 0) throw error;
    const what = missing.map((f) => `${f.name} (${f.since} or later)`).join(' and ');
    const unsupported = makeError('engine.unsupported', `this JavaScript engine lacks WebAssembly ${what}, ` +
                                  `which qnnv's module needs; update the browser or Node.js`);
    unsupported.cause = error;
    throw unsupported;
  }
}

export function moduleArgs(wasmModule, sync) {
  const args = {
    print: () => {},
    printErr: (text) => { if (typeof console !== 'undefined') console.warn(`qnnv: ${text}`); },
  };
  if (wasmModule) {
    args.instantiateWasm = (imports, receive) => {
      if (sync) {
        const instance = new WebAssembly.Instance(wasmModule, imports);
        receive(instance, wasmModule);
        return instance.exports;
      }
      WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance, wasmModule));
      return {};
    };
  }
  return args;
}

// Reads a graph stream into module m's input buffer (validateJsonChunksFromStream). size: the byte count
// the caller gave, or null: then the chunks are gathered in heap blocks and copied into a buffer of the
// exact size at the end (STREAM_FIRST_BLOCK). On any failure nothing is left in the heap and the source is
// closed; an error that is not a QnnvError is the source's own (io.read).
export async function readStream(m, iterator, size, maxBytes, tooBig) {
  const blocks = [];  // [ptr, length filled] of the heap blocks, when size is not known
  let filled = 0;
  let done = false;
  const outOfMemory = (n) => makeError('limit.memory', `out of memory: cannot place ${n} bytes in the WebAssembly heap`);
  try {
    const ptr = size === null ? 0 : m._qnnv_input_buffer(size) >>> 0;
    if (size !== null && !ptr && size > 0) throw outOfMemory(size);
    let room = 0;  // bytes left in the last block
    for (;;) {
      const step = await iterator.next();
      if (step.done) break;
      const chunk = chunkBytes(step.value);
      const need = filled + chunk.length;
      if (need > maxBytes) throw tooBig(need);
      if (size !== null) {
        if (need > size) throw makeError('input.stream', `the stream gave more than the ${size} bytes option "size" said`);
        m.HEAPU8.set(chunk, ptr + filled);  // HEAPU8 read now: growing memory replaces the view
      } else {
        for (let at = 0; at < chunk.length;) {
          if (room === 0) {
            const length = Math.min(STREAM_FIRST_BLOCK * 2 ** blocks.length, STREAM_MAX_BLOCK);
            const block = m._malloc(length) >>> 0;
            if (!block) throw outOfMemory(length);
            blocks.push([block, 0, length]);
            room = length;
          }
          const last = blocks[blocks.length - 1];
          const n = Math.min(room, chunk.length - at);
          m.HEAPU8.set(chunk.subarray(at, at + n), last[0] + last[1]);
          last[1] += n;
          room -= n;
          at += n;
        }
      }
      filled = need;
    }
    done = true;
    if (size === null) {
      const ptr = m._qnnv_input_buffer(filled) >>> 0;
      if (!ptr && filled > 0) throw outOfMemory(filled);
      let at = ptr;
      while (blocks.length > 0) {
        const [block, length] = blocks.shift();
        m.HEAPU8.copyWithin(at, block, block + length);  // HEAPU8 read after the allocation
        m._free(block);
        at += length;
      }
    } else if (filled < size) {
      m._qnnv_input_resize(filled);  // a shorter stream (a file that shrank): what came
    }
  } catch (e) {
    for (const [block] of blocks) m._free(block);
    m._qnnv_input_buffer(0);  // nothing is left in the heap
    if (!done && typeof iterator.return === 'function') {
      try {
        await iterator.return();  // closes a file stream that is read no further
      } catch (_) {
        // the source's own failure to close changes nothing here
      }
    }
    if (e instanceof QnnvError) throw e;
    throw makeError('io.read', `cannot read the graph stream: ${e && e.message ? e.message : e}`);
  }
}

// One module instance plus the calls of the C ABI.
export class Engine {
  constructor(m) {
    this.m = m;
    this.dataIds = new Map();  // data file text key -> id, most recently used last
    this.streaming = false;  // a validateJsonChunksFromStream() is filling the input buffer
    this.pinnedData = 0;  // the data id a stream validates with: kept loaded while the stream is read
  }

  // Copies bytes into the heap (+ a NUL when cstr); returns [ptr, len].
  put(bytes, cstr) {
    const len = bytes.length;
    const ptr = this.m._malloc(len + 1);
    if (!ptr) {
      throw makeError('limit.memory', `out of memory: cannot place ${len} bytes in the WebAssembly heap`);
    }
    const heap = this.m.HEAPU8;  // read after malloc: growing memory replaces the view
    heap.set(bytes, ptr);
    if (cstr) heap[ptr + len] = 0;
    return [ptr, len];
  }

  // Calls an export. args: numbers or booleans, {bytes: Uint8Array} (passed as ptr, len), {str: string} (C string)
  // or {input: Uint8Array} (written to the module's input buffer, which the call consumes; passes nothing).
  call(name, ...args) {
    const m = this.m;
    const ptrs = [];
    try {
      const flat = [];
      for (const a of args) {
        if (typeof a === 'number' || typeof a === 'boolean') flat.push(Number(a));
        else if (a.input) {
          if (this.streaming) {
            throw makeError('input.busy', 'this validator is reading a graph from a stream ' +
              '(validateJsonChunksFromStream); wait for it, or use another validator');
          }
          const ptr = m._qnnv_input_buffer(a.input.length) >>> 0;
          if (!ptr) {
            throw makeError('limit.memory', `out of memory: cannot place ${a.input.length} bytes in the WebAssembly heap`);
          }
          m.HEAPU8.set(a.input, ptr);  // HEAPU8 read after the allocation: growing memory replaces the view
        } else if (a.bytes) {
          const [p, n] = this.put(a.bytes, false);
          ptrs.push(p);
          flat.push(p, n);
        } else {
          const [p] = this.put(encoder.encode(a.str), true);
          ptrs.push(p);
          flat.push(p);
        }
      }
      const status = m['_' + name](...flat);
      if (status === OUT_OF_MEMORY) {
        throw makeError('limit.memory', 'out of memory: the input needs more than the WebAssembly memory limit allows');
      }
      const ptr = m._qnnv_result_data() >>> 0;
      const size = m._qnnv_result_size() >>> 0;
      if (size > MAX_TEXT_BYTES) {
        m._qnnv_result_clear();
        throw makeError('limit.report-size', `the result is ${size} bytes, more than a JavaScript string can hold ` +
          `(${MAX_TEXT_BYTES} bytes here); validateJsonChunks() gives a report of any size in pieces`);
      }
      const text = decoder.decode(m.HEAPU8.subarray(ptr, ptr + size));
      m._qnnv_result_clear();
      return { status, text };
    } finally {
      for (const p of ptrs) m._free(p);
    }
  }

  // The text result of a call (JSON for most), or a thrown QnnvError when the call gave an error object.
  json(name, ...args) {
    const { status, text } = this.call(name, ...args);
    if (status === ERROR_OBJECT) throw new QnnvError(JSON.parse(text));
    return text;
  }

  dataId(data, origin) {
    if (data === undefined || data === null) return 0;
    const bytes = asBytes(data, 'data file');
    const key = typeof data === 'string' ? data : decoder.decode(bytes);
    const cacheKey = `${origin}\u0000${key}`;
    const known = this.dataIds.get(cacheKey);
    if (known !== undefined) {
      this.dataIds.delete(cacheKey);
      this.dataIds.set(cacheKey, known);
      return known;
    }
    const info = JSON.parse(this.json('qnnv_load_data', { bytes }, { str: origin }));
    this.dataIds.set(cacheKey, info.id);
    for (const [oldKey, oldId] of this.dataIds) {
      if (this.dataIds.size <= DATA_CACHE_SIZE) break;
      if (oldId === this.pinnedData) continue;  // a stream being read validates with it next
      this.dataIds.delete(oldKey);
      this.call('qnnv_release_data', oldId);
    }
    return info.id;
  }
}
