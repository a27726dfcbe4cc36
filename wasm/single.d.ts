// Types for 'qnnv/single': the Emscripten factory of the single-file build (the .wasm inlined). Pass it to
// createValidator({ factory }) from 'qnnv'.
export interface QnnvWasmModule {
  HEAPU8: Uint8Array;
  [key: string]: unknown;
}
export default function createQnnvWasm(moduleArgs?: object): Promise<QnnvWasmModule>;
