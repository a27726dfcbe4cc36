// qnnv — JavaScript API over the WebAssembly build of the C++ core.
//
// Works in Node >= 20, browsers and Web Workers, and in bundlers (Vite, webpack, esbuild) without
// configuration: nothing Node-specific is imported (in Node the .wasm is read with Node's own fs, see
// nodeFs, and handed to the module as bytes); the .wasm is found through new URL(..., import.meta.url),
// which Vite and webpack turn into an asset; elsewhere pass wasmUrl (wasm/README.md).
//
//   import { createValidator } from 'qnnv';
//   const v = await createValidator();
//   const report = v.validate(graphJsonText, { soc: 'SM8650' });
//
// Every input problem is thrown as a QnnvError carrying the qnnv.error object (report-format v1);
// the validator stays usable afterwards.

const IS_NODE =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  process.versions !== null && typeof process.versions.node === 'string';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

// Status codes of the C ABI (wasm/bindings.cpp).
const OK = 0;
const ERROR_OBJECT = 1;
const OUT_OF_MEMORY = 2;

// report_to_json's indent: what the CLI prints, and the compact text the object-returning calls decode.
const PRETTY = 2;
const COMPACT = -1;

// The strict option as qnnv_validate's tri-state argument (bindings.cpp: unset, false, true).
const STRICT_UNSET = -1;
const STRICT_OFF = 0;
const STRICT_ON = 1;
function strictArg(opts) {
  if (opts.strict === undefined || opts.strict === null) return STRICT_UNSET;
  if (typeof opts.strict !== 'boolean') throw makeError('input.type', 'option "strict" must be a boolean');
  return opts.strict ? STRICT_ON : STRICT_OFF;
}

// The longest text a call returns whole: V8's maximum string length on 64-bit (2^29 - 24 UTF-16 units;
// one UTF-8 byte is at most one unit, so a result of this many bytes always fits). Past it, decoding
// would throw a RangeError (reported before as an internal error that restarted the module).
const MAX_TEXT_BYTES = 0x1fffffe8;

// Bounds the number of user data files kept loaded inside one instance.
const DATA_CACHE_SIZE = 4;

/** Thrown for every input error. `detail` is the whole qnnv.error object. */
export class QnnvError extends Error {
  constructor(detail) {
    const error = (detail && detail.error) || {};
    super(error.message || 'qnnv error');
    this.name = 'QnnvError';
    this.code = error.code || 'internal.error';
    this.pointer = error.pointer || '';
    this.line = error.line || 0;
    this.column = error.column || 0;
    this.detail = detail;
  }
}

function makeError(code, message, extra = {}) {
  const error = { code, message, ...extra };
  return new QnnvError({ format: 'qnnv.error', version: 1, error });
}

function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

// Whether an ArrayBuffer has been detached (transferred to a worker, or structuredClone'd with transfer):
// its bytes are gone, and a view of it reads as empty, which must not validate as an empty graph.
function isDetached(buffer) {
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  try {
    new Uint8Array(buffer);  // eslint-disable-line no-new
    return false;
  } catch (_) {
    return true;
  }
}

// Input bytes. `maxBytes` (the core's Limits::max_input_bytes, when known) is checked on the size first,
// before any copy or encoding: a 1.1 GiB input is refused at once, not after it was placed in the heap.
function asBytes(input, what, maxBytes = Infinity, tooBig = null) {
  const check = (size) => {
    if (size > maxBytes) throw tooBig(size);
  };
  if (typeof input === 'string') {
    check(input.length);  // a UTF-16 unit is at least one UTF-8 byte
    const bytes = encoder.encode(input);
    check(bytes.length);
    return bytes;
  }
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer) ||
      ArrayBuffer.isView(input)) {
    const buffer = ArrayBuffer.isView(input) ? input.buffer : input;
    if (buffer instanceof ArrayBuffer && isDetached(buffer)) {
      throw makeError('input.detached', `the ${what} is a detached ArrayBuffer (its bytes were transferred elsewhere)`);
    }
    check(input.byteLength);
    if (input instanceof Uint8Array) return input;
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return new Uint8Array(input);
  }
  if (input !== null && typeof input === 'object') {
    let text;
    try {
      text = JSON.stringify(input);
    } catch (e) {
      throw makeError('input.unserializable', `the ${what} object cannot be written as JSON: ${e.message}`);
    }
    if (typeof text !== 'string') throw makeError('input.unserializable', `the ${what} object cannot be written as JSON`);
    return asBytes(text, what, maxBytes, tooBig);
  }
  throw makeError('input.type',
    `the ${what} must be JSON text, bytes (Uint8Array/ArrayBuffer) or a parsed object; got ${typeName(input)}`);
}

// validateJsonChunksFromStream without a size: the stream is gathered in heap blocks of growing size (1 MiB,
// doubling up to 16 MiB), copied into one buffer of the exact size at its end. Growing one buffer instead
// (the string doubles) held the old and the new buffer at once and left half of the last one unused: a
// 1M-node graph peaked at 4.06x the file, against 2.46x this way (bench/README.md).
const STREAM_FIRST_BLOCK = 1 << 20;
const STREAM_MAX_BLOCK = 16 << 20;

// The chunks of a graph stream, as an async iterator: an async iterable, a web ReadableStream without async
// iteration (older browsers), or a sync iterable of chunks. Bytes and strings themselves are not streams.
function chunkIterator(source) {
  const notStream = typeof source === 'string' || source instanceof ArrayBuffer || ArrayBuffer.isView(source);
  if (!notStream && source !== null && typeof source === 'object') {
    if (typeof source[Symbol.asyncIterator] === 'function') return source[Symbol.asyncIterator]();
    if (typeof source.getReader === 'function') {
      const reader = source.getReader();
      return { next: () => reader.read(), return: async () => { await reader.cancel(); return { done: true }; } };
    }
    if (typeof source[Symbol.iterator] === 'function') {
      const it = source[Symbol.iterator]();
      return { next: async () => it.next(), return: async () => (typeof it.return === 'function' ? it.return() : { done: true }) };
    }
  }
  throw makeError('input.type', `the graph stream must be an async iterable, a ReadableStream or an iterable of byte ` +
    `chunks; got ${typeName(source)} (validateJsonChunks takes bytes and text)`);
}

// One chunk of a graph stream as bytes (a view, not a copy; a string is UTF-8 encoded).
function chunkBytes(chunk) {
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw makeError('input.stream', `a chunk of the graph stream must be bytes (Uint8Array, ArrayBuffer) or text; got ${typeName(chunk)}`);
}

// An options argument: omitted, or an object (null and other values are an input.type error, not a
// TypeError from reading a property of them).
function optionsObject(opts, what = 'options') {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) {
    throw makeError('input.type', `the ${what} must be an object; got ${typeName(opts)}`);
  }
  return opts;
}

function reportText(report) {
  if (typeof report === 'string') return report;
  if (report instanceof ArrayBuffer || ArrayBuffer.isView(report)) return report;
  if (report !== null && typeof report === 'object') return JSON.stringify(report);
  throw makeError('input.type', 'the report must be a qnnv.report object or its JSON text');
}

function optString(value, name) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw makeError('input.type', `option "${name}" must be a string; got ${typeName(value)}`);
  // The core takes C strings: a NUL would cut the value ("SM8650\0x" would be read as SM8650).
  if (value.includes('\u0000')) throw makeError('input.nul', `option "${name}" contains a NUL character`);
  return value;
}

// Node's fs, reached without an import a bundler would follow: a browser bundle must not contain (or fail
// on) node: modules, and this code only runs in Node. process.getBuiltinModule is Node >= 20.16; older
// Node 20 releases take the dynamic import, which bundlers are told to leave alone.
async function nodeFs() {
  if (typeof process.getBuiltinModule === 'function') return process.getBuiltinModule('fs');
  const name = 'node:fs';
  return import(/* webpackIgnore: true */ /* @vite-ignore */ name);
}

async function loadFactory(options) {
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

// Compiles (where qnnv.mjs does) and instantiates the module. A failure on an engine that lacks a
// feature of ENGINE_FEATURES becomes a QnnvError engine.unsupported naming it, with the engine's own
// error as its cause; any other failure is thrown unchanged. The probes run only after a failure: a
// working start pays nothing.
async function startEngine(factory, options, extraArgs = {}) {
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

function moduleArgs(wasmModule, sync) {
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
async function readStream(m, iterator, size, maxBytes, tooBig) {
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
class Engine {
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

const STATUS_COLORS = {
  pass: '#c8e6c9',
  fail: '#ffcdd2',
  not_validated: '#ffe0b2',
  skipped: '#eeeeee',
};

// Sets obj[key] = value as an own, enumerable data property, whatever the key (even "__proto__").
function ownProperty(obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return obj;
}

/**
 * Model Explorer node-data overlay for a report: {graphId: {results: {nodeId: {value, bgColor}}}}.
 * One entry per call_function node; value = its status.
 */
export function toModelExplorerNodeData(report, graphId = 'graph') {
  let r = report;
  if (typeof report === 'string') {
    try {
      r = JSON.parse(report);
    } catch (e) {
      throw makeError('input.type', `the report is not JSON: ${e.message}`);
    }
  }
  if (!r || typeof r !== 'object' || !Array.isArray(r.results)) {
    throw makeError('input.type', 'the report must be a qnnv.report object or its JSON text');
  }
  const id = optString(graphId, 'graphId') || 'graph';
  // Keyed by node name, each entry defined as an own property: a node named __proto__ is an entry like
  // any other, not a write to the prototype (as `results[name] = ...` would be), and the objects stay
  // plain ones, as Model Explorer and JSON.stringify expect.
  const results = {};
  for (const node of r.results) {
    ownProperty(results, node.node, { value: node.status, bgColor: STATUS_COLORS[node.status] || '#ffffff' });
  }
  return ownProperty({}, id, { results });
}

/**
 * Loads the WebAssembly module and resolves to a validator.
 * options: wasmUrl | wasmBinary | wasmModule (where the .wasm comes from), single (use the
 * single-file build), factory (an Emscripten factory, e.g. the default export of 'qnnv/single'),
 * data + dataOrigin (a user data file used by every call that does not pass its own).
 */
export async function createValidator(options = {}) {
  const factory = await loadFactory(options);
  const { wasmModule, engine } = await startEngine(factory, options);
  return new Validator(factory, wasmModule, engine, options);
}

class Validator {
  #factory;
  #wasmModule;
  #engine;
  #restarting = null;
  #defaults;
  #info;

  constructor(factory, wasmModule, engine, options) {
    this.#factory = factory;
    this.#wasmModule = wasmModule;
    this.#engine = engine;
    this.#defaults = { data: options.data, dataOrigin: options.dataOrigin };
    this.#info = JSON.parse(this.#run((e) => e.json('qnnv_info', 0)));
  }

  /** qnnv tool version, e.g. "0.1.0". */
  get version() { return this.#info.version; }
  /** Version of the built-in constraint data, e.g. "2026.11". */
  get dataVersion() { return this.#info.data_version; }
  /** QNN SDK versions the built-in data knows, oldest first ("2.28", ...); the newest is the default qnnSdk. */
  get qnnSdkVersions() { return [...(this.#info.qnn_sdk_versions || [])]; }

  // Runs fn on the engine. A failure of the module itself (a trap, an abort) is turned into a QnnvError
  // "internal.error" and the instance is replaced, so the validator keeps working.
  #run(fn) {
    if (this.#restarting) {
      throw makeError('internal.restarting', 'the WebAssembly module is being restarted after a failure; try again');
    }
    try {
      return fn(this.#engine);
    } catch (e) {
      if (e instanceof QnnvError) throw e;
      this.#restart();
      throw makeError('internal.error', `the WebAssembly module failed (${e && e.message ? e.message : e}); it has been restarted`);
    }
  }

  #restart() {
    if (this.#wasmModule) {
      try {
        const m = {};
        // With a synchronous instantiateWasm the factory initialises `m` before returning.
        const args = Object.assign(m, moduleArgs(this.#wasmModule, true));
        this.#factory(args);
        if (typeof args._qnnv_info === 'function' && args.HEAPU8) {
          this.#engine = new Engine(args);
          return;
        }
      } catch (_) {
        // fall through to the asynchronous restart
      }
    }
    this.#restarting = Promise.resolve(this.#factory(moduleArgs(this.#wasmModule, false))).then(
      (m) => { this.#engine = new Engine(m); this.#restarting = null; },
      () => { this.#restarting = null; });
  }

  #data(opts) {
    opts = optionsObject(opts);
    const data = opts && opts.data !== undefined ? opts.data : this.#defaults.data;
    const origin = opts && opts.data !== undefined ? opts.dataOrigin : this.#defaults.dataOrigin;
    return { data, origin: optString(origin, 'dataOrigin') || 'user data' };
  }

  #withData(opts, fn) {
    const { data, origin } = this.#data(opts);
    return this.#run((e) => fn(e, e.dataId(data, origin)));
  }

  /** The backends of the data in use: [{name, version, complete, origin}]. */
  backends(opts) {
    return this.#withData(opts, (e, id) => JSON.parse(e.json('qnnv_info', id)).backends);
  }

  // Introspection: parsed objects, and the core's exact JSON text (what the CLIs print) as *Json.
  socs(backend, opts) { return JSON.parse(this.socsJson(backend, opts)); }
  ops(backend, opts) { return JSON.parse(this.opsJson(backend, opts)); }
  coverage(opts) { return JSON.parse(this.coverageJson(opts)); }
  explain(op, opts) { return JSON.parse(this.explainJson(op, opts)); }

  socsJson(backend, opts) {
    const b = optString(backend, 'backend');
    optionsObject(opts);
    return this.#withData(opts, (e, id) => e.json('qnnv_socs', id, { str: b }));
  }

  opsJson(backend, opts) {
    const b = optString(backend, 'backend');
    optionsObject(opts);
    return this.#withData(opts, (e, id) => e.json('qnnv_ops', id, { str: b }));
  }

  coverageJson(opts) {
    return this.#withData(opts, (e, id) => e.json('qnnv_coverage', id));
  }

  explainJson(op, opts) {
    opts = optionsObject(opts);
    const o = optString(op, 'op');
    const b = optString(opts.backend, 'backend');
    const s = optString(opts.soc, 'soc');
    return this.#withData(opts, (e, id) => e.json('qnnv_explain', id, { str: b }, { str: o }, { str: s }));
  }

  // The human-readable forms the CLI prints.
  socsText(backend, opts) {
    const b = optString(backend, 'backend');
    return this.#withData(opts, (e, id) => e.json('qnnv_socs_text', id, { str: b }));
  }

  opsText(backend, opts) {
    const b = optString(backend, 'backend');
    return this.#withData(opts, (e, id) => e.json('qnnv_ops_text', id, { str: b }));
  }

  coverageText(opts) {
    return this.#withData(opts, (e, id) => e.json('qnnv_coverage_text', id));
  }

  explainText(op, opts) {
    opts = optionsObject(opts);
    const o = optString(op, 'op');
    const b = optString(opts.backend, 'backend');
    const s = optString(opts.soc, 'soc');
    return this.#withData(opts, (e, id) => e.json('qnnv_explain_text', id, { str: b }, { str: o }, { str: s }));
  }

  /** The command-line usage text (the same for the native and the Node CLI). */
  usageText() {
    return this.#run((e) => e.json('qnnv_usage'));
  }

  /**
   * Validates a graph and returns the report's exact JSON text (byte-identical to the native CLI's
   * --format json output, without the trailing newline the CLI adds).
   */
  validateJson(graph, opts) {
    return this.#validateText(graph, opts, PRETTY);
  }

  /**
   * Validates a graph and gives its report's JSON text in pieces (about 1 MiB each, cut between results):
   * an iterator for for...of and for await...of. No piece nears V8's maximum string length, so a 1M-node
   * graph's ~600 MB report can be written out piece by piece. Input errors are thrown by this call, before
   * any piece; the pieces joined equal validateJson()'s text. Stopping early (break) releases the report.
   */
  validateJsonChunks(graph, opts) {
    return this.#reportPieces(Number(this.#onGraph('qnnv_validate_stream', graph, opts, PRETTY)));
  }

  /**
   * validateJsonChunks() for a graph read from `source`: an async iterable (a Node fs.ReadStream, a web
   * ReadableStream, an async generator) or an iterable of byte chunks (Uint8Array, ArrayBuffer or a view;
   * strings are UTF-8 encoded). Each chunk is copied into the WebAssembly heap as it comes, so no whole copy
   * of the graph is held in JavaScript: for a 1M-node graph this keeps the peak at 2.33x the file instead
   * of 3.2x (bench/README.md). opts.size, the graph's size in bytes when known (a file's), has the heap
   * buffer allocated once; without it the chunks are gathered in heap blocks and copied once into a buffer
   * of the exact size (2.46x). Options and sizes are checked before anything is read; the validator takes no
   * other graph until the stream has been read (input.busy), and keeps the stream's data file loaded until
   * then. Resolves to the same pieces as validateJsonChunks().
   */
  async validateJsonChunksFromStream(source, opts) {
    opts = optionsObject(opts);
    const backend = optString(opts.backend, 'backend');
    const soc = optString(opts.soc, 'soc');
    const qnnSdk = optString(opts.qnnSdk, 'qnnSdk');
    const strict = strictArg(opts);
    const iterator = chunkIterator(source);
    const maxBytes = this.#info.limits.max_input_bytes;
    const tooBig = (size) => new QnnvError(JSON.parse(this.#run((e) => e.call('qnnv_input_size_error', size).text)));
    const size = opts.size;
    if (size !== undefined && size !== null && (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)) {
      throw makeError('input.type', `option "size" must be a byte count (an integer >= 0); got ${typeName(size)}`);
    }
    if (typeof size === 'number' && size > maxBytes) throw tooBig(size);
    const { data, origin } = this.#data(opts);
    const id = this.#run((e) => e.dataId(data, origin));  // a data file is loaded before the graph is read
    const engine = this.#engine;
    if (engine.streaming) {
      throw makeError('input.busy', 'this validator is already reading a graph from a stream; wait for it');
    }
    const m = engine.m;
    engine.streaming = true;
    engine.pinnedData = id;  // other calls may load data files meanwhile: this one must not be evicted
    try {
      await readStream(m, iterator, typeof size === 'number' ? size : null, maxBytes, tooBig);
      engine.streaming = false;
      if (this.#engine !== engine) {
        throw makeError('internal.restarting', 'the WebAssembly module was restarted while the stream was read; try again');
      }
      const stream = this.#run((e) => e.json('qnnv_validate_stream', { str: backend }, { str: soc }, { str: qnnSdk },
        strict, id, PRETTY));
      return this.#reportPieces(Number(stream));
    } finally {
      engine.streaming = false;
      engine.pinnedData = 0;
    }
  }

  // The pieces of report stream `id` (qnnv_validate_stream), as an iterator for for...of and for await...of.
  #reportPieces(id) {
    let done = false;
    const end = { done: true, value: undefined };
    const next = () => {
      if (done) return end;
      const text = this.#run((e) => e.json('qnnv_stream_next', id));
      if (text === '') {
        done = true;
        return end;
      }
      return { done: false, value: text };
    };
    const close = () => {
      if (!done) {
        done = true;
        this.#run((e) => e.call('qnnv_stream_close', id));
      }
      return end;
    };
    const iterator = {
      next,
      return: close,
      [Symbol.iterator]() { return iterator; },
      [Symbol.asyncIterator]() {
        return { next: async () => next(), return: async () => close() };
      },
    };
    return iterator;
  }

  /** Validates a graph (JSON text, bytes or object) and returns the report object. */
  validate(graph, opts) {
    return JSON.parse(this.#validateText(graph, opts, COMPACT));  // the text is only decoded
  }

  /**
   * Validates a graph for several SoCs in one pass (loaded once; each report is identical to validate()'s
   * with that SoC). opts.socs: SoC models; omitted or empty = every SoC of the backend.
   */
  validateAllSocs(graph, opts) {
    opts = optionsObject(opts);
    const bytes = this.#graphBytes(graph);
    const backend = optString(opts.backend, 'backend');
    const qnnSdk = optString(opts.qnnSdk, 'qnnSdk');
    const socs = opts.socs === undefined || opts.socs === null ? [] : opts.socs;
    if (!Array.isArray(socs) || socs.some((s) => typeof s !== 'string' || s === '' || s.includes(','))) {
      throw makeError('input.type', 'option "socs" must be an array of SoC names');
    }
    for (const s of socs) optString(s, 'socs');
    return JSON.parse(this.#withData(opts, (e, id) =>
      e.json('qnnv_validate_socs', { input: bytes }, { str: backend }, { str: socs.join(',') }, { str: qnnSdk },
        strictArg(opts), id, COMPACT, { str: opts.summaryOnly === true ? 'summary' : 'report' })));
  }

  // The graph's bytes, its size checked against the core's max_input_bytes before anything is copied.
  #graphBytes(graph) {
    return asBytes(graph, 'graph', this.#info.limits.max_input_bytes, (size) => new QnnvError(JSON.parse(
      this.#run((e) => e.call('qnnv_input_size_error', size).text))));
  }

  // An export that takes a graph and the target options (backend, soc, qnnSdk, strict, data), then `tail`:
  // the options are checked and the graph's size too, before anything is copied into the module.
  #onGraph(name, graph, opts, ...tail) {
    opts = optionsObject(opts);
    const bytes = this.#graphBytes(graph);
    const backend = optString(opts.backend, 'backend');
    const soc = optString(opts.soc, 'soc');
    const qnnSdk = optString(opts.qnnSdk, 'qnnSdk');
    return this.#withData(opts, (e, id) =>
      e.json(name, { input: bytes }, { str: backend }, { str: soc }, { str: qnnSdk }, strictArg(opts), id, ...tail));
  }

  #validateText(graph, opts, indent) { return this.#onGraph('qnnv_validate', graph, opts, indent); }

  /**
   * The fix plan (format "qnnv.fix-plan" v1): the QuantRecipe changes that make the failing nodes pass,
   * checked on the re-annotated graph. fixPlanJson/fixPlanText give the CLI's exact texts.
   */
  fixPlan(graph, opts = {}) { return JSON.parse(this.fixPlanJson(graph, opts)); }
  fixPlanJson(graph, opts) { return this.#fixPlanText(graph, opts, 'json'); }
  fixPlanText(graph, opts) { return this.#fixPlanText(graph, opts, 'text'); }

  #fixPlanText(graph, opts, format) { return this.#onGraph('qnnv_fix_plan', graph, opts, { str: format }); }

  #render(name, report, ...args) {
    const text = reportText(report);
    const bytes = typeof text === 'string' ? encoder.encode(text) : asBytes(text, 'report');
    return this.#run((e) => e.json(name, { bytes }, ...args));
  }

  /** The report as JSON text, re-rendered by the core (indent 2 by default). */
  toJson(report, indent = 2) {
    if (typeof indent !== 'number' || !Number.isInteger(indent) || indent < -1 || indent > 16) {
      throw makeError('input.type', 'indent must be an integer from -1 (compact) to 16');
    }
    return this.#render('qnnv_render_json', report, indent);
  }
  toText(report, opts) { return this.#render('qnnv_render_text', report, optionsObject(opts).color ? 1 : 0); }
  /** SARIF 2.1.0; results are located in `artifactUri` (default: the core's default artifact name). */
  toSarif(report, artifactUri = '') {
    return this.#render('qnnv_render_sarif', report, { str: optString(artifactUri, 'artifactUri') });
  }

  toJUnit(report, suiteName = 'qnnv') {
    return this.#render('qnnv_render_junit', report, { str: optString(suiteName, 'suiteName') });
  }
  toModelExplorerNodeData(report, graphId) { return toModelExplorerNodeData(report, graphId); }

  /** "FILE:LINE:COL: message [code]"-style line for an error (as the native CLI prints it). */
  errorText(error, file = '') {
    const detail = error instanceof QnnvError ? error.detail : error;
    if (typeof detail !== 'string' && (detail === null || typeof detail !== 'object')) {
      throw makeError('input.type', `the error must be a QnnvError, a qnnv.error object or its JSON text; got ${typeName(detail)}`);
    }
    const text = typeof detail === 'string' ? detail : JSON.stringify(detail);
    return this.#run((e) => e.json('qnnv_error_text', { bytes: encoder.encode(text) }, { str: optString(file, 'file') }));
  }

  /** Bytes in use on the WebAssembly heap (malloc'd) and the heap's size, for leak checks. */
  memory() {
    return this.#run((e) => ({ used: e.m._qnnv_heap_used() >>> 0, heapSize: e.m.HEAPU8.length }));
  }
}

/**
 * Runs the qnnv command line (the core's, the same as the native CLI's) on `args` (argv without the
 * program); `host` does the I/O (see wasm/cli.mjs): readFile(path) -> Uint8Array (throw {reason} when it
 * cannot), listDir(dir) -> string[], openOutput(path) ("" = stdout), write(bytes), closeOutput() -> "" or
 * the reason it failed, writeStderr(bytes), isTerminal(). Resolves to the exit status.
 */
export async function runCommandLine(args, host, options = {}) {
  const factory = await loadFactory(options);
  const { engine } = await startEngine(factory, options, { qnnvHost: host });
  const { status, text } = engine.call('qnnv_cli', { bytes: encoder.encode(JSON.stringify(args)) });
  if (status === OK) return Number(text);
  const message = status === ERROR_OBJECT ? JSON.parse(text).error.message : 'out of memory [limit.memory]';
  host.writeStderr(encoder.encode(`qnnv: ${message}\n`));
  return EXIT_USAGE;
}

// The exit status of a usage or input error (core/src/cli.cpp), for a failure before the CLI runs.
const EXIT_USAGE = 2;

export default createValidator;
