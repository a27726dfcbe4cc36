// Types for the CommonJS entry (wasm/qnnv.cjs).
import type * as Qnnv from './index.js';

/** The whole ES module, e.g. `const { QnnvError } = await require('qnnv').load()`. */
export function load(): Promise<typeof Qnnv>;
export function createValidator(options?: Qnnv.CreateOptions): Promise<Qnnv.Validator>;
export function runCommandLine(args: string[], host: Qnnv.CommandLineHost, options?: Qnnv.CreateOptions): Promise<0 | 1 | 2>;
