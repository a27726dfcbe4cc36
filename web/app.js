// qnnv web — the page. Loads a graph (drop, file, paste, example, #url=), validates it in a worker
// (worker.js), and shows the verdict, the counts, the findings by rule, the graph around a node, the SoC
// comparison and a paged per-op table. The report stays in the worker: the page asks for what it shows.
import {ValidatorClient} from './client.js';
import {h, fmt, renderVerdict, renderSummary, socLabel, archOf, archLabel, socMatrix, ruleLink, withCode, STATUS_LABEL} from './render.js';
import {sniff, EXPORTER_SNIPPET} from './sniff.js';
import {RULES} from './rules-data.js';
import {drawNeighbourhood, drawModules} from './graph-view.js';
import {ResultsTable} from './results-table.js';

export const EXAMPLES = [
  {file: 'tiny_decoder__16a4w_block.json', label: 'Tiny decoder, 16a4w block-wise'},
  {file: 'mobilenet_v2__8a8w.json', label: 'MobileNet v2, 8a8w'},
  {file: 'lpbq_on_sm8350.json', label: 'Failing: block-wise weights on SM8350'},
  {file: 'sigmoid_wrong_qparams.json', label: 'Failing: sigmoid with wrong fixed qparams'},
  {file: 'unmapped_op.json', label: 'Not validated: an op QNN has no mapping for'},
  {file: 'broken.json', label: 'Broken file (shows an input error)'},
];
const AUTO_MATRIX_MAX_CHARS = 4 << 20;  // bigger graphs get a "Compare all SoCs" button instead (unless one pass)
const MODULE_VIEW_MAX_OPERATORS = 5000; // the module overview is drawn for graphs up to this many operators
// A rule id links to its explanation; an id the reference does not know (one a data file added) stays text.
const ruleHref = (rule) => (Object.hasOwn(RULES, rule) ? `rules.html#${encodeURIComponent(rule)}` : null);

const $ = (id) => document.getElementById(id);
const ui = {
  file: $('file-input'), pasteOpen: $('paste-open'), example: $('example-select'),
  backend: $('backend-select'), soc: $('soc-select'), strict: $('strict-check'), sdk: $('sdk-select'), sdkField: $('sdk-field'),
  intro: $('intro'), notGraph: $('not-graph'), notGraphTitle: $('not-graph-title'), notGraphWhy: $('not-graph-why'),
  error: $('error'), busy: $('busy'), busyText: $('busy-text'), busyProgress: $('busy-progress'), cancel: $('cancel-button'),
  results: $('results'), graphName: $('graph-name'), verdict: $('verdict'), summary: $('summary'),
  oldestText: $('oldest-text'), fixPlan: $('fix-plan'), fixBody: $('fix-body'), rulesList: $('rules-list'), rulesSummary: $('rules-summary'),
  graphView: $('graph-view'), tabNode: $('tab-node'), tabModules: $('tab-modules'), graphNote: $('graph-note'),
  graphNodePanel: $('graph-node'), graphNodeCaption: $('graph-node-caption'), graphNodeSvg: $('graph-node-svg'),
  graphModulesPanel: $('graph-modules'), graphModulesCaption: $('graph-modules-caption'), graphModulesSvg: $('graph-modules-svg'),
  fStatus: $('filter-status'), fOp: $('filter-op'), fRule: $('filter-rule'), search: $('search'), clear: $('clear-filters'),
  tableStatus: $('table-status'), table: $('results-table'), prev: $('page-prev'), next: $('page-next'), pageInfo: $('page-info'),
  deepLink: $('deep-link'), copyLink: $('copy-link'),
  matrix: $('matrix'), matrixNote: $('matrix-note'), matrixRun: $('matrix-run'), matrixBody: $('matrix-body'),
  versions: $('versions'), overlay: $('drop-overlay'), pasteDialog: $('paste-dialog'), pasteText: $('paste-text'),
};

const state = {
  source: null,        // {name, token, read(), url?, size}
  loaded: null,        // the worker's answer to load: {hints, nodes, operators}
  overview: null,      // the worker's answer to validate (no per-node results)
  choice: {},          // what the user (or the link) chose: {backend?, soc?, strict?, sdk?}; survives new files and errors
  userPicked: false,   // the choice was made on this page (not only by the link): a graph's other hints are then noted
  graphCentre: '', validateSeq: 0, graphSeq: 0, matrixSeq: 0, matrixCache: new Map(), reports: 0, graphTab: 'node',
};
let tokenSeq = 0;
const client = new ValidatorClient(new URL('./worker.js', import.meta.url));
const table = new ResultsTable({ui, client, ruleHref, selectionChanged: () => writeHash(), showError: (e, what) => showError(e, what),
  showInGraph: (name, {scroll}) => { showInGraph(name); if (scroll) ui.graphView.scrollIntoView({block: 'nearest'}); }});

function setState(s) { document.body.dataset.state = s; }

// ---------- hash (deep link): backend, soc, strict, node, url ----------
function readHash() {
  return new URLSearchParams(location.hash.replace(/^#/, ''));
}
function writeHash() {
  const p = new URLSearchParams();
  if (state.source && state.source.url) p.set('url', state.source.url);
  if (ui.backend.value) p.set('backend', ui.backend.value);
  if (ui.soc.value) p.set('soc', ui.soc.value);
  p.set('strict', ui.strict.checked ? '1' : '0');
  if (ui.sdk.value) p.set('qnn_sdk', ui.sdk.value);
  if (table.selected) p.set('node', table.selected);
  history.replaceState(null, '', '#' + p.toString());
  ui.deepLink.value = location.href;
}
const hashChoice = (p) => ({backend: p.get('backend') || undefined, soc: p.get('soc') || undefined,
  strict: p.has('strict') ? p.get('strict') !== '0' : undefined, sdk: p.get('qnn_sdk') || p.get('sdk') || undefined});
// What the engine is asked for: the target and, when the data knows SDK versions, the chosen one.
const targetOptions = () => ({backend: ui.backend.value, soc: ui.soc.value, strict: ui.strict.checked, qnnSdk: ui.sdk.value || undefined});

// ---------- target choices ----------
function socsOf(backend) { return (client.info && client.info.socs[backend]) || []; }
const hasSoc = (backend, model) => socsOf(backend).some((s) => s.model === model);

function fillBackends() {
  ui.backend.replaceChildren(...client.info.backends.map((b) => h('option', {value: b}, b.toUpperCase())));
}
function fillSocs(backend) {
  const groups = new Map();
  for (const s of socsOf(backend)) {
    const a = archOf(s, backend);
    if (!groups.has(a)) groups.set(a, []);
    groups.get(a).push(s);
  }
  const archs = [...groups.keys()].sort((x, y) => y - x);  // newest first
  ui.soc.replaceChildren(...archs.map((a) => h('optgroup', {label: archLabel(backend, a)},
    groups.get(a).map((s) => h('option', {value: s.model}, socLabel(s))))));
  ui.soc.dataset.backend = backend;
}

// The target: the user's choice (or the link's), else the graph's hints, else the default; never the first
// entry of a list by accident. Returns notes for the user when something asked for could not be used.
function applyTarget(hints = {}) {
  const c = state.choice;
  const notes = [];
  const backends = client.info.backends;
  // Neither the user, the link nor the graph's hints: the engine's default (QnnQuantizer's, HTP SM8750).
  const defaults = client.info.defaults || {};
  const backend = [c.backend, hints.backend, defaults.backend, backends[0]].find((b) => b && backends.includes(b));
  if (c.backend && c.backend !== backend) notes.push(`backend "${c.backend}" is not known; using ${backend.toUpperCase()}`);
  else if (hints.backend && !backends.includes(hints.backend)) notes.push(`the graph's backend hint "${hints.backend}" is not known; using ${backend.toUpperCase()}`);
  if (ui.backend.value !== backend || ui.soc.dataset.backend !== backend) { ui.backend.value = backend; fillSocs(backend); }
  const first = socsOf(backend)[0];
  const soc = [c.soc, hints.soc_model, defaults.soc].find((s) => s && hasSoc(backend, s)) || (first && first.model) || '';
  if (c.soc && c.soc !== soc) notes.push(`SoC "${c.soc}" is not known for ${backend.toUpperCase()}; using ${soc}`);
  else if (hints.soc_model && !hasSoc(backend, hints.soc_model)) notes.push(`the graph's SoC hint "${hints.soc_model}" is not known for ${backend.toUpperCase()}; using ${soc}`);
  else if (c.soc && state.userPicked && hints.soc_model && hints.soc_model !== soc) notes.push(`the graph's hints say ${hints.soc_model}; keeping your choice, ${soc}`);
  ui.soc.value = soc;
  ui.strict.checked = c.strict === undefined ? true : c.strict;
  // QNN SDK: the choice if the data knows it, else the newest (the engine's default, listed first).
  if (!ui.sdkField.hidden) {
    const known = [...ui.sdk.options].some((o) => o.value === c.sdk);
    if (c.sdk && !known) notes.push(`QNN SDK ${c.sdk} is not in the data; using ${ui.sdk.options[0].value}`);
    ui.sdk.value = known ? c.sdk : ui.sdk.options[0].value;
  }
  return notes;
}

// ---------- busy / error ----------
function showBusy(text, progress) {
  ui.busy.hidden = false;
  ui.busyText.textContent = text;
  if (progress === undefined) ui.busyProgress.removeAttribute('value');
  else { ui.busyProgress.max = 1; ui.busyProgress.value = progress; }
}
function hideBusy() { ui.busy.hidden = true; }

function showError(err, what) {
  hideBusy();
  setState('error');
  const parts = [h('strong', {}, what ? `Could not validate ${what}` : 'Error'), ': ', err.message || String(err)];
  const loc = [];
  if (err.line) loc.push(`line ${fmt(err.line)}, column ${fmt(err.column || 1)}`);
  if (err.pointer) loc.push(`at ${err.pointer}`);
  if (loc.length) parts.push(h('span', {class: 'where'}, ' — ', loc.join(' ')));
  if (err.code) parts.push(' ', h('code', {class: 'code'}, `(${err.code})`));
  if (err.code && !String(err.code).startsWith('ui.')) parts.push(h('p', {class: 'muted'}, `Fix the file and load it again; the page keeps your target (${ui.backend.value.toUpperCase()} ${ui.soc.value}, ${ui.strict.checked ? 'strict' : 'non-strict'}).`));
  ui.error.classList.remove('notice');
  ui.error.replaceChildren(...parts);
  ui.error.hidden = false;
}
function clearError() { ui.error.hidden = true; ui.error.classList.remove('notice'); ui.error.replaceChildren(); }
function notice(text) {
  ui.error.replaceChildren(h('span', {}, text));
  ui.error.hidden = false;
  ui.error.classList.add('notice');
}

// ---------- loading ----------
function showNotGraph(kind, name) {
  hideBusy();
  setState('not-graph');
  ui.results.hidden = true;
  ui.intro.hidden = true;
  ui.notGraph.hidden = false;
  ui.notGraph.dataset.kind = kind.kind;
  ui.notGraphTitle.replaceChildren(h('code', {}, name), ` is ${kind.what}, not a qnnv graph`);
  ui.notGraphWhy.textContent = kind.why;
}

async function loadSource(source, {fromHash = null} = {}) {
  clearError();
  state.source = source;
  state.overview = null;
  state.loaded = null;
  table.close(fromHash && fromHash.get('node') || '');
  state.graphCentre = '';
  state.matrixCache.clear();
  state.matrixSeq++;
  ui.results.hidden = true;
  ui.intro.hidden = true;
  ui.notGraph.hidden = true;
  setState('busy');
  showBusy(`Reading ${source.name}…`);
  try {
    if (source.head) {
      const kind = sniff(new Uint8Array(await source.head()), source.name);
      if (state.source !== source) return;
      if (kind) return showNotGraph(kind, source.name);
    }
    await client.ready;
    const res = await client.ensureGraph(source.token, source.read);
    if (state.source !== source) return;
    if (res) state.loaded = res;
    if (fromHash) state.choice = {...state.choice, ...Object.fromEntries(Object.entries(hashChoice(fromHash)).filter(([, v]) => v !== undefined))};
    const notes = applyTarget((res && res.hints) || {});
    await validate();
    if (notes.length && !ui.results.hidden) notice(notes.join('; ') + '.');
  } catch (e) {
    if (e.code === 'ui.cancelled') return;
    showError(e, source.name);
  }
}

function fileSource(file) {
  return {name: file.name || 'graph.json', token: ++tokenSeq, size: file.size,
    head: () => file.slice(0, 64).arrayBuffer(), read: () => file.arrayBuffer()};
}
function textSource(text, name) {
  return {name, token: ++tokenSeq, size: text.length, read: async () => text};
}
async function loadUrl(url, fromHash) {
  const abs = new URL(url, location.href);
  const name = decodeURIComponent(abs.pathname.split('/').pop() || abs.href);
  let bytes;
  try {
    const resp = await fetch(abs, {credentials: 'same-origin'});
    if (!resp.ok) throw new Error(`HTTP ${resp.status} ${resp.statusText}`);
    bytes = await resp.arrayBuffer();
  } catch (e) {
    ui.intro.hidden = state.overview !== null;
    return showError({message: `could not fetch ${abs.href}: ${e.message}. A graph on another site needs CORS, and this page's Content-Security-Policy (connect-src) must allow that site.`, code: 'ui.fetch'}, name);
  }
  const src = {name, token: ++tokenSeq, size: bytes.byteLength, url,
    head: async () => bytes.slice(0, 64), read: async () => bytes.slice(0)};
  return loadSource(src, {fromHash});
}

// ---------- validating ----------
function graphSizeText() {
  const l = state.loaded;
  return l && l.nodes ? ` (${fmt(l.nodes)} graph nodes, ${fmt(l.operators)} operator nodes)` : '';
}
async function validate() {
  if (!state.source) return;
  const seq = ++state.validateSeq;
  const source = state.source;
  const options = targetOptions();
  clearError();
  setState('busy');
  showBusy(`Validating ${source.name}${graphSizeText()} for ${options.soc}…`);
  try {
    const res = await client.ensureGraph(source.token, source.read);
    if (res) state.loaded = res;
    const overview = await client.request('validate', {options}, {onProgress: (m) => {
      if (seq !== state.validateSeq) return;
      if (m.stage === 'validating') showBusy(`Validating ${source.name}${graphSizeText()} for ${options.soc}…`);
      if (m.stage === 'indexing') showBusy('Preparing the results…');
    }});
    if (seq !== state.validateSeq || state.source !== source) return;
    await setOverview(overview, seq);
  } catch (e) {
    if (seq !== state.validateSeq) return;
    if (e.code === 'ui.cancelled') return;
    ui.results.hidden = true;
    showError(e, source.name);
  }
}

function cancel() {
  state.validateSeq++;
  state.matrixSeq++;
  client.cancel();
  hideBusy();
  setState('cancelled');
  notice('Validation cancelled. Change a setting or load a graph to run it again.');
  if (!state.overview) ui.intro.hidden = false;
}

// ---------- report ----------
function setOverview(o, seq) { return table.work(() => showOverview(o, seq)); }
async function showOverview(o, seq) {
  state.overview = o;
  table.open(o);
  const t = o.target || {};
  ui.graphName.replaceChildren(h('strong', {}, state.source.name), ` — ${(t.backend || '').toUpperCase()} ${t.soc_model || ''} (${t.arch || ''}), ${t.strict ? 'strict' : 'non-strict'}`);
  ui.verdict.replaceChildren(renderVerdict(o));
  ui.summary.replaceChildren(renderSummary(o, (st) => { table.setFilters({status: st}); }, {graphNodes: state.loaded && state.loaded.nodes ? state.loaded.nodes : undefined}));
  renderRules(o);
  // The node to show: the linked one, else the first failing (or not validated) node. rows is null when the
  // user changed a filter or the search meanwhile: that newer request draws the table.
  const wanted = table.selected;
  const rows = await table.fetchRows();
  if (seq !== state.validateSeq) return;
  const located = wanted ? await table.locate(wanted) : null;
  if (seq !== state.validateSeq) return;
  if (!located) table.selected = '';
  hideBusy();
  ui.results.hidden = false;
  ui.intro.hidden = true;
  ui.notGraph.hidden = true;
  if (located) await table.selectNode(wanted, {focus: false, scroll: true});
  else if (rows) await table.render(rows);
  if (seq !== state.validateSeq) return;
  const first = rows && (o.summary.failed || o.summary.not_validated) ? (rows.rows[0] || {}).node : '';
  state.graphCentre = table.selected || first || '';
  renderGraphView();
  writeHash();
  state.reports++;
  document.body.dataset.reports = String(state.reports);
  setState('done');
  renderFixPlan();
  maybeMatrix();
}

// Findings by rule: count of nodes, what the rule means, an example message and its fix; one click filters.
function renderRules(o) {
  ui.rulesSummary.hidden = !o.rules.length;
  ui.rulesList.replaceChildren(...o.rules.map((r) => {
    const info = RULES[r.rule];
    const status = r.statuses.fail ? 'fail' : r.statuses.not_validated ? 'not_validated' : 'pass';
    return h('li', {class: `rule-item st-${status}`, dataset: {rule: r.rule, nodes: String(r.nodes)}},
      h('div', {class: 'rule-head'},
        h('button', {type: 'button', class: 'rule-filter', title: `Show only the nodes with ${r.rule}`, onclick: () => table.setFilters({rule: r.rule})},
          h('span', {class: 'rule-count'}, fmt(r.nodes)), ` ${r.nodes === 1 ? 'node' : 'nodes'}`),
        ' ', ruleLink(r.rule, ruleHref), ' ',
        h('span', {class: `badge st-${status}`}, STATUS_LABEL[status])),
      info ? h('p', {class: 'rule-meaning'}, withCode(info.meaning)) : '',
      h('p', {class: 'rule-example'}, h('span', {class: 'muted'}, `e.g. ${r.example}: `), r.message),
      r.hint ? h('p', {class: 'hint'}, h('strong', {}, 'Fix: '), r.hint) : '');
  }));
}

// ---------- graph view ----------
function showInGraph(name) {
  state.graphCentre = name;
  if (state.graphTab === 'node') renderGraphView();
}
function setGraphTab(tab) {
  state.graphTab = tab;
  ui.tabNode.setAttribute('aria-selected', String(tab === 'node'));
  ui.tabModules.setAttribute('aria-selected', String(tab === 'modules'));
  ui.graphNodePanel.hidden = tab !== 'node';
  ui.graphModulesPanel.hidden = tab !== 'modules';
  renderGraphView();
}
// body[data-graph] is "drawing" until the last requested graph view is on screen.
let graphRequests = 0;
async function renderGraphView() {
  graphRequests++;
  document.body.dataset.graph = 'drawing';
  try { await drawGraphView(); } finally { if (--graphRequests === 0) document.body.dataset.graph = 'ready'; }
}
async function drawGraphView() {
  const o = state.overview;
  if (!o) return;
  const seq = ++state.graphSeq;
  const ops = state.loaded ? state.loaded.operators : 0;
  ui.graphView.hidden = !o.hasGraph;
  if (!o.hasGraph) return;
  const modulesOk = ops > 0 && ops <= MODULE_VIEW_MAX_OPERATORS;
  ui.tabModules.hidden = !modulesOk;
  if (!modulesOk && state.graphTab === 'modules') { setGraphTab('node'); return; }
  try {
    if (state.graphTab === 'modules') {
      const m = await client.request('modules');
      if (seq !== state.graphSeq) return;
      ui.graphModulesCaption.replaceChildren(m
        ? `${fmt(m.nodes.length)} module${m.nodes.length === 1 ? '' : 's'} (cut at depth ${m.depth}), ${fmt(m.operators)} operator nodes. ${m.moduleMeta ? '' : 'The graph has no meta.module: modules are inferred from parameter names. '}Click a module to see its first failing node.`
        : 'This graph has no modules to group by.');
      ui.graphModulesSvg.replaceChildren(m ? drawModules(m, {onModule: (g) => { setGraphTab('node'); table.selectNode(g.firstFail || g.first, {focus: false}); }}) : '');
      return;
    }
    const name = state.graphCentre;
    if (!name) {
      ui.graphNodeCaption.textContent = 'Every node passes. Expand a row of the table, or click a node name, to see the graph around it.';
      ui.graphNodeSvg.replaceChildren();
      return;
    }
    const nb = await client.request('neighbourhood', {name});
    if (seq !== state.graphSeq) return;
    if (!nb) { ui.graphNodeCaption.textContent = `${name} is not in the graph.`; ui.graphNodeSvg.replaceChildren(); return; }
    const centre = nb.nodes.find((n) => n.centre);
    ui.graphNodeCaption.replaceChildren(h('code', {}, name), ` (${STATUS_LABEL[centre.status] || 'not an operator'}${centre.module ? `, in ${centre.module}` : ''}): producers and consumers two hops out, the shared specs that give it its qparams, and derived-from sources. Click a node to move there.${nb.truncated ? ' (Cut at 40 nodes.)' : ''}`);
    ui.graphNodeSvg.replaceChildren(drawNeighbourhood(nb, {onNode: (n) => { showInGraph(n); table.selectNode(n, {focus: false, scroll: false, graph: false}); }}));
  } catch (e) {
    if (seq !== state.graphSeq || e.code === 'ui.cancelled') return;
    ui.graphNote.textContent = `The graph view failed: ${e.message}`;
  }
}

// ---------- how to fix (the engine's fix plan, when the module has one) ----------
// A change's summary with the rule ids it fixes linked where it names them (and listed after it where not).
function summaryWithRules(text, rules) {
  const named = rules.filter((r) => text.includes(r));
  const parts = named.length ? text.split(new RegExp(`(${named.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`)) : [text];
  const out = parts.map((x, i) => (i % 2 ? ruleLink(x, ruleHref) : x));
  const rest = rules.filter((r) => !named.includes(r));
  if (rest.length) out.push(' — fixes ', rest.map((r, k) => [k ? ', ' : '', ruleLink(r, ruleHref)]));
  return out;
}

async function renderFixPlan() {
  const o = state.overview;
  const available = client.info && client.info.features && client.info.features.fixPlan;
  ui.fixPlan.hidden = true;
  if (!available || !o || !o.summary.failed) return;
  const seq = state.validateSeq;
  try {
    const plan = await client.request('fixPlan', {options: targetOptions()});
    if (seq !== state.validateSeq || !plan) return;
    const changes = Array.isArray(plan.changes) ? plan.changes : [];
    const list = (x) => (Array.isArray(x) ? x : x ? [x] : []);
    const nodeButtons = (nodes) => [nodes.slice(0, 5).map((n, k) => [k ? ', ' : '', h('button', {type: 'button', class: 'link node-link', onclick: () => table.selectNode(n)}, n)]),
      nodes.length > 5 ? `, … (${fmt(nodes.length)} in all)` : ''];
    ui.fixBody.replaceChildren(
      h('p', {class: 'fix-count'}, `${fmt(plan.failing_before)} failing → ${fmt(plan.failing_after)} after ${changes.length === 1 ? 'this change' : `these ${fmt(changes.length)} changes`}`,
        plan.verified ? h('span', {class: 'badge st-pass'}, 'verified') : h('span', {class: 'badge st-not_validated'}, 'not verified')),
      h('ol', {class: 'fix-changes'}, changes.map((c) => h('li', {},
        summaryWithRules(c.summary || '', list(c.fixes)),
        list(c.nodes).length ? h('span', {class: 'muted'}, ` (${list(c.nodes).length === 1 ? 'node' : 'nodes'}: `, nodeButtons(list(c.nodes)), ')') : ''))),
      list(plan.unresolved).length ? h('p', {}, 'Still failing after these changes: ', nodeButtons(list(plan.unresolved))) : '',
      plan.snippet ? h('pre', {class: 'snippet'}, plan.snippet) : '',
      list(plan.notes).length ? h('ul', {class: 'muted fix-notes'}, list(plan.notes).map((n) => h('li', {}, n))) : '');
    ui.fixPlan.hidden = false;
  } catch {
    ui.fixPlan.hidden = true;
  }
}

// ---------- SoC matrix ----------
function matrixKey() { return `${state.source.token}|${ui.backend.value}|${ui.strict.checked}|${ui.sdk.value}`; }

function maybeMatrix() {
  const key = matrixKey();
  if (state.matrixCache.has(key)) return renderMatrix(state.matrixCache.get(key));
  const onePass = client.info.features && client.info.features.validateAllSocs;
  if ((state.source.size || 0) > AUTO_MATRIX_MAX_CHARS && !onePass) {
    ui.matrixBody.replaceChildren();
    ui.matrixNote.textContent = 'This graph is large; comparing every SoC validates it once per SoC.';
    ui.oldestText.replaceChildren('Not compared yet: this graph is large. ', h('button', {type: 'button', class: 'link', onclick: runMatrix}, 'Compare all SoCs'));
    ui.matrixRun.hidden = false;
    return;
  }
  runMatrix();
}

async function runMatrix() {
  const seq = ++state.matrixSeq;
  const key = matrixKey();
  const {backend, strict, qnnSdk} = targetOptions();
  ui.matrixRun.hidden = true;
  ui.matrixBody.replaceChildren();
  const progress = h('progress', {max: '1', class: 'matrix-progress'});
  const text = h('span', {}, `Comparing every ${backend.toUpperCase()} SoC…`);
  ui.oldestText.replaceChildren(text, ' ', progress);
  ui.matrixNote.textContent = `Validating against every ${backend.toUpperCase()} SoC…`;
  try {
    const res = await client.request('matrix', {backend, strict, qnnSdk}, {onProgress: (m) => {
      if (seq !== state.matrixSeq || m.stage !== 'matrix') return;
      text.textContent = `Comparing every ${backend.toUpperCase()} SoC… ${fmt(m.done + 1)}/${fmt(m.total)} (${m.soc})`;
      progress.value = m.done / m.total;
      ui.matrixNote.textContent = text.textContent;
    }});
    if (seq !== state.matrixSeq || res.aborted) return;
    state.matrixCache.set(key, {backend, rows: res.rows});
    ui.matrix.dataset.onePass = String(Boolean(res.onePass));
    if (key === matrixKey()) renderMatrix(state.matrixCache.get(key));
  } catch (e) {
    if (seq !== state.matrixSeq || e.code === 'ui.cancelled') return;
    ui.matrixNote.textContent = `The SoC comparison failed: ${e.message}`;
    ui.oldestText.textContent = `The SoC comparison failed: ${e.message}`;
  }
}

function chooseSoc(model) {
  ui.soc.value = model;
  state.choice = {...state.choice, backend: ui.backend.value, soc: model};
  state.userPicked = true;
  onTargetChange();
  ui.verdict.scrollIntoView({block: 'nearest'});
}

function renderMatrix({backend, rows}) {
  ui.matrixRun.hidden = true;
  const m = socMatrix({backend, rows, current: ui.soc.value, onChoose: chooseSoc});
  ui.oldestText.replaceChildren(...m.answer);
  ui.matrixNote.textContent = m.note;
  ui.matrixBody.replaceChildren(m.table);
}

// ---------- exports ----------
function baseName() {
  const n = (state.source && state.source.name || 'graph').replace(/\.json$/i, '').replace(/[^\w.-]+/g, '_');
  const t = state.overview.target || {};
  return `${n}.${t.backend}-${t.soc_model}`;
}
function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const a = h('a', {href: url, download: filename, class: 'visually-hidden'});
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
const EXPORTS = {json: ['qnnv.json', 'application/json'], csv: ['findings.csv', 'text/csv'], sarif: ['sarif', 'application/sarif+json'],
  junit: ['junit.xml', 'application/xml'], modelexplorer: ['modelexplorer.json', 'application/json']};
async function exportAs(kind) {
  if (!state.overview) return;
  try {
    const {text} = await client.request('export', {format: kind, name: state.source.name});
    download(text, `${baseName()}.${EXPORTS[kind][0]}`, EXPORTS[kind][1]);
  } catch (e) {
    showError(e, `the ${kind} export`);
  }
}

async function copyLink() {
  writeHash();
  try {
    await navigator.clipboard.writeText(ui.deepLink.value);
    ui.copyLink.textContent = 'Copied';
  } catch {
    ui.deepLink.select();
    ui.copyLink.textContent = document.execCommand('copy') ? 'Copied' : 'Select and copy';
  }
  setTimeout(() => { ui.copyLink.textContent = 'Copy link'; }, 2000);
}

// ---------- events ----------
function onTargetChange() {
  if (!state.source || ui.notGraph.hidden === false) return writeHash();
  validate();
}

function wire() {
  for (const pre of document.querySelectorAll('pre[data-snippet="exporter"]')) pre.textContent = EXPORTER_SNIPPET;
  ui.file.addEventListener('change', () => {
    const f = ui.file.files && ui.file.files[0];
    if (f) loadSource(fileSource(f));
    ui.file.value = '';
  });
  ui.example.addEventListener('change', () => {
    const file = ui.example.value;
    if (!file) return;
    ui.example.value = '';
    loadUrl(`examples/${file}`, null);
  });
  ui.pasteOpen.addEventListener('click', () => { ui.pasteDialog.showModal(); ui.pasteText.focus(); });
  ui.pasteDialog.addEventListener('close', () => {
    if (ui.pasteDialog.returnValue === 'ok' && ui.pasteText.value.trim()) loadSource(textSource(ui.pasteText.value, 'pasted graph'));
    ui.pasteDialog.returnValue = '';
  });
  document.addEventListener('paste', (e) => {
    const t = e.target;
    if (t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT')) return;
    const text = e.clipboardData && e.clipboardData.getData('text/plain');
    if (text && text.trim().startsWith('{')) { e.preventDefault(); loadSource(textSource(text, 'pasted graph')); }
  });
  // A choice made here is the user's: it survives new files, errors and graphs whose hints say otherwise.
  ui.backend.addEventListener('change', () => {
    state.choice = {...state.choice, backend: ui.backend.value};
    state.userPicked = true;
    fillSocs(ui.backend.value);
    applyTarget({});
    onTargetChange();
  });
  ui.soc.addEventListener('change', () => { state.choice = {...state.choice, backend: ui.backend.value, soc: ui.soc.value}; state.userPicked = true; onTargetChange(); });
  ui.strict.addEventListener('change', () => { state.choice = {...state.choice, strict: ui.strict.checked}; state.userPicked = true; onTargetChange(); });
  ui.sdk.addEventListener('change', () => { state.choice = {...state.choice, sdk: ui.sdk.value}; state.userPicked = true; onTargetChange(); });
  ui.cancel.addEventListener('click', cancel);
  ui.copyLink.addEventListener('click', copyLink);
  ui.matrixRun.addEventListener('click', runMatrix);
  ui.tabNode.addEventListener('click', () => setGraphTab('node'));
  ui.tabModules.addEventListener('click', () => setGraphTab('modules'));
  for (const b of document.querySelectorAll('[data-export]')) b.addEventListener('click', () => exportAs(b.dataset.export));

  // "/" jumps to the search box.
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    if (e.key === '/' && !(t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT') && !ui.results.hidden) {
      e.preventDefault();
      ui.search.focus();
    }
  });

  // Drag and drop anywhere on the page.
  let depth = 0;
  const hasFiles = (e) => e.dataTransfer && [...(e.dataTransfer.types || [])].some((t) => t === 'Files' || t === 'text/plain');
  window.addEventListener('dragenter', (e) => { if (!hasFiles(e)) return; e.preventDefault(); depth++; ui.overlay.hidden = false; });
  window.addEventListener('dragover', (e) => { if (!hasFiles(e)) return; e.preventDefault(); e.dataTransfer.dropEffect = 'copy'; });
  window.addEventListener('dragleave', () => { depth = Math.max(0, depth - 1); if (!depth) ui.overlay.hidden = true; });
  window.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    ui.overlay.hidden = true;
    const dt = e.dataTransfer;
    const f = dt && dt.files && dt.files[0];
    if (f) return loadSource(fileSource(f));
    const text = dt && dt.getData('text/plain');
    if (text && text.trim().startsWith('{')) loadSource(textSource(text, 'dropped text'));
  });

  window.addEventListener('hashchange', () => applyHash(readHash()));
}

// A hash typed or pasted by the user: load its url, or apply its target and node. The link's target
// counts as a choice.
function applyHash(p) {
  const url = p.get('url');
  const choice = hashChoice(p);
  for (const [k, v] of Object.entries(choice)) if (v !== undefined) state.choice[k] = v;
  if (url && (!state.source || state.source.url !== url)) return loadUrl(url, p);
  const before = `${ui.backend.value}|${ui.soc.value}|${ui.strict.checked}|${ui.sdk.value}`;
  const notes = applyTarget({});
  if (notes.length) notice(notes.join('; ') + '.');
  if (!state.source) return;
  const node = p.get('node');
  if (before !== `${ui.backend.value}|${ui.soc.value}|${ui.strict.checked}|${ui.sdk.value}`) { table.selected = node || ''; validate(); }
  else if (node && state.overview) table.selectNode(node);
}

async function main() {
  setState('starting');
  wire();
  ui.example.append(...EXAMPLES.map((e) => h('option', {value: e.file}, e.label)));
  try {
    await client.ready;
  } catch (e) {
    showError({message: `${e.message}`, code: e.code || 'ui.module'}, null);
    return;
  }
  ui.versions.textContent = `qnnv ${client.info.version} · constraint data ${client.info.dataVersion}`;
  fillBackends();
  // QNN SDK versions the data knows (a module without SDK data has none: no selector), newest first; the
  // newest is the engine's default.
  const sdks = [...client.info.qnnSdkVersions].reverse();
  ui.sdk.replaceChildren(...sdks.map((v, i) => h('option', {value: v}, i ? v : `${v} (newest)`)));
  ui.sdkField.hidden = sdks.length === 0;
  applyTarget({});
  const p = readHash();
  setState('idle');
  if (p.get('url')) loadUrl(p.get('url'), p);
  else applyHash(p);
  ui.deepLink.value = location.href;
}
main();
