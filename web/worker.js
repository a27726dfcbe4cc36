// qnnv web — validation runs here, off the main thread (module worker), and the report stays here: the page
// asks for what it shows (report-view.js answers), so a 100k-node report never crosses to the main thread.
// Protocol (sql.js style): main -> {id, type, ...}; worker -> {id, type: 'progress'|'result'|'error', ...}.
//   init                                -> {version, dataVersion, backends, socs: {backend: [...]}, defaults, qnnSdkVersions, features}
//   load {graph}                        -> {hints, nodes, operators}   keeps the graph for later calls
//   validate {options}                  -> overview (verdict, summary, counts per op and rule, rule summary, hasGraph)
//   rows {filter, page, pageSize}       -> {matches, total, page, pages, rows}       one page of table rows
//   locate {name, filter, pageSize}     -> {index, page} (page -1: the filter hides it) or null
//   node {name}                         -> {index, result, module} or null           one node's full result
//   neighbourhood {name}                -> a laid-out small graph around the node (dagre) or null
//   modules                             -> a laid-out graph of modules with their counts, or null
//   matrix {backend, strict, qnnSdk}    -> {rows, onePass}    every SoC of the backend; progress; abortable
//   fixPlan {options}                   -> the engine's fix plan (only when features.fixPlan)
//   abort                               -> stops a running matrix between SoCs
//   export {format, name}               -> {text}  json | csv | sarif | junit | text | modelexplorer
import {GraphIndex, ReportView, toCsv} from './report-view.js';

let validator = null;
let graph = null;        // the graph: JSON text or its bytes (Uint8Array)
let graphObj = null;     // the parsed graph until its index is built
let index = null;        // its GraphIndex, built on first use (graphIndex()), or null when it does not parse here
let view = null;         // ReportView of the last report
let matrixRun = 0;       // id of the matrix that may continue; anything else stops it
let dagre = null;

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
const socsOf = (v, backend) => { const x = v.socs(backend); return Array.isArray(x) ? x : (x && x.socs) || []; };
// The index is built the first time a view needs the graph's structure (after the verdict is on screen).
function graphIndex() {
  if (!index && graphObj) {
    try { index = new GraphIndex(graphObj); } catch { index = null; }
    graphObj = null;
  }
  return index;
}
const needGraph = () => { if (graph === null) throw {code: 'ui.no-graph', message: 'no graph loaded'}; };
const needReport = () => { if (!view) throw {code: 'ui.no-report', message: 'no report yet'}; };

// ---------- layout (dagre, loaded on first use) ----------
// Data edges (kind 'data', or edges without a kind) decide the layers; the other edges (shared specs,
// derived-from sources) are drawn over that layout as curves, so that they do not pull nodes out of order.
async function layout(nodes, edges, {rankdir = 'TB', nodeSize, edgeLabel}) {
  if (!dagre) dagre = (await import('./vendor/dagre.esm.js')).default;
  const g = new dagre.graphlib.Graph({multigraph: true});
  g.setGraph({rankdir, nodesep: 18, ranksep: 34, edgesep: 8, marginx: 8, marginy: 8});
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, {...nodeSize(n)});
  const isData = (e) => !e.kind || e.kind === 'data';
  edges.forEach((e, k) => {
    if (!isData(e)) return;
    const text = edgeLabel(e);
    g.setEdge(e.from, e.to, text ? {width: text.length * 6 + 6, height: 13, labelpos: 'c'} : {}, `e${k}`);
  });
  dagre.layout(g);
  const laid = {
    nodes: nodes.map((n) => { const p = g.node(n.id); return {...n, x: p.x, y: p.y, w: p.width, h: p.height}; }),
    edges: edges.map((e, k) => {
      if (isData(e)) { const p = g.edge(e.from, e.to, `e${k}`); return {...e, points: p.points.map((q) => [q.x, q.y]), lx: p.x, ly: p.y}; }
      const a = g.node(e.from), b = g.node(e.to);
      // a curve bowing to the side, from the edge of one box to the edge of the other
      const dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
      const cx = (a.x + b.x) / 2 - (dy / len) * 40, cy = (a.y + b.y) / 2 + (dx / len) * 40;
      const clip = (n, tx, ty) => { const ux = tx - n.x, uy = ty - n.y; const t = Math.min(n.width / 2 / Math.abs(ux || 1e-9), n.height / 2 / Math.abs(uy || 1e-9)); return [n.x + ux * t, n.y + uy * t]; };
      const p1 = clip(a, cx, cy), p2 = clip(b, cx, cy);
      return {...e, points: [p1, [cx, cy], p2], curve: true, lx: (p1[0] + 2 * cx + p2[0]) / 4, ly: (p1[1] + 2 * cy + p2[1]) / 4};
    }),
  };
  return fitBox(laid, 10);
}

// Moves a layout so that everything (boxes, edge points, labels) starts at `margin`, and sizes it to fit:
// long edges routed around the graph can leave the box dagre reports.
function fitBox(laid, margin) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const see = (x, y) => { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); };
  for (const n of laid.nodes) { see(n.x - n.w / 2, n.y - n.h / 2); see(n.x + n.w / 2, n.y + n.h / 2); }
  for (const e of laid.edges) { for (const [x, y] of e.points) see(x, y); if (e.lx !== undefined) see(e.lx, e.ly); }
  if (!Number.isFinite(x0)) return {...laid, width: 0, height: 0};
  const dx = margin - x0, dy = margin - y0;
  return {
    width: Math.ceil(x1 - x0 + 2 * margin), height: Math.ceil(y1 - y0 + 2 * margin),
    nodes: laid.nodes.map((n) => ({...n, x: n.x + dx, y: n.y + dy})),
    edges: laid.edges.map((e) => ({...e, points: e.points.map(([x, y]) => [x + dx, y + dy]), lx: e.lx === undefined ? undefined : e.lx + dx, ly: e.ly === undefined ? undefined : e.ly + dy})),
  };
}
const textWidth = (s) => Math.min(220, String(s).length * 7 + 18);

const handlers = {
  async init() {
    const v = await init();
    const socs = Object.create(null);  // keyed by backend names from data files: no prototype
    const backends = v.backends().map((b) => (typeof b === 'string' ? b : b.name));
    for (const b of backends) socs[b] = socsOf(v, b);
    // The engine's own default target (QnnQuantizer's), read from a report of an empty graph rather than
    // written here a second time.
    let defaults = {};
    try {
      const t = v.validate('{"format":"qnnv.graph","version":1,"nodes":[]}').target;
      defaults = {backend: t.backend, soc: t.soc_model};
    } catch { defaults = {}; }
    return {version: v.version, dataVersion: v.dataVersion, backends, socs, defaults,
      qnnSdkVersions: Array.isArray(v.qnnSdkVersions) ? v.qnnSdkVersions : [],  // oldest first; [] = no SDK choice
      features: {fixPlan: typeof v.fixPlan === 'function', validateAllSocs: typeof v.validateAllSocs === 'function'}};
  },
  async load({graph: g}, id) {
    // Bytes go to the core as they are, so that it can report the file's own encoding problems
    // (a UTF-16 BOM, invalid UTF-8) with their codes; a string (pasted text) goes as text.
    graph = typeof g === 'string' ? g : new Uint8Array(g);
    view = null;
    index = null;
    graphObj = null;
    post({id, type: 'progress', stage: 'reading'});
    // The structure only feeds hints, counts and the graph views; a graph that does not parse here gets its
    // located error from validate().
    let obj = null;
    try { obj = JSON.parse(typeof graph === 'string' ? graph : new TextDecoder().decode(graph)); } catch { obj = null; }
    const hints = obj && typeof obj.hints === 'object' && obj.hints && !Array.isArray(obj.hints) ? obj.hints : null;
    const nodes = obj && Array.isArray(obj.nodes) ? obj.nodes : null;
    if (nodes) graphObj = obj;
    let operators = 0;
    if (nodes) for (const n of nodes) if (n && n.op === 'call_function') operators++;
    return {hints, nodes: nodes ? nodes.length : 0, operators};
  },
  async validate({options}, id) {
    const v = await init();
    needGraph();
    view = null;
    post({id, type: 'progress', stage: 'validating'});
    const report = v.validate(graph, engineOptions(options));
    post({id, type: 'progress', stage: 'indexing'});
    view = new ReportView(report, graphIndex);
    return {...view.overview(), hasGraph: Boolean(graphObj || index)};
  },
  async rows({filter, page, pageSize}) { needReport(); return view.rows(filter || {}, page, pageSize); },
  async locate({name, filter, pageSize}) { needReport(); return view.locate(name, filter || {}, pageSize); },
  async node({name}) { needReport(); return view.node(name); },
  async neighbourhood({name}) {
    needReport();
    const nb = view.neighbourhood(name);
    if (!nb) return null;
    const laid = await layout(nb.nodes.map((n) => ({...n, id: n.name, sub: shortTarget(n)})), nb.edges, {
      nodeSize: (n) => ({width: Math.max(textWidth(n.name), textWidth(n.sub)), height: 38}),
      edgeLabel: (e) => e.label.label,
    });
    return {...laid, centre: nb.centre, truncated: nb.truncated, ports: nb.ports};
  },
  async modules() {
    needReport();
    const m = view.modules();
    if (!m || !m.groups.length) return null;
    const laid = await layout(m.groups.map((x) => ({...x, id: x.module})), m.links, {
      nodeSize: (x) => ({width: Math.max(textWidth(x.module), textWidth(x.summary), 96), height: 40}),
      edgeLabel: () => '',
    });
    return {...laid, depth: m.depth, named: m.named, operators: m.operators, moduleMeta: m.moduleMeta};
  },
  async matrix({backend, strict, qnnSdk}, id) {
    const v = await init();
    needGraph();
    matrixRun = id;
    const socs = socsOf(v, backend);
    if (typeof v.validateAllSocs === 'function') {
      post({id, type: 'progress', stage: 'matrix', done: 0, total: socs.length, soc: 'all, in one pass'});
      // The SoCs are named so that the answers come in the list's order.
      const all = v.validateAllSocs(graph, {...engineOptions({backend, strict, qnnSdk}), socs: socs.map((s) => s.model), summaryOnly: true});
      return {rows: all.map((r, i) => matrixRow(socs[i], r)), onePass: true};
    }
    const rows = [];
    for (let i = 0; i < socs.length; i++) {
      await tick();  // let an abort or a newer request in between SoCs
      if (matrixRun !== id) return {aborted: true, rows};
      const soc = socs[i];
      post({id, type: 'progress', stage: 'matrix', done: i, total: socs.length, soc: soc.model});
      try {
        rows.push(matrixRow(soc, v.validate(graph, engineOptions({backend, soc: soc.model, strict, qnnSdk}))));
      } catch (e) {
        rows.push({soc, error: errorObject(e)});
      }
    }
    return {rows, onePass: false};
  },
  async fixPlan({options}) {
    const v = await init();
    needGraph();
    if (typeof v.fixPlan !== 'function') throw {code: 'ui.no-fix-plan', message: 'this build of the module has no fixPlan'};
    const plan = v.fixPlan(graph, engineOptions(options));
    return typeof plan === 'string' ? JSON.parse(plan) : plan;
  },
  async abort() { matrixRun = 0; return {}; },
  async export({format, name}) {
    const v = await init();
    needReport();
    const report = view.report;
    if (format === 'json') return {text: JSON.stringify(report, null, 2) + '\n'};
    if (format === 'csv') return {text: toCsv(report)};
    const arg = {sarif: name || 'graph.json', junit: 'qnnv', modelexplorer: undefined, text: undefined}[format];
    const fn = {sarif: v.toSarif, junit: v.toJUnit, text: v.toText, modelexplorer: v.toModelExplorerNodeData}[format];
    if (!fn) throw {code: 'ui.format', message: `unknown export format ${format}`};
    return {text: asText(arg === undefined ? fn.call(v, report) : fn.call(v, report, arg))};
  },
};

// The options the engine takes; qnnSdk only when one is chosen (modules without SDK data have no such option).
function engineOptions({backend, soc, strict, qnnSdk}) {
  const o = {backend, soc, strict};
  if (qnnSdk) o.qnnSdk = qnnSdk;
  return o;
}

// A node's second line in the drawing: its aten op without namespace and overload, or its kind (get_attr...).
function shortTarget(n) {
  if (n.op !== 'call_function') return n.op;
  return String(n.target).replace(/^aten\./, '').replace(/\.(default|Tensor|Scalar|int)$/, '');
}

// A SoC's row of the comparison, from its full report (validate) or its summary (validateAllSocs with
// summaryOnly: {soc_model, arch, ok, summary}).
function matrixRow(soc, r) {
  const s = r.summary;
  return {soc, ok: r.ok, failed: s.failed, passed: s.passed, not_validated: s.not_validated, checked: s.checked,
    arch: r.target ? r.target.arch : r.arch};
}

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
