// What the API accepts (wasm/qnnv.mjs): each argument checked and converted before anything reaches the
// WebAssembly module, or refused with a QnnvError that names it (input.type, input.nul, input.detached,
// input.unserializable, input.stream).
import { makeError } from './errors.mjs';

const encoder = new TextEncoder();

// The strict option as qnnv_validate's tri-state argument (bindings.cpp: unset, false, true).
const STRICT_UNSET = -1;
const STRICT_OFF = 0;
const STRICT_ON = 1;
export function strictArg(opts) {
  if (opts.strict === undefined || opts.strict === null) return STRICT_UNSET;
  if (typeof opts.strict !== 'boolean') throw makeError('input.type', 'option "strict" must be a boolean');
  return opts.strict ? STRICT_ON : STRICT_OFF;
}

export function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

// Whether an ArrayBuffer has been detached (transferred to a worker, or structuredClone'd with transfer):
// its bytes are gone, and a view of it reads as empty, which must not validate as an empty graph.
function isDetached(buffer) {
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  try {
    new Uint8Array(buffer);  // eslint-disable-line no-new
    return false;
  } catch (_) {
    return true;
  }
}

// Input bytes. `maxBytes` (the core's Limits::max_input_bytes, when known) is checked on the size first,
// before any copy or encoding: a 1.1 GiB input is refused at once, not after it was placed in the heap.
export function asBytes(input, what, maxBytes = Infinity, tooBig = null) {
  const check = (size) => {
    if (size > maxBytes) throw tooBig(size);
  };
  if (typeof input === 'string') {
    check(input.length);  // a UTF-16 unit is at least one UTF-8 byte
    const bytes = encoder.encode(input);
    check(bytes.length);
    return bytes;
  }
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer) ||
      ArrayBuffer.isView(input)) {
    const buffer = ArrayBuffer.isView(input) ? input.buffer : input;
    if (buffer instanceof ArrayBuffer && isDetached(buffer)) {
      throw makeError('input.detached', `the ${what} is a detached ArrayBuffer (its bytes were transferred elsewhere)`);
    }
    check(input.byteLength);
    if (input instanceof Uint8Array) return input;
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    return new Uint8Array(input);
  }
  if (input !== null && typeof input === 'object') {
    let text;
    try {
      text = JSON.stringify(input);
    } catch (e) {
      throw makeError('input.unserializable', `the ${what} object cannot be written as JSON: ${e.message}`);
    }
    if (typeof text !== 'string') throw makeError('input.unserializable', `the ${what} object cannot be written as JSON`);
    return asBytes(text, what, maxBytes, tooBig);
  }
  throw makeError('input.type',
    `the ${what} must be JSON text, bytes (Uint8Array/ArrayBuffer) or a parsed object; got ${typeName(input)}`);
}

// The chunks of a graph stream, as an async iterator: an async iterable, a web ReadableStream without async
// iteration (older browsers), or a sync iterable of chunks. Bytes and strings themselves are not streams.
export function chunkIterator(source) {
  const notStream = typeof source === 'string' || source instanceof ArrayBuffer || ArrayBuffer.isView(source);
  if (!notStream && source !== null && typeof source === 'object') {
    if (typeof source[Symbol.asyncIterator] === 'function') return source[Symbol.asyncIterator]();
    if (typeof source.getReader === 'function') {
      const reader = source.getReader();
      return { next: () => reader.read(), return: async () => { await reader.cancel(); return { done: true }; } };
    }
    if (typeof source[Symbol.iterator] === 'function') {
      const it = source[Symbol.iterator]();
      return { next: async () => it.next(), return: async () => (typeof it.return === 'function' ? it.return() : { done: true }) };
    }
  }
  throw makeError('input.type', `the graph stream must be an async iterable, a ReadableStream or an iterable of byte ` +
    `chunks; got ${typeName(source)} (validateJsonChunks takes bytes and text)`);
}

// One chunk of a graph stream as bytes (a view, not a copy; a string is UTF-8 encoded).
export function chunkBytes(chunk) {
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (chunk instanceof Uint8Array) return chunk;
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw makeError('input.stream', `a chunk of the graph stream must be bytes (Uint8Array, ArrayBuffer) or text; got ${typeName(chunk)}`);
}

// An options argument: omitted, or an object (null and other values are an input.type error, not a
// TypeError from reading a property of them).
export function optionsObject(opts, what = 'options') {
  if (opts === undefined) return {};
  if (opts === null || typeof opts !== 'object' || Array.isArray(opts)) {
    throw makeError('input.type', `the ${what} must be an object; got ${typeName(opts)}`);
  }
  return opts;
}

export function reportText(report) {
  if (typeof report === 'string') return report;
  if (report instanceof ArrayBuffer || ArrayBuffer.isView(report)) return report;
  if (report !== null && typeof report === 'object') return JSON.stringify(report);
  throw makeError('input.type', 'the report must be a qnnv.report object or its JSON text');
}

export function optString(value, name) {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw makeError('input.type', `option "${name}" must be a string; got ${typeName(value)}`);
  // The core takes C strings: a NUL would cut the value ("SM8650\0x" would be read as SM8650).
  if (value.includes('\u0000')) throw makeError('input.nul', `option "${name}" contains a NUL character`);
  return value;
}
