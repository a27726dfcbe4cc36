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

// The one number format of the page: 1,234,567 whatever the reader's locale (counts sit next to each other).
// One formatter for all: toLocaleString('en-US') builds a new one per call, and a large graph's page formats a
// few hundred numbers (47 ms of the main thread's CPU at load in a profile).
const NUMBER = new Intl.NumberFormat('en-US');
export function fmt(n) {
  return typeof n === 'number' && Number.isFinite(n) ? NUMBER.format(n) : String(n ?? 0);
}
const plural = (n, one, many) => `${fmt(n)} ${n === 1 ? one : many}`;

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

// The verdict banner: OK / NOT OK, never a silent pass. A non-strict run with failures is not OK either: its
// findings are warnings (exit status 0), but QNN would still reject those nodes.
export function renderVerdict(report) {
  const s = report.summary || {};
  const t = report.target || {};
  const where = `${t.soc_model || '?'} (${(t.backend || '').toUpperCase()} ${t.arch || ''})`.replace(/ \)/, ')');
  let cls, head, text;
  if (!report.ok) {
    cls = 'bad'; head = 'NOT OK';
    text = `${fmt(s.failed)} of ${plural(s.checked, 'checked operator node', 'checked operator nodes')} ${s.failed === 1 ? 'fails' : 'fail'} on ${where}.`;
  } else if (s.failed > 0) {
    cls = 'warn'; head = 'FAILS (non-strict)';
    text = `${plural(s.failed, 'operator node fails', 'operator nodes fail')} on ${where}; in non-strict mode the findings are warnings, but QNN would reject ${s.failed === 1 ? 'it' : 'them'}.`;
  } else {
    cls = 'ok'; head = 'OK';
    text = `All ${plural(s.checked, 'checked operator node is', 'checked operator nodes are')} accepted on ${where}.`;
  }
  if (s.not_validated > 0) text += ` ${plural(s.not_validated, 'annotated node was', 'annotated nodes were')} not validated (see below).`;
  return h('div', {class: `verdict ${cls}`, role: 'status', dataset: {verdict: cls}},
    h('strong', {class: 'verdict-head'}, head), ' ', h('span', {class: 'verdict-text'}, text));
}

// Counts per status; onStatus(status) makes each count a filter button. `graphNodes` (all nodes of the graph,
// placeholders and weights included) is shown when known, so that "operator nodes" reads as a part of it.
export function renderSummary(report, onStatus, {graphNodes} = {}) {
  const s = report.summary || {};
  const items = [];
  if (typeof graphNodes === 'number') items.push(['graph', 'graph nodes', graphNodes, 'every node of the graph: inputs, weights, operators, output']);
  items.push(['nodes', 'operator nodes', s.nodes, 'call_function nodes: the ones that get a result'],
    ['checked', 'checked', s.checked, 'operator nodes with a quantization annotation']);
  for (const st of STATUS_ORDER) items.push([st, STATUS_LABEL[st], s[SUMMARY_KEY[st]], `operator nodes that are ${STATUS_LABEL[st]}`]);
  return h('ul', {class: 'summary', 'aria-label': 'Summary'}, items.map(([key, label, n, title]) => {
    const body = [h('span', {class: 'count'}, fmt(n ?? 0)), h('span', {class: 'label'}, label)];
    const isStatus = STATUS_ORDER.includes(key);
    return h('li', {class: `sum-${key}`},
      onStatus && isStatus ? h('button', {type: 'button', class: `sum-btn st-${key}`, dataset: {status: key},
        title: `Show only ${label} nodes`, onclick: () => onStatus(key)}, body) : h('span', {class: 'sum-static', title}, body));
  }));
}

// Text with `code` spans (the rule reference's one-line meanings) as text and <code> nodes.
export function withCode(text) {
  return String(text || '').split(/(`[^`]*`)/).map((p, i) => (i % 2 ? h('code', {}, p.slice(1, -1)) : p));
}

// A rule id as a link to its explanation (rules.html#id) when `ruleHref` is given, else as code.
export function ruleLink(rule, ruleHref) {
  const href = ruleHref && ruleHref(rule);
  if (!href) return h('code', {class: 'rule'}, rule || '');
  return h('a', {class: 'rule rule-link', href, target: '_blank', rel: 'noopener', dataset: {rule},
    title: `What ${rule} means and how to fix it`}, h('code', {}, rule || ''));
}
// The public address of a source text: "owner/repo@commit path" -> the file (or folder) at that commit,
// "owner/repo PR #N" -> the pull request, "owner/repo#N" -> the issue; '' when it names none.
export const SOURCE_PATTERN = /([\w.-]+\/[\w.-]+)@([0-9a-f]{7,40}) ([\w./-]+)|([\w.-]+\/[\w.-]+) PR #(\d+)|([\w.-]+\/[\w.-]+)#(\d+)/g;
function urlOfMatch(m) {
  if (m[1]) return `https://github.com/${m[1]}/${/\.\w+$/.test(m[3]) ? 'blob' : 'tree'}/${m[2]}/${m[3]}`;
  return m[4] ? `https://github.com/${m[4]}/pull/${m[5]}` : `https://github.com/${m[6]}/issues/${m[7]}`;
}
export function sourceUrl(text) {
  const m = new RegExp(SOURCE_PATTERN.source).exec(String(text || ''));
  return m && m.index === 0 ? urlOfMatch(m) : '';
}
// A finding's source text with every repository file, pull request or issue it names linked.
export function linkSource(text) {
  const s = String(text || '');
  const re = new RegExp(SOURCE_PATTERN.source, 'g');
  const out = [];
  let last = 0, m;
  while ((m = re.exec(s))) {
    if (m.index > last) out.push(s.slice(last, m.index));
    out.push(h('a', {href: urlOfMatch(m), target: '_blank', rel: 'noopener noreferrer', class: 'source-link'}, m[0]));
    last = re.lastIndex;
  }
  if (last < s.length) out.push(s.slice(last));
  return out;
}

function nodeLink(name, onNode, knownNodes) {
  if (!name) return '';
  if (onNode && (!knownNodes || knownNodes.has(name))) {
    return h('button', {type: 'button', class: 'link node-link', dataset: {node: name}, onclick: () => onNode(name)}, name);
  }
  return h('code', {}, name);
}

// The expanded part of a row: resolved ports, then each finding with expected vs actual, hint and source.
export function renderDetail(r, {onNode, knownNodes, ruleHref} = {}) {
  const parts = [];
  if (r.variant) parts.push(h('p', {class: 'variant'}, 'Matched variant: ', h('code', {}, r.variant)));
  if (r.ports && r.ports.length) {
    parts.push(h('div', {class: 'ports-wrap'}, h('table', {class: 'ports'},
      h('caption', {}, 'Ports as the validator resolved them'),
      h('thead', {}, h('tr', {}, ['Port', 'From node', 'Datatype', 'Encoding', 'Quantization spec', 'Shares spec with'].map((c) => h('th', {scope: 'col'}, c)))),
      h('tbody', {}, r.ports.map((p) => h('tr', {},
        h('td', {}, h('code', {}, p.port || '')),
        h('td', {}, nodeLink(p.node, onNode, knownNodes)),
        h('td', {}, h('code', {}, p.dtype || '')),
        h('td', {}, h('code', {}, p.encoding || '')),
        h('td', {class: 'qspec'}, p.qspec || '—'),
        h('td', {}, p.shared_with ? nodeLink(p.shared_with, onNode, knownNodes) : '—')))))));
  }
  if (r.findings && r.findings.length) {
    parts.push(h('ul', {class: 'findings'}, r.findings.map((f) => h('li', {class: `finding sev-${String(f.severity).replace(/[^a-z]/g, '')}`},
      h('div', {class: 'finding-head'},
        h('span', {class: `sev sev-${String(f.severity).replace(/[^a-z]/g, '')}`}, f.severity || ''), ' ',
        ruleLink(f.rule, ruleHref), f.port ? [' on ', h('code', {}, f.port)] : ''),
      h('p', {class: 'message'}, f.message || ''),
      (f.expected || f.actual) ? h('dl', {class: 'expected-actual'},
        h('dt', {}, 'expected'), h('dd', {}, h('code', {}, f.expected || '—')),
        h('dt', {}, 'actual'), h('dd', {}, h('code', {}, f.actual || '—'))) : '',
      f.hint ? h('p', {class: 'hint'}, h('strong', {}, 'Fix: '), f.hint) : '',
      f.related_node ? h('p', {class: 'related'}, 'Related node: ', nodeLink(f.related_node, onNode, knownNodes)) : '',
      f.source ? h('p', {class: 'source'}, 'Source: ', linkSource(f.source), f.basis ? ` (${f.basis})` : '') : ''))));
  } else if (r.status === 'pass') {
    parts.push(h('p', {}, 'Every check holds.'));
  } else if (r.status === 'skipped') {
    parts.push(h('p', {}, 'This node carries no quantization annotation; nothing to check.'));
  }
  return h('div', {class: 'detail-body'}, parts);
}

// The first finding of a row and how many more there are; `r` is a full result or a table row
// ({first, more}, as the page's worker sends them).
export function findingsSummary(r, ruleHref) {
  const f = r.findings || [];
  const first = r.first !== undefined ? r.first : f[0];
  const more = r.more !== undefined ? r.more : Math.max(0, f.length - 1);
  if (!first) return '';
  return h('span', {class: 'fsum'}, ruleLink(first.rule, ruleHref), ' ', first.message || '',
    more > 0 ? h('span', {class: 'more'}, ` (+${fmt(more)} more)`) : '');
}

// One table row (plus its detail row when expanded). `onToggle(index)` is called by the disclosure button.
// `detail` is the full result to expand (default: r itself).
export function renderRow(r, index, {expanded, onToggle, onNode, knownNodes, selected, ruleHref, detail} = {}) {
  const detailId = `detail-${index}`;
  const row = h('tr', {class: `row st-${String(r.status).replace(/[^a-z_]/g, '')}${selected ? ' selected' : ''}`, dataset: {index: String(index), node: r.node, status: r.status}},
    h('th', {scope: 'row', class: 'c-node'},
      h('button', {type: 'button', class: 'disclose', 'aria-expanded': expanded ? 'true' : 'false', 'aria-controls': expanded ? detailId : null,
        title: r.node, onclick: () => onToggle && onToggle(index)}, h('span', {class: 'chev', 'aria-hidden': 'true'}, expanded ? '▾' : '▸'), ' ', h('span', {class: 'node-name'}, r.node))),
    h('td', {class: 'c-target'}, h('code', {}, r.target || '')),
    h('td', {class: 'c-qnn'}, r.qnn_op ? h('code', {}, r.qnn_op) : h('span', {class: 'muted'}, 'none')),
    h('td', {class: 'c-status'}, statusBadge(r.status)),
    h('td', {class: 'c-findings'}, findingsSummary(r, ruleHref)));
  if (!expanded) return [row];
  return [row, h('tr', {class: 'detail', id: detailId}, h('td', {colspan: '5'}, detail === null ? h('p', {class: 'muted'}, 'Loading…') : renderDetail(detail || r, {onNode, knownNodes, ruleHref})))];
}

export function tableHead() {
  return h('thead', {}, h('tr', {}, ['Node', 'Target', 'QNN op', 'Status', 'Findings'].map((c) => h('th', {scope: 'col'}, c))));
}

// The SoC comparison (every SoC of a backend, oldest arch first): `answer`, the oldest SoC that accepts
// every node (the nodes of one line, shown whether or not the table is unfolded); `note`, how many pass;
// `table`, a row per SoC. `current`: the SoC shown; `onChoose(model)`: show another.
export function socMatrix({backend, rows, current, onChoose}) {
  const sorted = [...rows].sort((a, b) => archOf(a.soc, backend) - archOf(b.soc, backend) || a.soc.model.localeCompare(b.soc.model));
  const passing = sorted.filter((r) => !r.error && r.failed === 0);
  const oldest = passing[0];
  const answer = oldest
    ? [h('strong', {class: 'oldest-soc', dataset: {soc: oldest.soc.model}}, socLabel(oldest.soc)), `, ${archLabel(backend, archOf(oldest.soc, backend))}`,
      oldest.not_validated ? ` (${fmt(oldest.not_validated)} not validated)` : '', '. ',
      oldest.soc.model === current ? h('span', {class: 'muted'}, 'That is the SoC shown.')
        : h('button', {type: 'button', class: 'link', onclick: () => onChoose(oldest.soc.model)}, `Show ${oldest.soc.model}`)]
    : [h('strong', {class: 'oldest-soc', dataset: {soc: ''}}, 'none'), `: no ${backend.toUpperCase()} SoC accepts every node of this graph.`];
  const table = h('div', {class: 'matrix-wrap'}, h('table', {class: 'matrix-table'},
    h('caption', {class: 'visually-hidden'}, 'Result per SoC, oldest first'),
    h('thead', {}, h('tr', {}, ['SoC', 'Arch', 'Verdict', 'Failed', 'Not validated', ''].map((c) => h('th', {scope: 'col'}, c)))),
    h('tbody', {}, sorted.map((r) => {
      const verdict = r.error ? 'error' : r.failed === 0 ? 'pass' : 'fail';
      return h('tr', {class: `m-${verdict}${r.soc.model === current ? ' current' : ''}${r === oldest ? ' oldest' : ''}`, dataset: {soc: r.soc.model, verdict}},
        h('th', {scope: 'row'}, socLabel(r.soc)),
        h('td', {}, archLabel(backend, archOf(r.soc, backend))),
        h('td', {}, h('span', {class: `badge st-${verdict === 'pass' ? 'pass' : 'fail'}`}, r.error ? 'input error' : verdict === 'pass' ? 'passes' : 'fails')),
        h('td', {class: 'num'}, r.error ? '—' : fmt(r.failed)),
        h('td', {class: 'num'}, r.error ? '—' : fmt(r.not_validated)),
        h('td', {}, r.soc.model === current ? h('span', {class: 'muted'}, 'shown above')
          : h('button', {type: 'button', class: 'link', onclick: () => onChoose(r.soc.model)}, `Show ${r.soc.model}`)));
    }))));
  return {answer, note: `${fmt(passing.length)} of ${fmt(sorted.length)} pass`, table};
}
