// The JS API on a big graph, its report streamed to a file (validateJsonChunks), for peak-memory figures:
//   /usr/bin/time -v node bench/wasm_stream.mjs GRAPH.json OUT.json [--bytes | --no-size]
// (docs/limits.md, "Big graphs through WebAssembly"; bench/README.md). The graph is read as a file stream
// (validateJsonChunksFromStream, with the file's size), so no whole copy of it is held in JavaScript; with
// --bytes it is read whole first and handed over as a Buffer (validateJsonChunks), the caller's copy alive
// during the call; with --no-size the stream is read without its size (as a web ReadableStream of unknown
// length is). Prints the bytes written and the WebAssembly heap's size.
import fs from 'node:fs';
import { createValidator } from '../wasm/qnnv.mjs';

const args = process.argv.slice(2);
const asBytes = args.includes('--bytes');
const noSize = args.includes('--no-size');
const [graphPath, outPath] = args.filter((a) => a !== '--bytes' && a !== '--no-size');
if (!graphPath || !outPath || (asBytes && noSize)) {
  process.stderr.write('usage: node bench/wasm_stream.mjs GRAPH.json OUT.json [--bytes | --no-size]\n');
  process.exit(2);
}
const v = await createValidator();
let pieces;
if (asBytes) {
  let bytes = fs.readFileSync(graphPath);
  pieces = v.validateJsonChunks(bytes);
  bytes = null;  // the graph is in the WebAssembly heap now (and freed there once loaded)
} else {
  const size = noSize ? undefined : fs.statSync(graphPath).size;
  pieces = await v.validateJsonChunksFromStream(fs.createReadStream(graphPath, { highWaterMark: 1 << 20 }), { size });
}
const fd = fs.openSync(outPath, 'w');
let written = 0;
let count = 0;
for (const piece of pieces) {
  written += fs.writeSync(fd, piece);
  count += 1;
}
fs.closeSync(fd);
const { used, heapSize } = v.memory();
process.stdout.write(`${written} bytes in ${count} pieces (${asBytes ? 'bytes' : noSize ? 'stream, no size' : 'stream'}); ` +
  `wasm heap ${heapSize} bytes (${used} in use after)\n`);
