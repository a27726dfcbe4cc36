// qnnv web — DOM builders shared by the page (app.js) and the embeddable element (embed.js).
// Every string that comes from a graph or a report is inserted as a text node, never parsed as HTML.

export const STATUS_ORDER = ['fail', 'not_validated', 'pass', 'skipped'];
export const STATUS_LABEL = {fail: 'fail', not_validated: 'not validated', pass: 'pass', skipped: 'skipped'};
const SUMMARY_KEY = {fail: 'failed', not_validated: 'not_validated', pass: 'passed', skipped: 'skipped'};

// h('div', {class: 'x', onclick: fn, dataset: {a: 1}}, 'text', child, [more]) -> Element
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function socLabel(soc) {
  return soc.name ? `${soc.name} (${soc.model})` : soc.model;
}
export function archOf(soc, backend) {
  return backend === 'lpai' ? soc.lpai_version : soc.htp_arch;
}
export function archLabel(backend, arch) {
  return `${backend === 'lpai' ? 'LPAI' : 'HTP'} v${arch}`;
}

// Indices of results, failures first (fail, not validated, pass, skipped), graph order within a status.
export function sortedIndices(results) {
  const rank = (s) => { const i = STATUS_ORDER.indexOf(s); return i < 0 ? STATUS_ORDER.length : i; };
  const idx = results.map((_, i) => i);
  idx.sort((a, b) => rank(results[a].status) - rank(results[b].status) || a - b);
  return idx;
}

export function statusBadge(status) {
  return h('span', {class: `badge st-${String(status).replace(/[^a-z_]/g, '')}`}, STATUS_LABEL[status] || String(status));
}

// The verdict banner: OK / NOT OK, never a silent pass.
export function renderVerdict(report) {
  const s = report.summary || {};
  const t = report.target || {};
  const where = `${t.soc_model || '?'} (${(t.backend || '').toUpperCase()} ${t.arch || ''})`.replace(/ \)/, ')');
  let cls, head, text;
  if (!report.ok) {
    cls = 'bad'; head = 'NOT OK';
    text = `${s.failed} of ${s.checked} checked node${s.checked === 1 ? '' : 's'} ${s.failed === 1 ? 'fails' : 'fail'} on ${where}.`;
  } else if (s.failed > 0) {
    cls = 'warn'; head = 'OK (non-strict)';
    text = `${s.failed} node${s.failed === 1 ? '' : 's'} would fail in strict mode on ${where}.`;
  } else {
    cls = 'ok'; head = 'OK';
    text = `All ${s.checked} checked node${s.checked === 1 ? '' : 's'} are accepted on ${where}.`;
  }
  if (s.not_validated > 0) text += ` ${s.not_validated} annotated node${s.not_validated === 1 ? ' was' : 's were'} not validated (see below).`;
  return h('div', {class: `verdict ${cls}`, role: 'status', dataset: {verdict: cls}},
    h('strong', {class: 'verdict-head'}, head), ' ', h('span', {class: 'verdict-text'}, text));
}

// Counts per status; onStatus(status) makes each count a filter button.
export function renderSummary(report, onStatus) {
  const s = report.summary || {};
  const items = [['nodes', 'nodes', s.nodes], ['checked', 'checked', s.checked]];
  for (const st of STATUS_ORDER) items.push([st, STATUS_LABEL[st], s[SUMMARY_KEY[st]]]);
  return h('ul', {class: 'summary', 'aria-label': 'Summary'}, items.map(([key, label, n]) => {
    const body = [h('span', {class: 'count'}, String(n ?? 0)), h('span', {class: 'label'}, label)];
    const isStatus = STATUS_ORDER.includes(key);
    return h('li', {class: `sum-${key}`},
      onStatus && isStatus ? h('button', {type: 'button', class: `sum-btn st-${key}`, dataset: {status: key},
        title: `Show only ${label} nodes`, onclick: () => onStatus(key)}, body) : h('span', {class: 'sum-static'}, body));
  }));
}

function nodeLink(name, onNode, knownNodes) {
  if (!name) return '';
  if (onNode && (!knownNodes || knownNodes.has(name))) {
    return h('button', {type: 'button', class: 'link node-link', dataset: {node: name}, onclick: () => onNode(name)}, name);
  }
  return h('code', {}, name);
}

// The expanded part of a row: resolved ports, then each finding with expected vs actual, hint and source.
export function renderDetail(r, {onNode, knownNodes} = {}) {
  const parts = [];
  if (r.variant) parts.push(h('p', {class: 'variant'}, 'Matched variant: ', h('code', {}, r.variant)));
  if (r.ports && r.ports.length) {
    parts.push(h('table', {class: 'ports'},
      h('caption', {}, 'Ports as the validator resolved them'),
      h('thead', {}, h('tr', {}, ['Port', 'From node', 'Datatype', 'Encoding', 'Quantization spec', 'Shares spec with'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, r.ports.map((p) => h('tr', {},
        h('td', {}, h('code', {}, p.port || '')),
        h('td', {}, nodeLink(p.node, onNode, knownNodes)),
        h('td', {}, h('code', {}, p.dtype || '')),
        h('td', {}, h('code', {}, p.encoding || '')),
        h('td', {class: 'qspec'}, p.qspec || '—'),
        h('td', {}, p.shared_with ? nodeLink(p.shared_with, onNode, knownNodes) : '—'))))));
  }
  if (r.findings && r.findings.length) {
    parts.push(h('ul', {class: 'findings'}, r.findings.map((f) => h('li', {class: `finding sev-${String(f.severity).replace(/[^a-z]/g, '')}`},
      h('div', {class: 'finding-head'},
        h('span', {class: `sev sev-${String(f.severity).replace(/[^a-z]/g, '')}`}, f.severity || ''), ' ',
        h('code', {class: 'rule'}, f.rule || ''), f.port ? [' on ', h('code', {}, f.port)] : ''),
      h('p', {class: 'message'}, f.message || ''),
      (f.expected || f.actual) ? h('dl', {class: 'expected-actual'},
        h('dt', {}, 'expected'), h('dd', {}, h('code', {}, f.expected || '—')),
        h('dt', {}, 'actual'), h('dd', {}, h('code', {}, f.actual || '—'))) : '',
      f.hint ? h('p', {class: 'hint'}, h('strong', {}, 'Fix: '), f.hint) : '',
      f.related_node ? h('p', {class: 'related'}, 'Related node: ', nodeLink(f.related_node, onNode, knownNodes)) : '',
      f.source ? h('p', {class: 'source'}, 'Source: ', f.source, f.basis ? ` (${f.basis})` : '') : ''))));
  } else if (r.status === 'pass') {
    parts.push(h('p', {}, 'Every check holds.'));
  } else if (r.status === 'skipped') {
    parts.push(h('p', {}, 'This node carries no quantization annotation; nothing to check.'));
  }
  return h('div', {class: 'detail-body'}, parts);
}

export function findingsSummary(r) {
  const f = r.findings || [];
  if (!f.length) return '';
  return h('span', {class: 'fsum'}, h('code', {class: 'rule'}, f[0].rule || ''), ' ', f[0].message || '',
    f.length > 1 ? h('span', {class: 'more'}, ` (+${f.length - 1} more)`) : '');
}

// One table row (plus its detail row when expanded). `onToggle(index)` is called by the disclosure button.
export function renderRow(r, index, {expanded, onToggle, onNode, knownNodes, selected} = {}) {
  const detailId = `detail-${index}`;
  const row = h('tr', {class: `row st-${String(r.status).replace(/[^a-z_]/g, '')}${selected ? ' selected' : ''}`, dataset: {index: String(index), node: r.node, status: r.status}},
    h('th', {scope: 'row', class: 'c-node'},
      h('button', {type: 'button', class: 'disclose', 'aria-expanded': expanded ? 'true' : 'false', 'aria-controls': expanded ? detailId : null,
        onclick: () => onToggle && onToggle(index)}, h('span', {class: 'chev', 'aria-hidden': 'true'}, expanded ? '▾' : '▸'), ' ', h('span', {class: 'node-name'}, r.node))),
    h('td', {class: 'c-target'}, h('code', {}, r.target || '')),
    h('td', {class: 'c-qnn'}, r.qnn_op ? h('code', {}, r.qnn_op) : h('span', {class: 'muted'}, 'none')),
    h('td', {class: 'c-status'}, statusBadge(r.status)),
    h('td', {class: 'c-findings'}, findingsSummary(r)));
  if (!expanded) return [row];
  return [row, h('tr', {class: 'detail', id: detailId}, h('td', {colspan: '5'}, renderDetail(r, {onNode, knownNodes})))];
}

export function tableHead() {
  return h('thead', {}, h('tr', {}, ['Node', 'Target', 'QNN op', 'Status', 'Findings'].map((c) => h('th', {scope: 'col'}, c))));
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
