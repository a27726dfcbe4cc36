// qnnv — JavaScript API over the WebAssembly build of the C++ core.
//
// Works in Node >= 20, browsers and Web Workers, and in bundlers (Vite, webpack, esbuild) without
// configuration: nothing Node-specific is imported (in Node the .wasm is read with Node's own fs, see
// nodeFs in engine.mjs, and handed to the module as bytes); the .wasm is found through new URL(..., import.meta.url),
// which Vite and webpack turn into an asset; elsewhere pass wasmUrl (wasm/README.md).
//
//   import { createValidator } from 'qnnv';
//   const v = await createValidator();
//   const report = v.validate(graphJsonText, { soc: 'SM8650' });
//
// Every input problem is thrown as a QnnvError carrying the qnnv.error object (report-format v1);
// the validator stays usable afterwards.
//
// The module's files, each one job: errors.mjs (QnnvError), inputs.mjs (argument checks), engine.mjs (the
// WebAssembly module and its C ABI), model-explorer.mjs (the overlay export); this file is the API.

import { QnnvError, makeError } from './errors.mjs';
import { ERROR_OBJECT, Engine, OK, loadFactory, moduleArgs, readStream, startEngine } from './engine.mjs';
import { asBytes, chunkIterator, optString, optionsObject, reportText, strictArg, typeName } from './inputs.mjs';
import { toModelExplorerNodeData } from './model-explorer.mjs';

export { QnnvError, toModelExplorerNodeData };

const encoder = new TextEncoder();

// report_to_json's indent: what the CLI prints, and the compact text the object-returning calls decode.
const PRETTY = 2;
const COMPACT = -1;

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
    return this.#withData(opts, (e, id) => e.json('qnnv_socs', id, { str: b }));
  }

  opsJson(backend, opts) {
    const b = optString(backend, 'backend');
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
