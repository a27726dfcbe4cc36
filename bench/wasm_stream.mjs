// The JS API on a big graph, its report streamed to a file (validateJsonChunks), for peak-memory figures:
//   /usr/bin/time -v node bench/wasm_stream.mjs GRAPH.json OUT.json
// (docs/limits.md, "Big graphs through WebAssembly"). Prints the summary and the bytes written.
import fs from 'node:fs';
import { createValidator } from '../wasm/qnnv.mjs';

const [graphPath, outPath] = process.argv.slice(2);
if (!graphPath || !outPath) {
  process.stderr.write('usage: node bench/wasm_stream.mjs GRAPH.json OUT.json\n');
  process.exit(2);
}
const v = await createValidator();
let bytes = fs.readFileSync(graphPath);
const pieces = v.validateJsonChunks(bytes);
bytes = null;  // the graph is in the WebAssembly heap now (and freed there once loaded)
const fd = fs.openSync(outPath, 'w');
let written = 0;
let count = 0;
for (const piece of pieces) {
  written += fs.writeSync(fd, piece);
  count += 1;
}
fs.closeSync(fd);
const { used, heapSize } = v.memory();
process.stdout.write(`${written} bytes in ${count} pieces; wasm heap ${heapSize} bytes (${used} in use after)\n`);
