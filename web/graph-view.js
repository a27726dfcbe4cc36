// qnnv web — SVG drawings of graphs that the worker has laid out (dagre): the neighbourhood of one node and the
// overview by module. Colours come from style.css classes (st-*), so both themes apply; every name is text.
const NS = 'http://www.w3.org/2000/svg';

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}
const fit = (text, width) => { const max = Math.max(4, Math.floor((width - 12) / 7)); return text.length > max ? text.slice(0, max - 1) + '…' : text; };
const pathOf = (points, curve) => (curve && points.length === 3
  ? `M${points[0].map((v) => v.toFixed(1))} Q${points[1].map((v) => v.toFixed(1))} ${points[2].map((v) => v.toFixed(1))}`
  : points.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
const statusClass = (st) => `st-${String(st || 'none').replace(/[^a-z_]/g, '')}`;

// Marker ids are per drawing: two drawings on one page (one of them hidden) must not share them.
let drawings = 0;
function svgRoot(layout, label) {
  const w = Math.max(layout.width, 40), hgt = Math.max(layout.height, 40);
  const prefix = `g${++drawings}-`;
  const svg = s('svg', {class: 'graph-svg', viewBox: `0 0 ${w} ${hgt}`, width: w, height: hgt, role: 'group', 'aria-label': label},
    s('defs', {},
      ['data', 'shared', 'derived'].map((k) => s('marker', {id: `${prefix}arrow-${k}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse'},
        s('path', {d: 'M0,0 L10,5 L0,10 z', class: `arrow arrow-${k}`})))));
  svg.arrow = (kind) => `url(#${prefix}arrow-${kind})`;
  return svg;
}

// A node as a focusable button-like group: keyboard users reach it with Tab and move with Enter.
function activatable(g, action) {
  g.setAttribute('tabindex', '0');
  g.setAttribute('role', 'button');
  g.addEventListener('click', action);
  g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); action(); } });
  return g;
}

export function drawNeighbourhood(nb, {onNode} = {}) {
  const svg = svgRoot(nb, `Graph around ${nb.centre}`);
  const edges = s('g', {class: 'edges'});
  for (const e of nb.edges) {
    edges.append(s('g', {class: `edge edge-${e.kind}`, dataset: {from: e.from, to: e.to, kind: e.kind, label: e.label.label}},
      s('title', {}, `${e.from} → ${e.to}: ${e.label.full}`),
      s('path', {d: pathOf(e.points, e.curve), 'marker-end': svg.arrow(e.kind)}),
      e.label.label ? s('text', {x: e.lx, y: e.ly + 4, class: 'edge-label', 'text-anchor': 'middle'}, e.label.label) : ''));
  }
  const nodes = s('g', {class: 'nodes'});
  for (const n of nb.nodes) {
    const x = n.x - n.w / 2, y = n.y - n.h / 2;
    const sub = n.sub || n.op;
    const g = s('g', {class: `gnode ${statusClass(n.status)}${n.centre ? ' centre' : ''}`, dataset: {node: n.name, status: n.status}, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`},
      s('title', {}, `${n.name} — ${n.target || n.op} — ${n.status === 'none' ? 'not an operator' : n.status}${n.module ? ` — ${n.module}` : ''}`),
      s('rect', {width: n.w, height: n.h, rx: 6}),
      s('text', {x: n.w / 2, y: 16, 'text-anchor': 'middle', class: 'gname'}, fit(n.name, n.w)),
      s('text', {x: n.w / 2, y: 30, 'text-anchor': 'middle', class: 'gsub'}, fit(sub, n.w)));
    if (!n.centre && onNode) activatable(g, () => onNode(n.name));
    if (!n.centre) g.setAttribute('aria-label', `Move to ${n.name} (${n.status === 'none' ? 'not an operator' : n.status})`);
    nodes.append(g);
  }
  svg.append(edges, nodes);
  return svg;
}

export function drawModules(m, {onModule} = {}) {
  const svg = svgRoot(m, 'Modules of the graph');
  const edges = s('g', {class: 'edges'});
  for (const e of m.edges) edges.append(s('g', {class: 'edge edge-data'}, s('path', {d: pathOf(e.points), 'marker-end': svg.arrow('data')})));
  const nodes = s('g', {class: 'nodes'});
  for (const n of m.nodes) {
    const st = n.fail ? 'fail' : n.not_validated ? 'not_validated' : n.pass ? 'pass' : 'skipped';
    const x = n.x - n.w / 2, y = n.y - n.h / 2;
    const counts = n.summary;
    const g = s('g', {class: `gnode gmodule ${statusClass(st)}`, dataset: {module: n.module, status: st, fail: String(n.fail)}, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})`},
      s('title', {}, `${n.module}: ${n.nodes} operator nodes, ${n.fail} fail, ${n.not_validated} not validated, ${n.pass} pass`),
      s('rect', {width: n.w, height: n.h, rx: 6}),
      s('text', {x: n.w / 2, y: 16, 'text-anchor': 'middle', class: 'gname'}, fit(n.module, n.w)),
      s('text', {x: n.w / 2, y: 31, 'text-anchor': 'middle', class: 'gsub'}, counts));
    if (onModule) activatable(g, () => onModule(n));
    g.setAttribute('aria-label', `${n.module}: ${counts}`);
    nodes.append(g);
  }
  svg.append(edges, nodes);
  return svg;
}
