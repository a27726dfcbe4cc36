// qnnv web — embed a validation report in any page (documentation sites).
//
//   <script type="module" src="https://docs.example.org/qnnv/embed.js"></script>
//   <qnnv-report src="graph.json" backend="htp" soc="SM8650" strict></qnnv-report>
//
// or, without the element:  import {renderReport} from '.../embed.js';
//                           await renderReport(document.querySelector('#here'), 'graph.json', {soc: 'SM8650'});
//
// The module (wasm/qnnv.mjs, the .mjs files it imports, wasm/dist/) is loaded from next to this file unless
// `wasm-url` / options.moduleUrl says otherwise. Validation runs on the page's thread (doc graphs are small; the full
// page, index.html, uses a worker). Everything from the graph is rendered as text. Theme with CSS custom
// properties on the element: --qnnv-bg, --qnnv-fg, --qnnv-accent, --qnnv-pass, --qnnv-fail, --qnnv-font ...
// Events: `validated` (detail: the report) and `qnnv-error` (detail: {code, message, line, column, pointer}).
import {h, fmt, renderVerdict, renderSummary, renderRow, tableHead, sortedIndices, STATUS_LABEL} from './render.js';

const HERE = import.meta.url;
const validators = new Map();  // module URL -> Promise<validator>

function getValidator(moduleUrl, wasmUrl) {
  const key = `${moduleUrl}|${wasmUrl || ''}`;
  if (!validators.has(key)) {
    validators.set(key, import(moduleUrl).then((m) => m.createValidator(wasmUrl ? {wasmUrl} : {})));
  }
  return validators.get(key);
}

const PAGE = 15;

// Render the report for `graphOrUrl` (a URL string relative to the page, a graph object or its JSON
// text) into `element` (in its shadow root, created when missing). Returns the report; throws on errors
// after showing them.
export async function renderReport(element, graphOrUrl, options = {}) {
  const root = element.shadowRoot || element.attachShadow({mode: 'open'});
  const sheet = h('link', {rel: 'stylesheet', href: new URL('./embed.css', HERE).href});
  const box = h('div', {class: 'qnnv', part: 'container'}, h('p', {class: 'muted'}, 'Validating…'));
  root.replaceChildren(sheet, box);
  try {
    let graph = graphOrUrl;
    let name = 'graph';
    if (typeof graphOrUrl === 'string' && !graphOrUrl.trim().startsWith('{')) {
      const url = new URL(graphOrUrl, document.baseURI);
      name = decodeURIComponent(url.pathname.split('/').pop() || url.href);
      const resp = await fetch(url);
      if (!resp.ok) throw {code: 'ui.fetch', message: `could not fetch ${url.href}: HTTP ${resp.status}`};
      graph = await resp.text();
    }
    const moduleUrl = options.moduleUrl ? new URL(options.moduleUrl, document.baseURI).href : new URL('./wasm/qnnv.mjs', HERE).href;
    const v = await getValidator(moduleUrl, options.wasmUrl);
    const report = v.validate(graph, {backend: options.backend || undefined, soc: options.soc || undefined, strict: options.strict});
    box.replaceChildren(...view(report, name));
    element.dispatchEvent(new CustomEvent('validated', {detail: report}));
    return report;
  } catch (e) {
    const err = {code: e.code || 'ui.error', message: e.message || String(e), line: e.line || 0, column: e.column || 0, pointer: e.pointer || ''};
    const where = [err.line ? `line ${err.line}, column ${err.column || 1}` : '', err.pointer ? `at ${err.pointer}` : ''].filter(Boolean).join(' ');
    box.replaceChildren(h('div', {class: 'error', role: 'alert'}, h('strong', {}, 'qnnv: '), err.message, where ? ` — ${where}` : '', ' ', h('code', {}, `(${err.code})`)));
    element.dispatchEvent(new CustomEvent('qnnv-error', {detail: err}));
    throw e;
  }
}

// Verdict, summary (its status counts filter the table), table with expandable rows, "show more".
function view(report, name) {
  const results = report.results || [];
  const order = sortedIndices(results);
  const known = new Set(results.map((r) => r.node));
  const byName = new Map(results.map((r, i) => [r.node, i]));
  const expanded = new Set();
  let status = '';
  let limit = PAGE;
  const table = h('table', {class: 'results-table'});
  const filterNote = h('p', {class: 'table-status'});
  const more = h('button', {type: 'button', class: 'more-btn', onclick: () => { limit += PAGE; draw(); }}, 'Show more');
  const t = report.target || {};

  function draw(focusIndex) {
    const rows = status ? order.filter((i) => results[i].status === status) : order;
    const tbody = h('tbody', {});
    for (const i of rows.slice(0, limit)) {
      tbody.append(...renderRow(results[i], i, {expanded: expanded.has(i), knownNodes: known,
        onToggle: (j) => { expanded.has(j) ? expanded.delete(j) : expanded.add(j); draw(j); },
        onNode: (n) => { const j = byName.get(n); status = ''; const pos = order.indexOf(j); if (pos >= limit) limit = pos + 1; expanded.add(j); draw(j); }}));
    }
    table.replaceChildren(tableHead(), tbody);
    filterNote.replaceChildren(status ? `Showing ${STATUS_LABEL[status]} nodes (${fmt(rows.length)}). ` : `${fmt(rows.length)} operator nodes, failures first. `,
      status ? h('button', {type: 'button', class: 'link', onclick: () => { status = ''; draw(); }}, 'Show all') : '');
    more.hidden = rows.length <= limit;
    if (focusIndex !== undefined) {
      const b = table.querySelector(`tr.row[data-index="${focusIndex}"] .disclose`);
      if (b) { b.focus(); b.scrollIntoView({block: 'nearest'}); }
    }
  }
  draw();
  return [
    h('p', {class: 'caption'}, h('strong', {}, name), ` — ${(t.backend || '').toUpperCase()} ${t.soc_model || ''} (${t.arch || ''}), ${t.strict ? 'strict' : 'non-strict'} · qnnv ${report.tool ? report.tool.version : ''}`),
    renderVerdict(report),
    renderSummary(report, (st) => { status = st; limit = PAGE; draw(); }),
    filterNote,
    h('div', {class: 'table-wrap'}, table),
    more,
  ];
}

export class QnnvReportElement extends HTMLElement {
  static get observedAttributes() { return ['src', 'backend', 'soc', 'strict', 'wasm-url', 'module-url']; }
  #graph = null;
  #queued = false;
  /** A graph object or JSON text, instead of `src`. */
  set graph(g) { this.#graph = g; this.#schedule(); }
  get graph() { return this.#graph; }
  connectedCallback() { this.#schedule(); }
  attributeChangedCallback() { if (this.isConnected) this.#schedule(); }
  #schedule() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      const src = this.#graph ?? this.getAttribute('src');
      if (!src) return;
      const strictAttr = this.getAttribute('strict');
      const strict = strictAttr === null ? undefined : !['false', '0', 'no'].includes(strictAttr.toLowerCase());
      renderReport(this, src, {backend: this.getAttribute('backend') || undefined, soc: this.getAttribute('soc') || undefined, strict,
        wasmUrl: this.getAttribute('wasm-url') || undefined, moduleUrl: this.getAttribute('module-url') || undefined}).catch(() => {});
    });
  }
}
if (!customElements.get('qnnv-report')) customElements.define('qnnv-report', QnnvReportElement);
