#!/usr/bin/env node
// Benchmark (not a test): WebAssembly validate vs native validate vs V8's JSON.parse of the same text,
// on large graphs made by repeating the tiny decoder sample's layers.
//
//   node bench/wasm_bench.mjs [--sizes 10000,100000] [--runs 5] [--rounds 5] [--bench EXE] [--wasm-bench JS]
//                             [GRAPH.json ...]
//
// Graphs: the files given, else bench/gen_graph.py --nodes N when it exists, else makeGraph() below.
// Core timings: bench/bench_native.cpp built natively ($QNNV_BENCH, build/native/qnnv_bench) and to wasm
// ($QNNV_WASM_BENCH, build/wasm/qnnv_bench.js, run by node), each `qnnv_bench time FILE`. API timings:
// the ES module (wasm/qnnv.mjs) as a user calls it. --rounds N: the core timings N times, wasm and native
// interleaved, with the ratio of each round's medians.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = path.join(ROOT, 'tests/fixtures/tiny_decoder__16a4w_block.json');

// Every node name referenced inside a JSON value ({"node": N}, {"edge": [A, B]}, {"arg": N}) renamed.
function renameRefs(value, rename) {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, rename));
  if (value === null || typeof value !== 'object') return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'node' && typeof v === 'string') out[k] = rename(v);
    else if (k === 'arg' && typeof v === 'string') out[k] = rename(v);
    else if (k === 'edge' && Array.isArray(v)) out[k] = v.map((n) => (typeof n === 'string' ? rename(n) : n));
    else out[k] = renameRefs(v, rename);
  }
  return out;
}

function hasRefs(value) {
  if (Array.isArray(value)) return value.some(hasRefs);
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => k === 'node' || k === 'edge' || hasRefs(v));
}

/**
 * A qnnv.graph with at least `targetNodes` nodes: the sample's nodes repeated as independent copies
 * (copy k renames every node X to X__k and gets its own copies of the qspecs that name nodes). Only
 * the last copy keeps an output node.
 */
export function makeGraph(targetNodes, sample = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'))) {
  const qspecs = sample.qspecs ? [...sample.qspecs] : [];
  const body = sample.nodes.filter((n) => n.op !== 'output');
  const output = sample.nodes.find((n) => n.op === 'output');
  const copies = Math.max(1, Math.ceil((targetNodes - (output ? 1 : 0)) / body.length));
  const nodes = [];
  let renameLast = (n) => n;
  for (let k = 0; k < copies; k++) {
    const rename = k === 0 ? (n) => n : (n) => `${n}__${k}`;
    // qspec index remap for this copy: specs that name nodes are duplicated with renamed refs
    const remap = new Map();
    if (k > 0) {
      sample.qspecs?.forEach((q, i) => {
        if (hasRefs(q)) {
          remap.set(i, qspecs.length);
          qspecs.push(renameRefs(q, rename));
        }
      });
    }
    const mapSpec = (s) => (typeof s === 'number' && remap.has(s) ? remap.get(s) : s);
    for (const n of body) {
      const c = renameRefs(n, rename);
      c.name = rename(n.name);
      if (c.annotation) {
        const a = c.annotation;
        if (Array.isArray(a.input_qspec_map)) {
          a.input_qspec_map = a.input_qspec_map.map((e) => ({ ...e, qspec: mapSpec(e.qspec) }));
        }
        if ('output_qspec' in a) a.output_qspec = mapSpec(a.output_qspec);
      }
      nodes.push(c);
    }
    renameLast = rename;
  }
  if (output) {
    const o = renameRefs(output, renameLast);
    nodes.push(o);
  }
  return { ...sample, qspecs, nodes };
}

function graphText(nodes) {
  const gen = path.join(ROOT, 'bench/gen_graph.py');
  if (fs.existsSync(gen)) {
    const r = spawnSync('python3', [gen, '--nodes', String(nodes)], { maxBuffer: 1 << 30, encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return { text: r.stdout, source: 'gen_graph.py' };
    process.stderr.write(`bench/gen_graph.py failed (${r.status}): ${r.stderr.slice(0, 200)}; using makeGraph\n`);
  }
  return { text: JSON.stringify(makeGraph(nodes)), source: 'makeGraph' };
}

// Core timings from a qnnv_bench binary (native, or the wasm build run by node), in ms: validate = load +
// checks, validateJson = the same + compact report JSON; {median, min} each, NaN when absent.
const NONE = { median: NaN, min: NaN };
function benchTimes(file, opts, which) {
  const exe = which === 'wasm' ? opts.wasmBench : opts.bench;
  if (!exe) return { validate: NONE, validateJson: NONE, how: 'none (not built)' };
  const cmd = which === 'wasm' ? process.execPath : exe;
  const args = which === 'wasm' ? [exe, 'time', file, String(opts.coreRuns)] : ['time', file, String(opts.coreRuns)];
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status === 0) {
    const j = JSON.parse(r.stdout.trim().split('\n').pop());
    return {
      validate: { median: j.validate_ms, min: j.validate_min_ms },
      validateJson: { median: j.validate_plus_json_ms, min: j.validate_plus_json_min_ms },
      how: path.relative(ROOT, exe),
    };
  }
  process.stderr.write(`${exe} failed: ${r.stderr.slice(0, 200)}\n`);
  return { validate: NONE, validateJson: NONE, how: `${exe} failed` };
}

// Several rounds of benchTimes as one: the median of their medians, the minimum of their minima.
function combineRounds(rounds) {
  const pick = (key) => ({ median: median(rounds.map((r) => r[key].median)), min: Math.min(...rounds.map((r) => r[key].min)) });
  return { validate: pick('validate'), validateJson: pick('validateJson'), how: rounds[0].how };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// Times each function `runs` times in interleaved rounds (one call of each per round, so that load from
// elsewhere on the machine hits them alike): {median, min} per function, in ms.
function timeRounds(fns, runs) {
  const samples = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const t0 = process.hrtime.bigint();
      fn();
      samples[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return samples.map((xs) => ({ median: median(xs), min: Math.min(...xs) }));
}

function parseArgs(argv) {
  const existing = (...ps) => ps.filter(Boolean).map((p) => path.resolve(ROOT, p)).find((p) => fs.existsSync(p));
  const o = {
    sizes: [10000, 100000], runs: 7, coreRuns: 9, rounds: 1, files: [],
    bench: existing(process.env.QNNV_BENCH, 'build/native/qnnv_bench'),
    wasmBench: existing(process.env.QNNV_WASM_BENCH, 'build/wasm/qnnv_bench.js'),
  };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--sizes') o.sizes = argv[++i].split(',').map(Number);
    else if (argv[i] === '--runs') o.runs = Number(argv[++i]);
    else if (argv[i] === '--rounds') o.rounds = Number(argv[++i]);
    else if (argv[i] === '--bench') o.bench = path.resolve(argv[++i]);
    else if (argv[i] === '--wasm-bench') o.wasmBench = path.resolve(argv[++i]);
    else if (argv[i].startsWith('-')) throw new Error(`unknown argument ${argv[i]}`);
    else o.files.push(argv[i]);
  }
  return o;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { createValidator } = await import(pathToFileURL(path.join(ROOT, 'wasm/qnnv.mjs')).href);
  const v = await createValidator();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qnnv-bench-'));
  const inputs = opts.files.length
    ? opts.files.map((f) => ({ file: path.resolve(f), text: fs.readFileSync(f, 'utf8'), source: path.basename(f) }))
    : opts.sizes.map((n) => {
      const { text, source } = graphText(n);
      const file = path.join(tmp, `graph_${n}.json`);
      fs.writeFileSync(file, text);
      return { file, text, source };
    });
  const rows = [];
  const vopts = { soc: 'SM8750' };
  for (const { file, text, source } of inputs) {
    const bytes = new TextEncoder().encode(text);
    const nodes = JSON.parse(text).nodes.length;
    v.validate(bytes, vopts);  // warm-up: JIT, heap growth
    v.validateJson(bytes, vopts);
    const [parse, apiObject, apiText] = timeRounds(
      [() => JSON.parse(text), () => v.validate(bytes, vopts), () => v.validateJson(bytes, vopts)], opts.runs);
    // Core timings in --rounds interleaved rounds (wasm, native, wasm, native, ...): load from elsewhere
    // on the machine shifts both alike, and the per-round ratio wasm/native is the steadiest figure.
    const wasmRounds = [], nativeRounds = [];
    for (let i = 0; i < opts.rounds; i++) {
      wasmRounds.push(benchTimes(file, opts, 'wasm'));
      nativeRounds.push(benchTimes(file, opts, 'native'));
    }
    const wasm = combineRounds(wasmRounds), native = combineRounds(nativeRounds);
    const roundRatios = wasmRounds.map((w, i) => w.validate.median / nativeRounds[i].validate.median);
    rows.push({ nodes, mb: bytes.length / 1e6, source, parse, apiObject, apiText, wasm, native, roundRatios });
  }
  fs.rmSync(tmp, { recursive: true, force: true });

  const f = (x, w = 9) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a').padStart(w);
  const r2 = (x, w = 9) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a').padStart(w);
  console.log(`qnnv ${v.version}, node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}; ${opts.runs} (API) / ${opts.coreRuns} (core) interleaved runs, ms`);
  console.log(`core: wasm ${rows[0]?.wasm.how ?? '-'}, native ${rows[0]?.native.how ?? '-'}`);
  for (const stat of ['min', 'median']) {
    console.log(`-- ${stat} --`);
    console.log('   nodes      MB JSON.parse |  core: wasm   native  w/n   wasm/parse | +json: wasm   native  w/n | API: validate()  /parse  validateJson  /parse');
    for (const r of rows) {
      const parse = r.parse[stat], wasm = r.wasm.validate[stat], native = r.native.validate[stat];
      const wasmJson = r.wasm.validateJson[stat], nativeJson = r.native.validateJson[stat];
      const apiObject = r.apiObject[stat], apiText = r.apiText[stat];
      console.log(`${String(r.nodes).padStart(8)} ${r.mb.toFixed(2).padStart(7)} ${f(parse, 10)} |`
        + ` ${f(wasm, 11)} ${f(native, 8)} ${r2(wasm / native, 4)} ${r2(wasm / parse, 12)} |`
        + ` ${f(wasmJson, 11)} ${f(nativeJson, 8)} ${r2(wasmJson / nativeJson, 4)} |`
        + ` ${f(apiObject, 15)} ${r2(apiObject / parse, 7)} ${f(apiText, 13)} ${r2(apiText / parse, 7)}`);
    }
  }
  if (opts.rounds > 1) {
    console.log(`-- core wasm/native per round (${opts.rounds} interleaved rounds of ${opts.coreRuns} runs; medians) --`);
    for (const r of rows) {
      const ratios = r.roundRatios.map((x) => x.toFixed(2)).join(' ');
      console.log(`${String(r.nodes).padStart(8)}  median ${median(r.roundRatios).toFixed(2)}  min ${Math.min(...r.roundRatios).toFixed(2)}  (${ratios})`);
    }
  }
  console.log('core = qnnv::validate (load + checks) in one process, the same C++ built natively and to wasm;');
  console.log('+json = the same plus the compact report JSON; API validate() = createValidator().validate(bytes):');
  console.log('copy in, validate, compact JSON, JSON.parse into an object; validateJson = the indent-2 text as a string.');
  console.log('Targets (issue #4): wasm <= 2x native; wasm validate <= 1.5x JSON.parse.');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
