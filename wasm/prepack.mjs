// npm's prepack step for wasm/ (not shipped): refuses to pack an unbuilt or stale dist/ (a package without
// its module fails only when used), and puts the repository's LICENSE into the package.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const DIST = ['dist/qnnv_wasm.mjs', 'dist/qnnv_wasm.wasm', 'dist/qnnv_wasm_single.mjs'];

function newest(dir, test) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, test));
    else if (test(p)) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

const problems = [];
for (const f of DIST) {
  if (!fs.existsSync(path.join(HERE, f))) problems.push(`${f} is missing`);
}
if (problems.length === 0) {
  // The module is built from the core's sources, its data and the bindings: any of them newer than dist/
  // means the package would ship an old engine. (The build copies its outputs into dist/ at every link.)
  const sources = Math.max(
    ...['src', 'include', 'data'].map((d) => newest(path.join(ROOT, 'core', d), (p) => /\.(cpp|h|json)$/.test(p))),
    fs.statSync(path.join(HERE, 'bindings.cpp')).mtimeMs);
  for (const f of DIST) {
    if (fs.statSync(path.join(HERE, f)).mtimeMs < sources) problems.push(`${f} is older than the sources`);
  }
}
if (problems.length) {
  console.error(`qnnv prepack: ${problems.join('; ')}: build it first (scripts/build.sh wasm)`);
  process.exit(1);
}
fs.copyFileSync(path.join(ROOT, 'LICENSE'), path.join(HERE, 'LICENSE'));
