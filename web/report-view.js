// qnnv web — what the worker keeps and answers from: the graph's structure (GraphIndex) and the last report
// (ReportView). The page never holds a whole report; it asks for the rows on screen, the counts, one node's
// result, a node's neighbourhood or the module overview. No DOM here: this module also runs in node (tests).

const ENCODING_SHORT = {SCALE_OFFSET: 'per-tensor', BW_SCALE_OFFSET: 'per-tensor', AXIS_SCALE_OFFSET: 'per-channel',
  BW_AXIS_SCALE_OFFSET: 'per-channel', BLOCKWISE_EXPANSION: 'block-wise'};
// UFIXED_POINT_16 -> u16, SFIXED_POINT_8 -> s8, FLOAT_32 -> f32, INT_64 -> i64.
export function shortDtype(d) {
  const m = /^(U|S)?(FIXED_POINT|FLOAT|INT|UINT|BOOL)_?(\d*)$/.exec(String(d || ''));
  if (!m) return String(d || '');
  const kind = m[2] === 'FIXED_POINT' ? (m[1] === 'S' ? 's' : 'u') : m[2] === 'FLOAT' ? 'f' : m[2] === 'UINT' ? 'u' : m[2] === 'BOOL' ? 'bool' : 'i';
  return kind + m[3];
}

import {STATUS_ORDER} from './render.js';  // no DOM at import: render.js only builds elements when called

const statusRank = (s) => { const i = STATUS_ORDER.indexOf(s); return i < 0 ? STATUS_ORDER.length : i; };

// ---------- the graph ----------
// Node references inside an argument (nested lists and dicts), in argument order.
function refsOf(value, out) {
  if (Array.isArray(value)) { for (const v of value) refsOf(v, out); return out; }
  if (value && typeof value === 'object') {
    if (typeof value.node === 'string' && Object.keys(value).length === 1) { out.push(value.node); return out; }
    for (const v of Object.values(value)) refsOf(v, out);
  }
  return out;
}

// The module a node belongs to: meta.module as the exporter writes it; for a get_attr, its target's owner
// ("blocks.0.q.weight" -> "blocks.0.q"); else the module of its first parameter input.
function ownerOf(target) {
  const s = String(target || '');
  const i = s.lastIndexOf('.');
  return i > 0 ? s.slice(0, i) : '';
}

export class GraphIndex {
  constructor(graph) {
    const nodes = Array.isArray(graph && graph.nodes) ? graph.nodes : [];
    this.qspecs = Array.isArray(graph && graph.qspecs) ? graph.qspecs : [];
    this.n = nodes.length;
    this.names = new Array(this.n);
    this.op = new Array(this.n);
    this.target = new Array(this.n);
    this.module = new Array(this.n);
    this.dtype = new Array(this.n);
    this.inputs = new Array(this.n);     // producer indices, argument order
    this.outSpec = new Array(this.n);    // output qspec (index or inline object) or null
    this.inSpec = new Array(this.n);     // Map producer name -> qspec
    this.byName = new Map();
    nodes.forEach((node, i) => {
      const name = String(node && node.name);
      this.names[i] = name;
      this.byName.set(name, i);
    });
    this.consumers = Array.from({length: this.n}, () => []);
    let modules = 0;
    nodes.forEach((node, i) => {
      node = node || {};
      this.op[i] = node.op || '';
      this.target[i] = node.target === undefined ? '' : String(node.target);
      const val = Array.isArray(node.val) ? node.val[0] : node.val;
      this.dtype[i] = (val && val.dtype) || '';
      const ins = [];
      for (const ref of refsOf([node.args, node.kwargs], [])) {
        const j = this.byName.get(ref);
        if (j !== undefined && !ins.includes(j)) { ins.push(j); this.consumers[j].push(i); }
      }
      this.inputs[i] = ins;
      const a = node.annotation || null;
      this.outSpec[i] = a ? a.output_qspec ?? null : null;
      const m = new Map();
      for (const e of (a && Array.isArray(a.input_qspec_map) ? a.input_qspec_map : [])) if (e && typeof e.arg === 'string') m.set(e.arg, e.qspec);
      this.inSpec[i] = m;
      const mod = node.meta && typeof node.meta.module === 'string' ? node.meta.module : '';
      this.module[i] = mod || (node.op === 'get_attr' ? ownerOf(node.target) : '');
      if (mod) modules++;
    });
    // Without meta.module a call takes the module of its first parameter (get_attr) input, else of its first
    // input that has one (graph order is topological, so one pass reaches every call).
    if (!modules) {
      for (let i = 0; i < this.n; i++) {
        if (this.module[i] || this.op[i] !== 'call_function') continue;
        const ins = this.inputs[i];
        const p = ins.find((j) => this.op[j] === 'get_attr' && this.module[j]) ?? ins.find((j) => this.module[j] && this.op[j] === 'call_function');
        if (p !== undefined) this.module[i] = this.module[p];
      }
    }
    this.hasModuleMeta = modules > 0;
    this.operators = this.op.filter((o) => o === 'call_function').length;
  }
  spec(q) { return typeof q === 'number' ? this.qspecs[q] : q; }
  // One step along a shared spec: {node, edge?} the spec points at, or null.
  sharedStep(q) {
    const s = this.spec(q);
    if (!s || s.kind !== 'shared') return null;
    if (typeof s.node === 'string') return {node: s.node};
    if (Array.isArray(s.edge) && s.edge.length === 2) return {node: s.edge[0], edge: s.edge};
    return null;
  }
  // The spec of a tensor: the output of `name`, or the edge [producer, consumer].
  tensorSpec(step) {
    if (step.edge) {
      const c = this.byName.get(step.edge[1]);
      return c === undefined ? null : this.inSpec[c].get(step.edge[0]) ?? null;
    }
    const i = this.byName.get(step.node);
    return i === undefined ? null : this.outSpec[i];
  }
}

// ---------- the report ----------
export class ReportView {
  // getGraph() gives the GraphIndex (or null: the structure views are then empty); it is asked for only when a
  // view needs the structure, so that the verdict and the table do not wait for the index.
  constructor(report, getGraph = () => null) {
    this.report = report;
    this.getGraph = getGraph;
    const results = report.results || [];
    this.results = results;
    this.byName = new Map();
    results.forEach((r, i) => this.byName.set(r.node, i));
    const idx = results.map((_, i) => i);
    const rank = results.map((r) => statusRank(r.status));
    idx.sort((a, b) => rank[a] - rank[b] || a - b);
    this.order = idx;
    this.lower = null;
    this.cache = new Map();
  }
  get graph() { return this.getGraph(); }

  // A node's module: the report's (NodeResult.module, from meta.module) when it has one, else the graph's
  // (meta.module, or inferred from parameter names).
  moduleOf(r) {
    if (typeof r.module === 'string' && r.module) return r.module;
    const g = this.graph;
    const i = g && g.byName.get(r.node);
    return i === undefined || !g ? '' : g.module[i];
  }
  moduleAt(i) {
    const g = this.graph;
    const k = this.byName.get(g.names[i]);
    const m = k === undefined ? '' : this.results[k].module;
    return typeof m === 'string' && m ? m : g.module[i];
  }

  // The header of the page: verdict inputs, counts per status, per op, per rule, and the rule summary.
  overview() {
    const r = this.report;
    const ops = new Map(), rules = new Map();
    for (const x of this.results) {
      ops.set(x.target, (ops.get(x.target) || 0) + 1);
      const seen = new Set();
      for (const f of x.findings || []) {
        let e = rules.get(f.rule);
        if (!e) rules.set(f.rule, e = {rule: f.rule, nodes: 0, findings: 0, severity: f.severity, status: x.status, message: f.message || '', hint: f.hint || '', example: x.node, statuses: Object.create(null)});  // keyed by report text: no prototype
        e.findings++;
        if (!seen.has(f.rule)) { seen.add(f.rule); e.nodes++; e.statuses[x.status] = (e.statuses[x.status] || 0) + 1; }
        if (f.severity === 'error' && e.severity !== 'error') e.severity = 'error';
      }
    }
    const byName = (a, b) => String(a[0]).localeCompare(String(b[0]));
    const rank = (e) => (e.statuses.fail ? 0 : e.statuses.not_validated ? 1 : 2);
    return {
      format: r.format, version: r.version, tool: r.tool, target: r.target, ok: r.ok, summary: r.summary,
      ops: [...ops].sort(byName),
      rules: [...rules.values()].sort((a, b) => rank(a) - rank(b) || b.nodes - a.nodes || a.rule.localeCompare(b.rule)),
    };
  }

  filtered({status = '', op = '', rule = '', q = ''} = {}) {
    const key = JSON.stringify([status, op, rule, q]);
    let hit = this.cache.get(key);
    if (hit) return hit;
    const res = this.results;
    let needle = String(q).trim().toLowerCase();
    if (needle && !this.lower) this.lower = res.map((r) => String(r.node).toLowerCase());
    hit = this.order.filter((i) => {
      const r = res[i];
      if (status && r.status !== status) return false;
      if (op && r.target !== op) return false;
      if (rule && !(r.findings || []).some((f) => f.rule === rule)) return false;
      if (needle && !this.lower[i].includes(needle)) return false;
      return true;
    });
    if (this.cache.size > 16) this.cache.clear();
    this.cache.set(key, hit);
    return hit;
  }

  // One page of rows: only what a table row shows.
  rows(filter, page, pageSize) {
    const f = this.filtered(filter);
    const pages = Math.max(1, Math.ceil(f.length / pageSize));
    page = Math.max(0, Math.min(page | 0, pages - 1));
    const rows = f.slice(page * pageSize, (page + 1) * pageSize).map((i) => this.row(i));
    return {matches: f.length, total: this.results.length, page, pages, rows};
  }
  row(i) {
    const r = this.results[i];
    const fs = r.findings || [];
    return {index: i, node: r.node, target: r.target, qnn_op: r.qnn_op || '', status: r.status,
      first: fs.length ? {rule: fs[0].rule, message: fs[0].message || ''} : null, more: Math.max(0, fs.length - 1)};
  }
  // Where a node is under a filter: {index, page} or {index, page: -1} when the filter hides it.
  locate(name, filter, pageSize) {
    const i = this.byName.get(name);
    if (i === undefined) return null;
    const pos = this.filtered(filter).indexOf(i);
    return {index: i, page: pos < 0 ? -1 : Math.floor(pos / pageSize)};
  }
  node(name) {
    const i = this.byName.get(name);
    return i === undefined ? null : {index: i, result: this.results[i], module: this.moduleOf(this.results[i])};
  }
  statusOfNode(name) {
    const i = this.byName.get(name);
    return i === undefined ? 'none' : this.results[i].status;
  }

  // The neighbourhood of one node: producers and consumers up to `hops` away (at most `limit` nodes), the
  // chain of shared specs that gives its ports their qparams, and derived-from edges. Edges carry the
  // consumer port's datatype and encoding from the report where it has them.
  neighbourhood(name, {hops = 2, limit = 40} = {}) {
    const g = this.graph;
    const c = g && g.byName.get(name);
    if (c === undefined || !g) return null;
    const keep = new Map([[c, 0]]);
    const grow = (next) => {
      let frontier = [c];
      for (let h = 1; h <= hops; h++) {
        const nf = [];
        for (const i of frontier) for (const j of next(i)) {
          if (keep.has(j) || keep.size >= limit) continue;
          keep.set(j, h); nf.push(j);
        }
        frontier = nf;
      }
    };
    grow((i) => g.inputs[i]);
    grow((i) => g.consumers[i]);
    const edges = [];
    const edgeKey = new Set();
    const addEdge = (from, to, kind, label) => {
      const k = `${from}>${to}>${kind}`;
      if (edgeKey.has(k)) return;
      edgeKey.add(k);
      edges.push({from: g.names[from], to: g.names[to], kind, label});
    };
    // The qparams chain and derived-from sources of each port of the centre node.
    const specEdges = [];
    const follow = (q, startFrom) => {
      let step = g.sharedStep(q);
      let from = startFrom;
      for (let k = 0; step && k < 8; k++) {
        const j = g.byName.get(step.node);
        if (j === undefined) break;
        if (!keep.has(j)) keep.set(j, 'spec');
        specEdges.push([from, j, 'shared']);
        from = j;
        step = g.sharedStep(g.tensorSpec(step));
      }
      const s = g.spec(q);
      if (s && s.kind === 'derived' && Array.isArray(s.derived_from)) {
        for (const d of s.derived_from) {
          const e = d && Array.isArray(d.edge) ? d.edge : null;
          const j = e && g.byName.get(e[0]);
          if (j === undefined || j === null) continue;
          if (!keep.has(j)) keep.set(j, 'spec');
          specEdges.push([startFrom, j, 'derived']);
        }
      }
    };
    follow(g.outSpec[c], c);
    for (const q of g.inSpec[c].values()) follow(q, c);
    const ports = this.portsOf(name);
    for (const [i] of keep) for (const j of g.inputs[i]) {
      if (!keep.has(j)) continue;
      addEdge(j, i, 'data', this.edgeLabel(g.names[j], g.names[i], j));
    }
    for (const [a, b, kind] of specEdges) addEdge(a, b, kind, kind === 'shared' ? {label: 'shares qparams', full: 'takes its qparams from this tensor (SharedQuantizationSpec)'} : {label: 'derived from', full: 'DerivedQuantizationSpec source'});
    const nodes = [...keep].map(([i, hop]) => ({
      name: g.names[i], op: g.op[i], target: g.target[i], status: this.statusOfNode(g.names[i]), hop: i === c ? 0 : hop,
      centre: i === c, module: this.moduleAt(i),
    }));
    return {centre: name, nodes, edges, ports, truncated: keep.size >= limit};
  }
  portsOf(name) {
    const i = this.byName.get(name);
    return i === undefined ? [] : this.results[i].ports || [];
  }
  // The label of the edge producer -> consumer: the consumer port's datatype and encoding (else the
  // producer's out[0], else the tensor dtype), short ("u16 per-tensor") and in full.
  edgeLabel(producer, consumer, j) {
    const cp = this.portsOf(consumer).find((p) => p.node === producer && p.port && p.port.startsWith('in'));
    const p = cp || this.portsOf(producer).find((x) => x.port === 'out[0]');
    if (p) return {label: `${shortDtype(p.dtype)}${p.encoding ? ' ' + (ENCODING_SHORT[p.encoding] || p.encoding) : ''}`, full: `${p.dtype || ''} ${p.encoding || ''}`.trim()};
    const d = this.graph.dtype[j] || '';
    return {label: d, full: d};
  }

  // Modules with their node counts per status, and the data edges between them, for graphs small enough to
  // draw: modules are cut at `depth` components, and grouped coarser until there are at most `maxGroups`.
  modules({maxGroups = 60} = {}) {
    const g = this.graph;
    if (!g) return null;
    const ops = [];
    for (let i = 0; i < g.n; i++) if (g.op[i] === 'call_function') ops.push(i);
    const full = ops.map((i) => this.moduleAt(i) || '');
    const named = full.filter(Boolean).length;
    let depth = Math.max(1, ...full.map((m) => (m ? m.split('.').length : 1)));
    const cut = (m, d) => (m ? m.split('.').slice(0, d).join('.') : '(no module)');
    let keys;
    for (;; depth--) {
      keys = full.map((m) => cut(m, depth));
      if (new Set(keys).size <= maxGroups || depth <= 1) break;
    }
    const groups = new Map();
    const groupOf = new Map();
    ops.forEach((i, k) => {
      const key = keys[k];
      let e = groups.get(key);
      if (!e) groups.set(key, e = {module: key, nodes: 0, fail: 0, not_validated: 0, pass: 0, skipped: 0, first: g.names[i], firstFail: ''});
      e.nodes++;
      const st = this.statusOfNode(g.names[i]);
      if (st in e) e[st]++;
      if (st === 'fail' && !e.firstFail) e.firstFail = g.names[i];
      groupOf.set(i, key);
    });
    // Data edges between groups, through non-operator nodes too (getitem, placeholders are skipped).
    const links = new Map();
    for (const i of ops) for (const j of g.inputs[i]) {
      const a = groupOf.get(j), b = groupOf.get(i);
      if (a === undefined || a === b) continue;
      const k = `${a}\u0000${b}`;
      links.set(k, (links.get(k) || 0) + 1);
    }
    for (const e of groups.values()) {
      e.summary = e.fail ? `${e.fail} of ${e.nodes} fail` : e.not_validated ? `${e.not_validated} of ${e.nodes} not validated` : `${e.nodes} node${e.nodes === 1 ? '' : 's'}`;
    }
    const moduleMeta = g.hasModuleMeta || this.results.some((r) => typeof r.module === 'string' && r.module);
    return {depth, named, moduleMeta, operators: ops.length, groups: [...groups.values()],
      links: [...links].map(([k, n]) => { const [from, to] = k.split('\u0000'); return {from, to, n}; })};
  }
}

// CSV, one row per finding. Cells are quoted when needed; a cell that a spreadsheet would read as a
// formula (starting with = + - @, tab or CR) is prefixed with an apostrophe.
export function csvCell(v) {
  let s = v === undefined || v === null ? '' : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const CSV_COLUMNS = ['node', 'target', 'qnn_op', 'status', 'variant', 'rule', 'severity', 'port', 'message', 'expected', 'actual', 'hint', 'source', 'basis', 'related_node'];
export function toCsv(report) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of report.results || []) {
    for (const f of r.findings || []) {
      lines.push([r.node, r.target, r.qnn_op, r.status, r.variant, f.rule, f.severity, f.port, f.message, f.expected, f.actual, f.hint, f.source, f.basis, f.related_node].map(csvCell).join(','));
    }
  }
  return lines.join('\r\n') + '\r\n';
}
