// qnnv web — the page. Loads a graph (drop, file, paste, example, #url=), validates it in a worker
// (worker.js), renders the verdict, summary, a paged per-op table, the SoC matrix and the exports.
import {ValidatorClient} from './client.js';
import {h, renderVerdict, renderSummary, renderRow, tableHead, sortedIndices, socLabel, archOf, archLabel, toCsv, STATUS_LABEL} from './render.js';

export const EXAMPLES = [
  {file: 'tiny_decoder__16a4w_block.json', label: 'Tiny decoder, 16a4w block-wise'},
  {file: 'mobilenet_v2__8a8w.json', label: 'MobileNet v2, 8a8w'},
  {file: 'lpbq_on_sm8350.json', label: 'Failing: block-wise weights on SM8350'},
  {file: 'sigmoid_wrong_qparams.json', label: 'Failing: sigmoid with wrong fixed qparams'},
  {file: 'unmapped_op.json', label: 'Not validated: an op QNN has no mapping for'},
  {file: 'broken.json', label: 'Broken file (shows an input error)'},
];
const PAGE_SIZE = 100;
const AUTO_MATRIX_MAX_CHARS = 4 << 20;  // bigger graphs get a "Compare all SoCs" button instead

const $ = (id) => document.getElementById(id);
const ui = {
  file: $('file-input'), pasteOpen: $('paste-open'), example: $('example-select'),
  backend: $('backend-select'), soc: $('soc-select'), strict: $('strict-check'), sdk: $('sdk-select'),
  intro: $('intro'), error: $('error'), busy: $('busy'), busyText: $('busy-text'), busyProgress: $('busy-progress'), cancel: $('cancel-button'),
  results: $('results'), graphName: $('graph-name'), verdict: $('verdict'), summary: $('summary'),
  fStatus: $('filter-status'), fOp: $('filter-op'), fRule: $('filter-rule'), search: $('search'), clear: $('clear-filters'),
  tableStatus: $('table-status'), table: $('results-table'), prev: $('page-prev'), next: $('page-next'), pageInfo: $('page-info'),
  deepLink: $('deep-link'), copyLink: $('copy-link'),
  matrixNote: $('matrix-note'), matrixRun: $('matrix-run'), matrixBody: $('matrix-body'),
  versions: $('versions'), overlay: $('drop-overlay'), pasteDialog: $('paste-dialog'), pasteText: $('paste-text'),
};

const state = {
  source: null,        // {name, token, read(), url?, size}
  report: null,
  order: [], filtered: [], nodeIndex: new Map(), knownNodes: new Set(),
  page: 0, expanded: new Set(), selected: '',
  validateSeq: 0, matrixSeq: 0, matrixCache: new Map(), reports: 0,
};
let tokenSeq = 0;
const client = new ValidatorClient(new URL('./worker.js', import.meta.url));

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
  if (state.selected) p.set('node', state.selected);
  history.replaceState(null, '', '#' + p.toString());
  ui.deepLink.value = location.href;
}

// ---------- target choices ----------
function socsOf(backend) { return (client.info && client.info.socs[backend]) || []; }

function fillBackends() {
  ui.backend.replaceChildren(...client.info.backends.map((b) => h('option', {value: b}, b.toUpperCase())));
}
function fillSocs(backend, preferred) {
  const socs = socsOf(backend);
  const groups = new Map();
  for (const s of socs) {
    const a = archOf(s, backend);
    if (!groups.has(a)) groups.set(a, []);
    groups.get(a).push(s);
  }
  const archs = [...groups.keys()].sort((x, y) => y - x);  // newest first
  ui.soc.replaceChildren(...archs.map((a) => h('optgroup', {label: archLabel(backend, a)},
    groups.get(a).map((s) => h('option', {value: s.model}, socLabel(s))))));
  const want = preferred && socs.some((s) => s.model === preferred) ? preferred : null;
  if (want) ui.soc.value = want;
  return !preferred || want;
}
function applyTarget({backend, soc, strict, sdk}) {
  const notes = [];
  if (sdk && [...ui.sdk.options].some((o) => o.value === sdk)) ui.sdk.value = sdk;
  if (backend && client.info.backends.includes(backend)) ui.backend.value = backend;
  else if (backend) notes.push(`backend "${backend}" is not known; using ${ui.backend.value}`);
  if (!fillSocs(ui.backend.value, soc)) notes.push(`SoC "${soc}" is not known for ${ui.backend.value.toUpperCase()}; using ${ui.soc.value}`);
  if (strict !== undefined && strict !== null) ui.strict.checked = strict;
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
  if (err.line) loc.push(`line ${err.line}, column ${err.column || 1}`);
  if (err.pointer) loc.push(`at ${err.pointer}`);
  if (loc.length) parts.push(h('span', {class: 'where'}, ' — ', loc.join(' ')));
  if (err.code) parts.push(' ', h('code', {class: 'code'}, `(${err.code})`));
  if (err.code && !String(err.code).startsWith('ui.')) parts.push(h('p', {class: 'muted'}, 'Fix the file and load it again; the page keeps your target settings.'));
  ui.error.replaceChildren(...parts);
  ui.error.hidden = false;
}
function clearError() { ui.error.hidden = true; ui.error.replaceChildren(); }
function notice(text) {
  ui.error.replaceChildren(h('span', {}, text));
  ui.error.hidden = false;
  ui.error.classList.add('notice');
}

// ---------- loading ----------
async function loadSource(source, {fromHash = null} = {}) {
  clearError();
  ui.error.classList.remove('notice');
  state.source = source;
  state.report = null;
  state.selected = fromHash && fromHash.get('node') || '';
  state.expanded.clear();
  state.matrixCache.clear();
  ui.results.hidden = true;
  ui.intro.hidden = true;
  setState('busy');
  showBusy(`Reading ${source.name}…`);
  try {
    await client.ready;
    const res = await client.ensureGraph(source.token, source.read);
    if (state.source !== source) return;
    const hints = (res && res.hints) || {};
    state.hintNodes = res && res.nodes;
    const notes = applyTarget({
      backend: (fromHash && fromHash.get('backend')) || hints.backend,
      soc: (fromHash && fromHash.get('soc')) || hints.soc_model,
      strict: fromHash && fromHash.has('strict') ? fromHash.get('strict') !== '0' : undefined,
    });
    await validate();
    if (notes.length && !ui.results.hidden) notice(notes.join('; ') + '.');
  } catch (e) {
    if (e.code === 'ui.cancelled') return;
    showError(e, source.name);
  }
}

function fileSource(file) {
  return {name: file.name || 'graph.json', token: ++tokenSeq, size: file.size, read: () => file.arrayBuffer()};
}
function textSource(text, name) {
  return {name, token: ++tokenSeq, size: text.length, read: async () => text};
}
async function loadUrl(url, fromHash) {
  const abs = new URL(url, location.href);
  const name = decodeURIComponent(abs.pathname.split('/').pop() || abs.href);
  let text;
  try {
    const resp = await fetch(abs, {credentials: 'same-origin'});
    if (!resp.ok) throw new Error(`HTTP ${resp.status} ${resp.statusText}`);
    text = await resp.text();
  } catch (e) {
    ui.intro.hidden = state.report !== null;
    return showError({message: `could not fetch ${abs.href}: ${e.message}. A graph on another site needs CORS, and this page's Content-Security-Policy (connect-src) must allow that site.`, code: 'ui.fetch'}, name);
  }
  const src = textSource(text, name);
  src.url = url;
  return loadSource(src, {fromHash});
}

// ---------- validating ----------
async function validate() {
  if (!state.source) return;
  const seq = ++state.validateSeq;
  const source = state.source;
  const options = {backend: ui.backend.value, soc: ui.soc.value, strict: ui.strict.checked, qnnSdk: ui.sdk.value};
  clearError();
  setState('busy');
  showBusy(`Validating ${source.name} for ${options.soc}…`);
  try {
    await client.ensureGraph(source.token, source.read);
    const {report} = await client.request('validate', {options}, {onProgress: (m) => {
      if (seq !== state.validateSeq) return;
      if (m.stage === 'validating') showBusy(`Validating ${source.name}${state.hintNodes ? ` (${state.hintNodes.toLocaleString()} nodes)` : ''} for ${options.soc}…`);
      if (m.stage === 'rendering') showBusy('Rendering…');
    }});
    if (seq !== state.validateSeq || state.source !== source) return;
    hideBusy();
    setReport(report);
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
  if (!state.report) ui.intro.hidden = false;
}

// ---------- report ----------
function setReport(report) {
  state.report = report;
  const results = report.results || [];
  state.order = sortedIndices(results);
  state.nodeIndex = new Map(results.map((r, i) => [r.node, i]));
  state.knownNodes = new Set(state.nodeIndex.keys());
  state.expanded = new Set([...state.expanded].filter((i) => i < results.length));
  const targets = new Map(), rules = new Map();
  for (const r of results) {
    targets.set(r.target, (targets.get(r.target) || 0) + 1);
    for (const f of r.findings || []) rules.set(f.rule, (rules.get(f.rule) || 0) + 1);
  }
  fillFilter(ui.fOp, [...targets].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  fillFilter(ui.fRule, [...rules].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
  const t = report.target || {};
  ui.graphName.replaceChildren(h('strong', {}, state.source.name), ` — ${(t.backend || '').toUpperCase()} ${t.soc_model || ''} (${t.arch || ''}), ${t.strict ? 'strict' : 'non-strict'}`);
  ui.verdict.replaceChildren(renderVerdict(report));
  ui.summary.replaceChildren(renderSummary(report, (st) => { ui.fStatus.value = st; applyFilters(); }));
  ui.results.hidden = false;
  ui.intro.hidden = true;
  if (state.selected && state.nodeIndex.has(state.selected)) selectNode(state.selected, {focus: false});
  else { state.selected = ''; applyFilters({keepPage: true}); }
  writeHash();
  state.reports++;
  document.body.dataset.reports = String(state.reports);
  setState('done');
  maybeMatrix();
}

function fillFilter(select, entries) {
  const prev = select.value;
  select.replaceChildren(h('option', {value: ''}, 'all'), ...entries.map(([v, n]) => h('option', {value: v}, `${v} (${n})`)));
  if (entries.some(([v]) => v === prev)) select.value = prev;
}

function applyFilters({keepPage = false} = {}) {
  const results = state.report ? state.report.results : [];
  const st = ui.fStatus.value, op = ui.fOp.value, rule = ui.fRule.value, q = ui.search.value.trim().toLowerCase();
  state.filtered = state.order.filter((i) => {
    const r = results[i];
    if (st && r.status !== st) return false;
    if (op && r.target !== op) return false;
    if (rule && !(r.findings || []).some((f) => f.rule === rule)) return false;
    if (q && !String(r.node).toLowerCase().includes(q)) return false;
    return true;
  });
  const pages = Math.max(1, Math.ceil(state.filtered.length / PAGE_SIZE));
  if (!keepPage) state.page = 0;
  state.page = Math.min(state.page, pages - 1);
  renderTable();
}

function renderTable(focusIndex) {
  const results = state.report.results;
  const start = state.page * PAGE_SIZE;
  const slice = state.filtered.slice(start, start + PAGE_SIZE);
  const tbody = h('tbody', {});
  for (const i of slice) {
    tbody.append(...renderRow(results[i], i, {expanded: state.expanded.has(i), selected: results[i].node === state.selected,
      onToggle: toggle, onNode: (name) => selectNode(name, {focus: true}), knownNodes: state.knownNodes}));
  }
  const empty = slice.length ? null : h('tbody', {}, h('tr', {}, h('td', {colspan: '5', class: 'empty'}, 'No node matches these filters.')));
  ui.table.replaceChildren(h('caption', {class: 'visually-hidden'}, 'Per-op results, failures first'), tableHead(), empty || tbody);
  const pages = Math.max(1, Math.ceil(state.filtered.length / PAGE_SIZE));
  const total = results.length;
  ui.tableStatus.textContent = state.filtered.length === total ? `${total.toLocaleString()} nodes` : `${state.filtered.length.toLocaleString()} of ${total.toLocaleString()} nodes match`;
  ui.pageInfo.textContent = `Page ${state.page + 1} of ${pages}`;
  ui.prev.disabled = state.page === 0;
  ui.next.disabled = state.page >= pages - 1;
  if (focusIndex !== undefined) {
    const btn = ui.table.querySelector(`tr.row[data-index="${focusIndex}"] .disclose`);
    if (btn) btn.focus();
  }
}

function toggle(i) {
  const r = state.report.results[i];
  if (state.expanded.has(i)) {
    state.expanded.delete(i);
    if (state.selected === r.node) state.selected = '';
  } else {
    state.expanded.add(i);
    state.selected = r.node;
  }
  renderTable(i);
  writeHash();
}

// Show a node's row: clear filters that hide it, go to its page, expand it, focus it.
function selectNode(name, {focus = true} = {}) {
  const i = state.nodeIndex.get(name);
  if (i === undefined) return false;
  if (!state.filtered.includes(i) || !state.report) {
    ui.fStatus.value = ''; ui.fOp.value = ''; ui.fRule.value = ''; ui.search.value = '';
    applyFilters();
  }
  const pos = state.filtered.indexOf(i);
  state.page = Math.floor(pos / PAGE_SIZE);
  state.expanded.add(i);
  state.selected = name;
  renderTable(focus ? i : undefined);
  const row = ui.table.querySelector(`tr.row[data-index="${i}"]`);
  if (row) row.scrollIntoView({block: 'center'});
  writeHash();
  return true;
}

// ---------- SoC matrix ----------
function matrixKey() { return `${state.source.token}|${ui.backend.value}|${ui.strict.checked}`; }

function maybeMatrix() {
  const key = matrixKey();
  if (state.matrixCache.has(key)) return renderMatrix(state.matrixCache.get(key));
  if ((state.source.size || 0) > AUTO_MATRIX_MAX_CHARS) {
    ui.matrixBody.replaceChildren();
    ui.matrixNote.textContent = 'This graph is large; comparing every SoC validates it once per SoC.';
    ui.matrixRun.hidden = false;
    return;
  }
  runMatrix();
}

async function runMatrix() {
  const seq = ++state.matrixSeq;
  const key = matrixKey();
  const backend = ui.backend.value, strict = ui.strict.checked;
  ui.matrixRun.hidden = true;
  ui.matrixBody.replaceChildren();
  ui.matrixNote.textContent = `Validating against every ${backend.toUpperCase()} SoC…`;
  try {
    const res = await client.request('matrix', {backend, strict}, {onProgress: (m) => {
      if (seq === state.matrixSeq && m.stage === 'matrix') ui.matrixNote.textContent = `Validating against every ${backend.toUpperCase()} SoC… ${m.done + 1}/${m.total} (${m.soc})`;
    }});
    if (seq !== state.matrixSeq || res.aborted) return;
    state.matrixCache.set(key, {backend, rows: res.rows});
    if (key === matrixKey()) renderMatrix(state.matrixCache.get(key));
  } catch (e) {
    if (seq !== state.matrixSeq || e.code === 'ui.cancelled') return;
    ui.matrixNote.textContent = `The SoC comparison failed: ${e.message}`;
  }
}

let matrixOpenedOnce = false;
function renderMatrix({backend, rows}) {
  ui.matrixRun.hidden = true;
  // Many SoCs would push the table down: then the one-line answer stays visible and the table folds.
  if (!matrixOpenedOnce) { ui.matrixNote.closest('details').open = rows.length <= 10; matrixOpenedOnce = true; }
  const sorted = [...rows].sort((a, b) => archOf(a.soc, backend) - archOf(b.soc, backend) || a.soc.model.localeCompare(b.soc.model));
  const passing = sorted.filter((r) => !r.error && r.failed === 0);
  const oldest = passing[0];
  ui.matrixNote.replaceChildren(oldest
    ? h('span', {}, '— oldest SoC these annotations pass on: ', h('strong', {}, socLabel(oldest.soc)), `, ${archLabel(backend, archOf(oldest.soc, backend))}.`)
    : h('span', {}, `— no ${backend.toUpperCase()} SoC accepts every node of this graph.`));
  const current = ui.soc.value;
  ui.matrixBody.replaceChildren(h('div', {class: 'matrix-wrap'}, h('table', {class: 'matrix-table'},
    h('caption', {class: 'visually-hidden'}, 'Result per SoC, oldest first'),
    h('thead', {}, h('tr', {}, ['SoC', 'Arch', 'Verdict', 'Failed', 'Not validated', ''].map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, sorted.map((r) => {
      const verdict = r.error ? 'error' : r.failed === 0 ? 'pass' : 'fail';
      return h('tr', {class: `m-${verdict}${r.soc.model === current ? ' current' : ''}${r === oldest ? ' oldest' : ''}`, dataset: {soc: r.soc.model, verdict}},
        h('th', {scope: 'row'}, socLabel(r.soc)),
        h('td', {}, archLabel(backend, archOf(r.soc, backend))),
        h('td', {}, h('span', {class: `badge st-${verdict === 'pass' ? 'pass' : 'fail'}`}, r.error ? 'input error' : verdict === 'pass' ? (r.ok ? 'OK' : 'OK') : 'NOT OK')),
        h('td', {class: 'num'}, r.error ? '—' : String(r.failed)),
        h('td', {class: 'num'}, r.error ? '—' : String(r.not_validated)),
        h('td', {}, r.soc.model === current ? h('span', {class: 'muted'}, 'shown above')
          : h('button', {type: 'button', class: 'link', onclick: () => { ui.soc.value = r.soc.model; onTargetChange(); ui.verdict.scrollIntoView({block: 'nearest'}); }}, `Show ${r.soc.model}`)));
    })))));
}

// ---------- exports ----------
function baseName() {
  const n = (state.source && state.source.name || 'graph').replace(/\.json$/i, '').replace(/[^\w.-]+/g, '_');
  const t = state.report.target || {};
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
async function exportAs(kind) {
  if (!state.report) return;
  try {
    if (kind === 'json') return download(JSON.stringify(state.report, null, 2) + '\n', `${baseName()}.qnnv.json`, 'application/json');
    if (kind === 'csv') return download(toCsv(state.report), `${baseName()}.findings.csv`, 'text/csv');
    const {text} = await client.request('export', {format: kind, name: state.source.name});
    const ext = {sarif: ['sarif', 'application/sarif+json'], junit: ['junit.xml', 'application/xml'], modelexplorer: ['modelexplorer.json', 'application/json']}[kind];
    download(text, `${baseName()}.${ext[0]}`, ext[1]);
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
  if (!state.source) return writeHash();
  validate();
}

function wire() {
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
  ui.backend.addEventListener('change', () => { fillSocs(ui.backend.value, ui.soc.value); onTargetChange(); });
  ui.soc.addEventListener('change', onTargetChange);
  ui.strict.addEventListener('change', onTargetChange);
  ui.sdk.addEventListener('change', onTargetChange);
  ui.cancel.addEventListener('click', cancel);
  for (const el of [ui.fStatus, ui.fOp, ui.fRule]) el.addEventListener('change', () => applyFilters());
  ui.search.addEventListener('input', () => applyFilters());
  ui.clear.addEventListener('click', () => { ui.fStatus.value = ''; ui.fOp.value = ''; ui.fRule.value = ''; ui.search.value = ''; applyFilters(); });
  ui.prev.addEventListener('click', () => { state.page--; renderTable(); });
  ui.next.addEventListener('click', () => { state.page++; renderTable(); });
  ui.copyLink.addEventListener('click', copyLink);
  ui.matrixRun.addEventListener('click', runMatrix);
  for (const b of document.querySelectorAll('[data-export]')) b.addEventListener('click', () => exportAs(b.dataset.export));

  // Arrow keys move between rows; "/" jumps to the search box.
  ui.table.addEventListener('keydown', (e) => {
    if (!e.target.classList.contains('disclose')) return;
    const buttons = [...ui.table.querySelectorAll('.disclose')];
    const i = buttons.indexOf(e.target);
    const to = {ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1}[e.key];
    if (to === undefined || !buttons[to]) return;
    e.preventDefault();
    buttons[to].focus();
  });
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

// A hash typed or pasted by the user: load its url, or apply its target and node.
function applyHash(p) {
  const url = p.get('url');
  if (url && (!state.source || state.source.url !== url)) return loadUrl(url, p);
  if (!state.source) {
    applyTarget({backend: p.get('backend'), soc: p.get('soc'), strict: p.has('strict') ? p.get('strict') !== '0' : undefined, sdk: p.get('qnn_sdk')});
    return;
  }
  const before = `${ui.backend.value}|${ui.soc.value}|${ui.strict.checked}|${ui.sdk.value}`;
  applyTarget({backend: p.get('backend') || ui.backend.value, soc: p.get('soc') || ui.soc.value, strict: p.has('strict') ? p.get('strict') !== '0' : undefined, sdk: p.get('qnn_sdk')});
  const node = p.get('node');
  if (before !== `${ui.backend.value}|${ui.soc.value}|${ui.strict.checked}|${ui.sdk.value}`) { state.selected = node || ''; validate(); }
  else if (node && state.report) selectNode(node);
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
  // QNN SDK versions the data knows, newest first; the first (newest) is the core's default.
  ui.sdk.replaceChildren(...[...(client.info.qnnSdkVersions || [])].reverse().map((v, i) => h('option', {value: v}, i ? v : `${v} (newest)`)));
  applyTarget({});
  const p = readHash();
  setState('idle');
  if (p.get('url')) loadUrl(p.get('url'), p);
  else applyHash(p);
  ui.deepLink.value = location.href;
}
main();
