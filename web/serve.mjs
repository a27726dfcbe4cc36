#!/usr/bin/env node
// qnnv web — a tiny static server for the page (node built-ins only), bound to 127.0.0.1.
//
//   node web/serve.mjs [--port 8080] [--wasm DIR]   serve web/ at /, and the JS API of DIR (default wasm/) at
//                                                   /wasm/: only the API's modules (DIR/qnnv.mjs and the
//                                                   DIR/*.mjs it imports), DIR/qnnv.d.ts and DIR/dist/**
//   node web/serve.mjs --build [OUT]                copy web/ + those wasm files + the vendored npm files into OUT
//                                                   (default web/dist), a self-contained static site for any host
//
// /vendor/ serves the few browser files the page takes from npm packages (VENDOR below), straight from
// node_modules when serving web/ itself, so that no copy can go stale; --build copies them into OUT/vendor/.
//
// As a module: `const {server, url} = await startServer({port: 0})` (tests use this with port 0).
import {createServer} from 'node:http';
import {createReadStream, promises as fs} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const WEB = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(WEB);

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.d.ts': 'text/plain; charset=utf-8',
};

function mimeOf(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

// Resolve a URL path inside `base`; null when it escapes (../) or is malformed.
function inside(base, rel) {
  let decoded;
  try { decoded = decodeURIComponent(rel); } catch { return null; }
  if (decoded.includes('\0')) return null;
  const full = path.resolve(base, '.' + path.posix.normalize('/' + decoded));
  return full === base || full.startsWith(base + path.sep) ? full : null;
}

// URL name under /vendor/ -> file in node_modules (installed by npm ci from package-lock.json).
export const VENDOR = {
  'dagre.esm.js': '@dagrejs/dagre/dist/dagre.esm.js',         // layered graph layout (the graph view)
  'dagre.LICENSE.txt': '@dagrejs/dagre/LICENSE',
  'dagre.esm.js.LEGAL.txt': '@dagrejs/dagre/dist/dagre.esm.js.LEGAL.txt',
};
const vendorFile = (rel) => (Object.hasOwn(VENDOR, rel) ? path.join(ROOT, 'node_modules', VENDOR[rel]) : null);

// The API's modules: qnnv.mjs and the modules of its folder it imports, read from their sources (so that
// a module split off the API is served and copied without a list here to keep up).
export async function apiModules(wasmDir) {
  const found = new Set();
  const todo = ['qnnv.mjs'];
  while (todo.length > 0) {
    const name = todo.pop();
    if (found.has(name)) continue;
    found.add(name);
    const src = await fs.readFile(path.join(wasmDir, name), 'utf8');
    for (const m of src.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'\.\/([\w-]+\.mjs)'/gm)) todo.push(m[1]);
  }
  return [...found].sort();
}

// The files of the wasm/ folder that the page needs (its sources and build files are not served).
function wasmFile(wasmDir, modules, rel) {
  if (!modules.includes(rel) && !/^(qnnv\.d\.ts|dist\/.+)$/.test(rel)) return null;
  return inside(wasmDir, rel);
}

export async function startServer({port = 0, host = '127.0.0.1', wasmDir = path.join(ROOT, 'wasm'), webDir = WEB, quiet = true} = {}) {
  wasmDir = path.resolve(wasmDir);
  webDir = path.resolve(webDir);
  const modules = await apiModules(wasmDir).catch(() => ['qnnv.mjs']);  // (no module yet: 404s, as before)
  const server = createServer(async (req, res) => {
    const send = (code, text) => { res.writeHead(code, {'content-type': 'text/plain; charset=utf-8'}); res.end(text); };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    const pathname = new URL(req.url, 'http://x').pathname;
    let file = pathname.startsWith('/wasm/') ? wasmFile(wasmDir, modules, pathname.slice('/wasm/'.length))
      : pathname.startsWith('/vendor/') && webDir === WEB ? vendorFile(pathname.slice('/vendor/'.length)) : inside(webDir, pathname.slice(1));
    if (!file) return send(400, 'bad path');
    try {
      let st = await fs.stat(file);
      if (st.isDirectory()) { file = path.join(file, 'index.html'); st = await fs.stat(file); }
      res.writeHead(200, {
        'content-type': mimeOf(file),
        'content-length': st.size,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
        // Examples may be fetched by other local pages (the #url= loader of another checkout, docs previews).
        'access-control-allow-origin': '*',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch {
      send(404, 'not found');
    }
    if (!quiet) console.log(req.method, pathname);
  });
  await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, host, resolve); });
  const addr = server.address();
  return {server, url: `http://${host}:${addr.port}`, close: () => new Promise((r) => server.close(r))};
}

export async function build(out, wasmDir = path.join(ROOT, 'wasm')) {
  out = path.resolve(out);
  await fs.rm(out, {recursive: true, force: true});
  await fs.mkdir(out, {recursive: true});
  for (const entry of await fs.readdir(WEB, {withFileTypes: true})) {
    const src = path.join(WEB, entry.name);
    if (src === out || entry.name === 'dist' || entry.name === 'vendor' || entry.name === 'serve.mjs') continue;
    await fs.cp(src, path.join(out, entry.name), {recursive: true});
  }
  await fs.mkdir(path.join(out, 'wasm'), {recursive: true});
  for (const name of await apiModules(wasmDir)) await fs.cp(path.join(wasmDir, name), path.join(out, 'wasm', name));
  await fs.cp(path.join(wasmDir, 'dist'), path.join(out, 'wasm', 'dist'), {recursive: true});
  await fs.mkdir(path.join(out, 'vendor'), {recursive: true});
  for (const rel of Object.keys(VENDOR)) await fs.cp(vendorFile(rel), path.join(out, 'vendor', rel));
  console.log(`static site written to ${out} (upload it as is; open index.html through any HTTP server)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] || '').href) {
  const args = process.argv.slice(2);
  const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] && !args[i + 1].startsWith('--') ? args[i + 1] : def; };
  const wasmDir = opt('--wasm', process.env.QNNV_WASM_DIR || path.join(ROOT, 'wasm'));
  if (args.includes('--build')) {
    await build(opt('--build', path.join(WEB, 'dist')), wasmDir);
  } else {
    try { await fs.access(path.join(wasmDir, 'dist')); } catch {
      console.warn(`warning: ${wasmDir}/dist not found; build the wasm module first (the wasm CMake preset)`);
    }
    const {url} = await startServer({port: Number(opt('--port', process.env.PORT || 8080)), wasmDir, quiet: !args.includes('--verbose')});
    console.log(`qnnv web: ${url}/  (Ctrl+C to stop)`);
  }
}
