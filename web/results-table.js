// The page's per-op table. The report stays in the worker (worker.js): the table asks it for one page of
// rows at a time, filtered by status, op, rule and a search, and for the full result of a row the user
// expands. The table owns its paging, its filters, the expanded rows and the selected node; the page tells
// it when a report arrives or goes (open, close), and hears from it through three callbacks: a node to show
// in the graph view, the selection changed (for the link), an error to show.
import {h, fmt, renderRow, tableHead} from './render.js';

export const PAGE_SIZE = 100;  // rows a page of the table holds (tests/browser/large.test.mjs reads it)

// A page of rows is drawn a slice per frame: style, layout and paint of the whole page of rows (about 1,500
// elements) in one frame took the main thread 30-60 ms of CPU on a loaded 2-core machine, over the page's
// 50 ms budget; a slice is a fraction of that.
const ROWS_PER_FRAME = 20;

const nextFrame = () => new Promise((resolve) => {
  // a hidden page gets no frames: its rows go in at once
  if (document.hidden) resolve(); else requestAnimationFrame(() => resolve());
});

export class ResultsTable {
  // ui: the elements (fStatus, fOp, fRule, search, clear, tableStatus, table, prev, next, pageInfo);
  // client: the worker's ValidatorClient; ruleHref(rule): the link to a rule's explanation, or null;
  // showInGraph(name, {scroll}): centre the graph view on a node; selectionChanged(); showError(e, what).
  constructor({ui, client, ruleHref, showInGraph, selectionChanged, showError}) {
    Object.assign(this, {ui, client, ruleHref, showInGraph, selectionChanged, showError});
    this.showing = false;     // a report is shown (between open and close)
    this.selected = '';       // the node whose row is selected ('' = none)
    this.page = 0;
    this.rows = null;         // the worker's answer for the page shown: {rows, page, pages, matches, total}
    this.expanded = new Set();  // rows (by index) shown with their full result
    this.details = new Map();   // index -> the full result of an expanded row
    this.rowsSeq = 0;
    this.requests = 0;        // table requests under way (body[data-table])
    this.draw = 0;            // the table drawing now; an older one stops
    // The table's height as last laid out, from a ResizeObserver: reading offsetHeight here would force a
    // layout of whatever changed before (the whole results section, when they have just been shown).
    this.height = 0;
    new ResizeObserver((entries) => { for (const e of entries) this.height = e.borderBoxSize[0].blockSize; }).observe(ui.table.parentElement);
    this.wire();
  }

  // A new graph: nothing shown, nothing expanded; `selected` is the node a link names ('' = none).
  close(selected = '') {
    this.showing = false;
    this.selected = selected;
    this.expanded.clear();
    this.details.clear();
  }
  // A new report: the filters offer its ops and rules.
  open(report) {
    this.showing = true;
    this.details.clear();
    fillFilter(this.ui.fOp, report.ops);
    fillFilter(this.ui.fRule, report.rules.map((r) => [r.rule, r.nodes]));
  }

  filterValues() {
    const {fStatus, fOp, fRule, search} = this.ui;
    return {status: fStatus.value, op: fOp.value, rule: fRule.value, q: search.value.trim()};
  }
  // The filter inputs show these values (absent ones: cleared); nothing is fetched.
  writeFilters({status = '', op = '', rule = '', q = ''} = {}) {
    const {ui} = this;
    ui.fStatus.value = status; ui.fOp.value = op; ui.fRule.value = rule; ui.search.value = q;
  }
  setFilters(values) {
    this.writeFilters(values);
    this.page = 0;
    return this.refresh();
  }
  // Where a node's row is under the current filters: {index, page} (page -1: filtered out), or null when
  // the node has no row (not an operator, or not in the graph).
  locate(name) {
    return this.client.request('locate', {name, filter: this.filterValues(), pageSize: PAGE_SIZE});
  }
  async fetchRows() {
    const seq = ++this.rowsSeq;
    const res = await this.client.request('rows', {filter: this.filterValues(), page: this.page, pageSize: PAGE_SIZE});
    if (seq !== this.rowsSeq) return null;
    this.page = res.page;
    this.rows = res;
    return res;
  }
  // body[data-table] is "loading" from the moment a table request starts until the last one is drawn
  // (tests and tools wait on it; the rows come from the worker asynchronously).
  async work(fn) {
    this.requests++;
    document.body.dataset.table = 'loading';
    try { return await fn(); } finally { if (--this.requests === 0) document.body.dataset.table = 'ready'; }
  }
  refresh(focusIndex) {
    if (!this.showing) return;
    return this.work(async () => {
      try {
        const rows = await this.fetchRows();
        if (rows) { await this.loadDetails(rows); await this.render(rows, focusIndex); }
      } catch (e) {
        if (e.code !== 'ui.cancelled') this.showError(e, 'the table');
      }
    });
  }
  // The full results of the expanded rows on this page.
  async loadDetails(rows) {
    const need = rows.rows.filter((r) => this.expanded.has(r.index) && !this.details.has(r.index));
    await Promise.all(need.map(async (r) => {
      const d = await this.client.request('node', {name: r.node});
      if (d) this.details.set(r.index, d.result);
    }));
  }

  // A row of the table and, when it is expanded, its detail row.
  rowsOf(r) {
    return renderRow(r, r.index, {expanded: this.expanded.has(r.index), selected: r.node === this.selected, ruleHref: this.ruleHref,
      detail: this.expanded.has(r.index) ? (this.details.get(r.index) || null) : undefined,
      onToggle: (i) => this.toggle(i), onNode: (name) => this.selectNode(name, {focus: true})});
  }
  // Draws a page of rows, a slice per frame. Resolves when the last slice is in (body[data-table] stays
  // "loading" until then, since every caller runs in work()); a newer table stops an older one's slices.
  async render(res = this.rows, focusIndex) {
    if (!res) return;
    const {ui} = this;
    const draw = ++this.draw;
    const wrap = ui.table.parentElement;
    // The table keeps its height while the slices come in, so that the page under the reader does not move.
    const sliced = res.rows.length > ROWS_PER_FRAME;
    if (sliced) wrap.style.minHeight = `${this.height}px`;
    const tbody = h('tbody', {});
    const empty = res.rows.length ? null : h('tbody', {}, h('tr', {}, h('td', {colspan: '5', class: 'empty'}, 'No node matches these filters.')));
    tbody.append(...res.rows.slice(0, ROWS_PER_FRAME).flatMap((r) => this.rowsOf(r)));
    ui.table.replaceChildren(h('caption', {class: 'visually-hidden'}, 'Per-op results, failures first'), tableHead(), empty || tbody);
    ui.tableStatus.textContent = res.matches === res.total ? `${fmt(res.total)} operator nodes, failures first`
      : `${fmt(res.matches)} of ${fmt(res.total)} operator nodes match`;
    ui.pageInfo.textContent = `Page ${fmt(res.page + 1)} of ${fmt(res.pages)}`;
    ui.prev.disabled = res.page === 0;
    ui.next.disabled = res.page >= res.pages - 1;
    for (let i = ROWS_PER_FRAME; i < res.rows.length; i += ROWS_PER_FRAME) {
      await nextFrame();
      if (draw !== this.draw) return;
      tbody.append(...res.rows.slice(i, i + ROWS_PER_FRAME).flatMap((r) => this.rowsOf(r)));
    }
    // What the caller does next (the graph view, the SoC comparison) goes in a task of its own, not in the
    // frame that draws the last slice.
    if (sliced) {
      wrap.style.minHeight = '';
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (draw !== this.draw) return;
    }
    if (focusIndex !== undefined) {
      const btn = ui.table.querySelector(`tr.row[data-index="${focusIndex}"] .disclose`);
      if (btn) btn.focus();
    }
  }

  toggle(i) { return this.work(() => this.toggleRow(i)); }
  async toggleRow(i) {
    const r = this.rows.rows.find((x) => x.index === i);
    if (this.expanded.has(i)) {
      this.expanded.delete(i);
      if (r && this.selected === r.node) this.selected = '';
    } else {
      this.expanded.add(i);
      if (r) { this.selected = r.node; this.showInGraph(r.node, {scroll: false}); }
    }
    await this.loadDetails(this.rows);
    await this.redrawRow(i);
    this.selectionChanged();
  }
  // Only the toggled row changes (and the selection's mark): the rest of the page of rows stays as it is.
  redrawRow(i) {
    const {table} = this.ui;
    const r = this.rows.rows.find((x) => x.index === i);
    const old = table.querySelector(`tr.row[data-index="${i}"]`);
    if (!r || !old) return this.render(this.rows, i);
    const detail = old.nextElementSibling && old.nextElementSibling.classList.contains('detail') ? old.nextElementSibling : null;
    const fresh = this.rowsOf(r);
    old.replaceWith(...fresh);
    if (detail) detail.remove();
    for (const tr of table.querySelectorAll('tr.row.selected')) if (tr.dataset.node !== this.selected) tr.classList.remove('selected');
    fresh[0].querySelector('.disclose').focus();
  }

  // Shows a node's row: clears filters that hide it, goes to its page, expands it, and (with `graph`)
  // centres the graph on it. False when the node has no row (the graph view still shows it).
  selectNode(name, opts) { return this.work(() => this.selectNodeNow(name, opts)); }
  async selectNodeNow(name, {focus = true, scroll = true, graph = true} = {}) {
    if (!this.showing) return false;
    const {ui} = this;
    let at = await this.locate(name);
    if (!at) {
      // not an operator node (an input, a weight): it has no row, but the graph can show it
      if (graph) this.showInGraph(name, {scroll: true});
      return false;
    }
    if (at.page < 0) {
      this.writeFilters({});
      at = await this.locate(name);
    }
    this.page = at.page;
    this.expanded.add(at.index);
    this.selected = name;
    const rows = await this.fetchRows();
    if (!rows) return false;
    await this.loadDetails(rows);
    await this.render(rows, focus ? at.index : undefined);
    if (scroll) {
      const row = ui.table.querySelector(`tr.row[data-index="${at.index}"]`);
      if (row) row.scrollIntoView({block: 'center'});
    }
    if (graph) this.showInGraph(name, {scroll: false});
    this.selectionChanged();
    return true;
  }

  wire() {
    const {ui} = this;
    for (const el of [ui.fStatus, ui.fOp, ui.fRule]) el.addEventListener('change', () => { this.page = 0; this.refresh(); });
    ui.search.addEventListener('input', () => { this.page = 0; this.refresh(); });
    ui.clear.addEventListener('click', () => this.setFilters({}));
    ui.prev.addEventListener('click', () => { this.page--; this.refresh(); });
    ui.next.addEventListener('click', () => { this.page++; this.refresh(); });
    // Arrow keys move between rows.
    ui.table.addEventListener('keydown', (e) => {
      if (!e.target.classList.contains('disclose')) return;
      const buttons = [...ui.table.querySelectorAll('.disclose')];
      const i = buttons.indexOf(e.target);
      const to = {ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: buttons.length - 1}[e.key];
      if (to === undefined || !buttons[to]) return;
      e.preventDefault();
      buttons[to].focus();
    });
  }
}

function fillFilter(select, entries) {
  const prev = select.value;
  select.replaceChildren(h('option', {value: ''}, 'all'), ...entries.map(([v, n]) => h('option', {value: v}, `${v} (${fmt(n)})`)));
  select.value = entries.some(([v]) => v === prev) ? prev : '';
}
