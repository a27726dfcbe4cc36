// qnnv web — validation runs here, off the main thread (module worker).
// Protocol (sql.js style): main -> {id, type, ...}; worker -> {id, type: 'progress'|'result'|'error', ...}.
//   init                      -> {version, dataVersion, backends, socs: {backend: [...]}}
//   load {graph}              -> {hints, nodes}          keeps the graph (string or ArrayBuffer) for later calls
//   validate {options}        -> {report}                options: {backend, soc, strict}
//   matrix {backend, strict}  -> {rows}                  every SoC of the backend; progress per SoC; abortable
//   abort                     -> stops a running matrix between SoCs
//   export {format}           -> {text}                  sarif | junit | text | modelexplorer, of the last report
let validator = null;
let graph = null;        // the graph: JSON text or its bytes (Uint8Array)
let lastReport = null;
let matrixRun = 0;       // id of the matrix that may continue; anything else stops it

const post = (msg) => self.postMessage(msg);
const tick = () => new Promise((r) => setTimeout(r, 0));

function errorObject(e) {
  if (e && typeof e === 'object' && ('code' in e || 'pointer' in e)) {
    return {code: e.code || '', message: e.message || String(e), pointer: e.pointer || '', line: e.line || 0, column: e.column || 0};
  }
  return {code: 'internal', message: (e && e.message) || String(e), pointer: '', line: 0, column: 0};
}
const asText = (x) => (typeof x === 'string' ? x : JSON.stringify(x, null, 2));

async function init() {
  if (validator) return validator;
  const mod = await import('./wasm/qnnv.mjs');
  validator = await mod.createValidator({});
  return validator;
}

function readHints(g) {
  // Hints only preselect the UI; a graph that does not parse here gets its located error from validate().
  try {
    const obj = JSON.parse(typeof g === 'string' ? g : new TextDecoder().decode(g));
    const hints = obj && typeof obj.hints === 'object' && obj.hints ? obj.hints : null;
    return {hints, nodes: obj && Array.isArray(obj.nodes) ? obj.nodes.length : 0};
  } catch {
    return {hints: null, nodes: 0};
  }
}

const handlers = {
  async init() {
    const v = await init();
    const socs = {};
    // backends(): names, or objects {name, ...}; socs(b): an array, or {socs: [...]}
    const backends = v.backends().map((b) => (typeof b === 'string' ? b : b.name));
    for (const b of backends) { const x = v.socs(b); socs[b] = Array.isArray(x) ? x : (x && x.socs) || []; }
    return {version: v.version, dataVersion: v.dataVersion, backends, socs, qnnSdkVersions: v.qnnSdkVersions || []};
  },
  async load({graph: g}, id) {
    // Bytes go to the core as they are, so that it can report the file's own encoding problems
    // (a UTF-16 BOM, invalid UTF-8) with their codes; a string (pasted text) goes as text.
    graph = typeof g === 'string' ? g : new Uint8Array(g);
    lastReport = null;
    post({id, type: 'progress', stage: 'reading'});
    return readHints(graph);
  },
  async validate({options}, id) {
    const v = await init();
    if (graph === null) throw {code: 'ui.no-graph', message: 'no graph loaded'};
    post({id, type: 'progress', stage: 'validating'});
    const report = v.validate(graph, {backend: options.backend, soc: options.soc, strict: options.strict, qnnSdk: options.qnnSdk});
    lastReport = report;
    post({id, type: 'progress', stage: 'rendering'});
    return {report};
  },
  async matrix({backend, strict}, id) {
    const v = await init();
    if (graph === null) throw {code: 'ui.no-graph', message: 'no graph loaded'};
    matrixRun = id;
    const x = v.socs(backend);
    const socs = Array.isArray(x) ? x : (x && x.socs) || [];
    const rows = [];
    for (let i = 0; i < socs.length; i++) {
      await tick();  // let an abort or a newer request in between SoCs
      if (matrixRun !== id) return {aborted: true, rows};
      const soc = socs[i];
      post({id, type: 'progress', stage: 'matrix', done: i, total: socs.length, soc: soc.model});
      try {
        const r = v.validate(graph, {backend, soc: soc.model, strict});
        const s = r.summary;
        rows.push({soc, ok: r.ok, failed: s.failed, passed: s.passed, not_validated: s.not_validated, checked: s.checked, arch: r.target && r.target.arch});
      } catch (e) {
        rows.push({soc, error: errorObject(e)});
      }
    }
    return {rows};
  },
  async abort() { matrixRun = 0; return {}; },
  async export({format, name}) {
    const v = await init();
    if (!lastReport) throw {code: 'ui.no-report', message: 'no report yet'};
    const arg = {sarif: name || 'graph.json', junit: 'qnnv', modelexplorer: undefined, text: undefined}[format];
    const fn = {sarif: v.toSarif, junit: v.toJUnit, text: v.toText, modelexplorer: v.toModelExplorerNodeData}[format];
    if (!fn) throw {code: 'ui.format', message: `unknown export format ${format}`};
    return {text: asText(arg === undefined ? fn.call(v, lastReport) : fn.call(v, lastReport, arg))};
  },
};

self.onmessage = async (ev) => {
  const msg = ev.data || {};
  const fn = handlers[msg.type];
  if (!fn) return post({id: msg.id, type: 'error', error: {code: 'ui.protocol', message: `unknown request ${msg.type}`}});
  try {
    post({id: msg.id, type: 'result', value: await fn(msg, msg.id)});
  } catch (e) {
    post({id: msg.id, type: 'error', error: errorObject(e)});
  }
};
