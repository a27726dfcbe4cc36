#!/usr/bin/env node
// Generates docs/rules.md, web/rules.html, web/rules-data.js and core/src/rule_catalog.inc (the rule texts that
// SARIF carries) from docs/rules.src.md, so that the rule reference of the docs, of the page and of the CI
// outputs cannot drift apart.
//
//   node scripts/gen_rules.mjs          write the three files
//   node scripts/gen_rules.mjs --check  exit 1 (naming the files) when any of them differs from what it would write
//
// Source links: a "Sources:" entry that is a key of the "sources" map of core/data/*.json is replaced by that
// source ("owner/repo@commit path") and linked to the file at that commit on GitHub; "owner/repo PR #N" and
// "owner/repo#N" link to the pull request or issue. Anything else stays plain text.
import {readFileSync, writeFileSync, readdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {sourceUrl} from '../web/render.js';  // the page links finding sources the same way

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = 'docs/rules.src.md';
const OUT_MD = 'docs/rules.md';
const OUT_HTML = 'web/rules.html';
const OUT_JS = 'web/rules-data.js';
const OUT_CPP = 'core/src/rule_catalog.inc';
const PARTS = ['Requires', 'Why', 'Fix', 'Example'];

// ---------- sources ----------
export function loadSources(root = ROOT) {
  const dir = path.join(root, 'core', 'data');
  const out = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
    const d = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
    for (const [k, v] of Object.entries(d.sources || {})) if (!(k in out)) out[k] = v;
  }
  return out;
}

function resolveSource(entry, sources) {
  const text = sources[entry] ? sources[entry] : entry;
  return {key: sources[entry] ? entry : '', text, url: sourceUrl(text)};
}

// ---------- parsing the source ----------
export function parse(text) {
  const begin = text.indexOf('<!-- rules begin -->');
  const end = text.indexOf('<!-- rules end -->');
  if (begin < 0 || end < begin) throw new Error(`${SRC}: the "rules begin" / "rules end" markers are missing`);
  const prefix = text.slice(0, begin).replace(/^<!--[\s\S]*?-->\n/, '');
  const suffix = text.slice(end + '<!-- rules end -->'.length).replace(/^\n+/, '');
  const body = text.slice(begin + '<!-- rules begin -->'.length, end);
  const lineOf = (offset) => text.slice(0, begin + '<!-- rules begin -->'.length + offset).split('\n').length;
  const rules = [];
  const re = /^## `([^`]+)`\n/gm;
  const heads = [...body.matchAll(re)];
  heads.forEach((m, i) => {
    const chunk = body.slice(m.index + m[0].length, i + 1 < heads.length ? heads[i + 1].index : body.length);
    const where = `${SRC}:${lineOf(m.index)}`;
    const rule = {id: m[1]};
    const fields = /^(Status|Meaning|Sources): (.*)$/gm;
    for (const f of chunk.split(/^### /m)[0].matchAll(fields)) rule[f[1].toLowerCase()] = f[2].trim();
    for (const k of ['status', 'meaning', 'sources']) if (!rule[k]) throw new Error(`${where}: rule ${rule.id} has no "${k[0].toUpperCase()}${k.slice(1)}:" line`);
    for (const part of chunk.split(/^### /m).slice(1)) {
      const nl = part.indexOf('\n');
      const name = part.slice(0, nl).trim();
      if (!PARTS.includes(name)) throw new Error(`${where}: rule ${rule.id} has an unknown subsection "### ${name}" (expected ${PARTS.join(', ')})`);
      rule[name.toLowerCase()] = part.slice(nl + 1).trim();
    }
    for (const p of PARTS) if (!rule[p.toLowerCase()]) throw new Error(`${where}: rule ${rule.id} has no "### ${p}" subsection`);
    if (rules.some((r) => r.id === rule.id)) throw new Error(`${where}: rule ${rule.id} appears twice`);
    rules.push(rule);
  });
  if (!rules.length) throw new Error(`${SRC}: no rule sections between the markers`);
  return {prefix, suffix, rules};
}

// ---------- markdown (the subset the source uses) to HTML ----------
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
function inline(s) {
  const parts = s.split(/(`[^`]*`)/);
  return parts.map((p, i) => {
    if (i % 2) return `<code>${esc(p.slice(1, -1))}</code>`;
    return esc(p).replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, t, u) => `<a href="${/^https?:/.test(u) ? u : u.replace(/\.md$/, '.md')}">${t}</a>`);
  }).join('');
}
export function mdToHtml(md) {
  const out = [];
  const blocks = md.replace(/\r/g, '').split(/\n{2,}/);
  for (const raw of blocks) {
    const b = raw.trim();
    if (!b) continue;
    let m;
    if ((m = /^(#{1,4}) (.*)$/.exec(b)) && !b.includes('\n')) { const n = m[1].length; out.push(`<h${n}>${inline(m[2])}</h${n}>`); continue; }
    const lines = b.split('\n');
    const list = (re, tag) => {
      const items = [];
      for (const l of lines) { if (re.test(l)) items.push(l.replace(re, '')); else items[items.length - 1] += ' ' + l.trim(); }
      return `<${tag}>${items.map((x) => `<li>${inline(x)}</li>`).join('')}</${tag}>`;
    };
    if (/^- /.test(lines[0])) { out.push(list(/^- /, 'ul')); continue; }
    if (/^\d+\. /.test(lines[0])) { out.push(list(/^\d+\. /, 'ol')); continue; }
    if (/^#{1,4} /.test(lines[0])) { out.push(mdToHtml(lines[0]), mdToHtml(lines.slice(1).join('\n'))); continue; }
    out.push(`<p>${inline(lines.join(' '))}</p>`);
  }
  return out.join('\n');
}

// ---------- outputs ----------
const mdSource = (s) => (s.url ? `[${s.text}](${s.url})` : s.text) + (s.key ? ` (\`${s.key}\`)` : '');

export function renderMarkdown({prefix, suffix, rules}, sources) {
  const lines = [`<!-- Generated from ${SRC} by scripts/gen_rules.mjs: edit that file, not this one. -->`, prefix.trimEnd(), '',
    '| rule | status | meaning |', '|---|---|---|'];
  for (const r of rules) lines.push(`| [\`${r.id}\`](#${r.id}) | ${r.status} | ${r.meaning} |`);
  lines.push('');
  for (const r of rules) {
    // The explicit anchor is the rule id itself: SARIF's helpUri links to docs/rules.md#<id>.
    lines.push(`<a id="${r.id}"></a>`, '', `### \`${r.id}\``, '', `*${r.status}*: ${r.meaning}.`, '');
    for (const p of PARTS) lines.push(`**${p}.** ${r[p.toLowerCase()].replace(/\n/g, ' ')}`, '');
    lines.push(`**Sources:** ${splitSources(r.sources).map((s) => mdSource(resolveSource(s, sources))).join('; ')}`, '');
  }
  lines.push(suffix.trimEnd(), '');
  return lines.join('\n');
}
const splitSources = (s) => s.split(/,\s*/).map((x) => x.trim()).filter(Boolean);

export function ruleData({rules}, sources) {
  const out = {};
  for (const r of rules) {
    out[r.id] = {status: r.status, meaning: r.meaning, requires: r.requires, why: r.why, fix: r.fix, example: r.example,
      sources: splitSources(r.sources).map((s) => resolveSource(s, sources))};
  }
  return out;
}

export function renderJs(parsed, sources) {
  const src = Object.fromEntries(Object.entries(sources).map(([k, v]) => [k, {text: v, url: sourceUrl(v)}]));
  return `// Generated from ${SRC} by scripts/gen_rules.mjs: edit that file, not this one.\n` +
    `// RULES: rule id -> {status, meaning, requires, why, fix, example, sources: [{key, text, url}]}.\n` +
    `// SOURCES: data source key (core/data/*.json "sources") -> {text, url}.\n` +
    `export const RULES = ${JSON.stringify(ruleData(parsed, sources), null, 1)};\n` +
    `export const SOURCES = ${JSON.stringify(src, null, 1)};\n`;
}

// The C++ rule catalog (core/src/rule_catalog.cpp includes it): one RuleInfo initializer per rule, in the
// page's order. JSON string literals are valid C++ string literals for this text (no trigraphs in C++17).
const TAGS = {fail: 'correctness', not_validated: 'not-validated coverage', warning: 'accuracy'};
// The status's tag and the id's family, once each (accuracy.* warnings would say "accuracy" twice; SARIF
// tags must be unique).
const tags = (r) => [...new Set([...(TAGS[r.status] || r.status).split(' '), r.id.split('.')[0]])].join(' ');
export function renderCpp({rules}) {
  const lit = (s) => JSON.stringify(s.replace(/\n/g, ' '));
  const title = (r) => r.meaning.charAt(0).toUpperCase() + r.meaning.slice(1);
  const rows = rules.map((r) => `{${lit(r.id)},\n ${lit(title(r))},\n ${lit(`${r.requires} ${r.why}`)},\n ${lit(r.fix)},\n ` +
    `${lit(tags(r))}},`);
  return `// Generated from ${SRC} by scripts/gen_rules.mjs: edit that file, not this one.\n` +
    `// {id, title, description, fix, tags} per rule id, in the rules page's order.\n${rows.join('\n')}\n`;
}

export function renderHtml(parsed, sources) {
  const {prefix, suffix, rules} = parsed;
  const intro = prefix.replace(/^# Rules\n/, '');
  const srcHtml = (s) => (s.url ? `<a href="${esc(s.url)}" rel="noopener noreferrer">${esc(s.text)}</a>` : esc(s.text)) + (s.key ? ` <span class="muted">(${esc(s.key)})</span>` : '');
  const sections = rules.map((r) => [
    `<section class="rule-section" id="${esc(r.id)}">`,
    `<h3><a class="self" href="#${esc(r.id)}"><code>${esc(r.id)}</code></a> <span class="badge st-${r.status === 'fail' ? 'fail' : 'not_validated'}">${esc(r.status.replace('_', ' '))}</span></h3>`,
    `<p class="meaning">${inline(r.meaning)}.</p>`,
    '<dl class="rule-parts">',
    ...PARTS.map((p) => `<dt>${p === 'Fix' ? 'How to fix (ExecuTorch)' : p === 'Requires' ? 'What QNN requires' : p}</dt><dd>${mdToHtml(r[p.toLowerCase()])}</dd>`),
    `<dt>Sources</dt><dd><ul class="sources">${splitSources(r.sources).map((s) => `<li>${srcHtml(resolveSource(s, sources))}</li>`).join('')}</ul></dd>`,
    '</dl>', '</section>'].join('\n'));
  return `<!doctype html>
<!-- Generated from ${SRC} by scripts/gen_rules.mjs: edit that file, not this one. -->
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>qnnv rules — what each finding means and how to fix it</title>
<link rel="icon" href="favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="style.css">
</head>
<body class="doc">
<header class="top"><div class="brand"><h1><a href="index.html">qnnv</a> rules</h1>
<p class="tagline">Every rule id a qnnv report can carry: what QNN requires and why, how to fix it in ExecuTorch, an example, and where the constraint comes from.</p></div></header>
<main id="main" class="doc-main">
<nav class="toc" aria-label="Rules"><ul>${rules.map((r) => `<li><a href="#${esc(r.id)}"><code>${esc(r.id)}</code></a></li>`).join('')}</ul></nav>
${mdToHtml(intro)}
${sections.join('\n')}
${mdToHtml(suffix)}
</main>
<footer class="foot"><a href="index.html">Back to the validator</a></footer>
</body>
</html>
`;
}

export function generate(root = ROOT) {
  const parsed = parse(readFileSync(path.join(root, SRC), 'utf8'));
  const sources = loadSources(root);
  return {[OUT_MD]: renderMarkdown(parsed, sources), [OUT_HTML]: renderHtml(parsed, sources), [OUT_JS]: renderJs(parsed, sources),
    [OUT_CPP]: renderCpp(parsed)};
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = generate();
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(ROOT, rel);
    let old = null;
    try { old = readFileSync(full, 'utf8'); } catch { /* missing */ }
    if (old === text) continue;
    if (check) stale.push(rel); else { writeFileSync(full, text); console.log(`wrote ${rel}`); }
  }
  if (stale.length) {
    console.error(`stale (regenerate with node scripts/gen_rules.mjs): ${stale.join(', ')}`);
    process.exit(1);
  }
}
