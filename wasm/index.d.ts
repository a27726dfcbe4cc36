// Types for qnnv's JavaScript API (wasm/qnnv.mjs). The report shape is report-format v1.

export type Backend = 'htp' | 'lpai' | (string & {});
export type Status = 'pass' | 'fail' | 'not_validated' | 'skipped';
export type Severity = 'error' | 'warning' | 'info';

/** Anything a graph, a data file or a report may be given as. Bytes are read as UTF-8 by the core,
 *  which reports invalid UTF-8 with its line and column. Objects are JSON.stringify'd. */
export type JsonInput = string | Uint8Array | ArrayBuffer | ArrayBufferView | object;

export interface Finding {
  rule: string;
  severity: Severity;
  port?: string;
  message: string;
  expected?: string;
  actual?: string;
  hint?: string;
  source?: string;
  basis?: 'read' | 'inferred';
  related_node?: string;
  [key: string]: unknown;
}

export interface PortReport {
  port: string;
  node?: string;
  dtype?: string;
  encoding?: string;
  qspec?: string;
  shared_with?: string;
  [key: string]: unknown;
}

export interface NodeResult {
  node: string;
  target: string;
  qnn_op?: string;
  status: Status;
  variant?: string;
  findings?: Finding[];
  ports?: PortReport[];
  [key: string]: unknown;
}

export interface Report {
  format: 'qnnv.report';
  version: 1;
  tool: { name: 'qnnv'; version: string; data: string; [key: string]: unknown };
  target: {
    backend: string; soc_model: string; arch: string; strict: boolean;
    /** The QNN SDK version whose facts applied, and whether the option or the default chose it (absent when the data names none). */
    qnn_sdk?: string; qnn_sdk_from?: 'option' | 'default';
    [key: string]: unknown;
  };
  ok: boolean;
  summary: { nodes: number; checked: number; passed: number; failed: number; not_validated: number; skipped: number };
  results: NodeResult[];
  [key: string]: unknown;
}

/** Every error code qnnv gives (docs/errors.md; data.* for data files, input.* and internal.* from the JS API). */
export type ErrorCode =
  | 'data.bad-value'
  | 'data.duplicate'
  | 'data.format'
  | 'data.invalid'
  | 'data.limit-depth'
  | 'data.limit-size'
  | 'data.missing-field'
  | 'data.syntax'
  | 'data.type'
  | 'data.unknown-backend'
  | 'data.unknown-dtype'
  | 'data.unknown-encoding'
  | 'data.unknown-field'
  | 'data.unknown-id'
  | 'data.unknown-ref'
  | 'data.version'
  | 'data.version-mismatch'
  | 'engine.unsupported'
  | 'format.version'
  | 'format.wrong'
  | 'graph.dangling-ref'
  | 'graph.duplicate-arg'
  | 'graph.duplicate-node'
  | 'graph.forward-ref'
  | 'graph.missing'
  | 'graph.node-op'
  | 'graph.number'
  | 'graph.qspec-index'
  | 'graph.qspec-kind'
  | 'graph.type'
  | 'input.busy'
  | 'input.detached'
  | 'input.nul'
  | 'input.stream'
  | 'input.type'
  | 'input.unserializable'
  | 'internal.error'
  | 'internal.restarting'
  | 'internal.stream'
  | 'io.read'
  | 'io.write'
  | 'json.duplicate-key'
  | 'json.empty'
  | 'json.encoding'
  | 'json.syntax'
  | 'limit.args'
  | 'limit.depth'
  | 'limit.input-size'
  | 'limit.memory'
  | 'limit.nodes'
  | 'limit.qspecs'
  | 'limit.report-size'
  | 'limit.string'
  | 'limit.unit-size'
  | 'options.bad-qnn-sdk'
  | 'options.soc-backend'
  | 'options.unknown-backend'
  | 'options.unknown-op'
  | 'options.unknown-soc'
  | 'report.invalid';

/** The qnnv.error object (report-format v1). */
export interface ErrorObject {
  format: 'qnnv.error';
  version: 1;
  error: { code: ErrorCode; message: string; pointer?: string; line?: number; column?: number };
}

/** Every input error is thrown as a QnnvError; the validator stays usable afterwards. */
export class QnnvError extends Error {
  constructor(detail: ErrorObject);
  readonly name: 'QnnvError';
  /** Stable id, e.g. "json.syntax", "graph.dangling-ref", "options.unknown-soc", "limit.memory". */
  readonly code: ErrorCode;
  /** JSON pointer of the offending value, or "". */
  readonly pointer: string;
  /** 1-based; 0 = unknown. */
  readonly line: number;
  readonly column: number;
  /** The whole qnnv.error object. */
  readonly detail: ErrorObject;
}

export interface DataOptions {
  /** A qnnv.data file (text, bytes or object): its backends and SoCs replace the built-in ones. */
  data?: JsonInput;
  /** Name the data file is reported under (default "user data"). */
  dataOrigin?: string;
}

/** One change of a fix plan: which QuantDtype for which nodes, as a QuantRecipe rule. */
export interface FixChange {
  summary: string;
  rule: 'node_target' | 'regex';
  nodes: string[];
  module: string;
  modules: string[];
  target: string;
  quant_dtype: string;
  from_quant_dtype: string;
  granularity: 'PER_TENSOR' | 'PER_CHANNEL' | 'PER_BLOCK';
  fixes: string[];
  matched: number;
  faithful: boolean;
  simulation: string;
}

/** The fix plan ("qnnv.fix-plan" v1), checked on the re-annotated graph. */
export interface FixPlan {
  format: 'qnnv.fix-plan';
  version: 1;
  backend: string;
  soc_model: string;
  arch: string;
  failing_before: number;
  failing_after: number;
  verified: boolean;
  changes: FixChange[];
  unresolved: string[];
  notes: string[];
  /** Python to paste: QuantRecipe strategies. */
  snippet: string;
}

export interface ValidateOptions extends DataOptions {
  /** Default: the graph's hints, else "htp". */
  backend?: Backend;
  /** Default: the graph's hints, else "SM8750". */
  soc?: string;
  /** Default true: every finding is an error. false: findings are warnings. */
  strict?: boolean;
  /** QNN SDK version ("2.39") whose facts apply. Default: the newest the data knows (report target.qnn_sdk). */
  qnnSdk?: string;
}

/** A graph as a stream of chunks (bytes, or text as UTF-8). */
export type GraphChunk = Uint8Array | ArrayBuffer | ArrayBufferView | string;
export type GraphStream = AsyncIterable<GraphChunk> | Iterable<GraphChunk> | ReadableStream<GraphChunk>;

export interface ValidateStreamOptions extends ValidateOptions {
  /**
   * The graph's size in bytes, when known (a file's size): the heap buffer is then allocated once. Without it the
   * chunks are gathered in heap blocks and copied once into a buffer of the exact size (a slightly higher peak).
   */
  size?: number;
}

export interface ExplainOptions extends DataOptions {
  backend?: Backend;
  soc?: string;
}

/** One SoC of validateAllSocs(graph, {summaryOnly: true}). */
export interface SocSummary {
  soc_model: string;
  arch: string;
  ok: boolean;
  summary: Report['summary'];
}

export interface ValidateSocsOptions extends DataOptions {
  /** Default: the graph's hints, else "htp". */
  backend?: Backend;
  /** SoC models; omitted or empty = every SoC that has the backend. */
  socs?: string[];
  strict?: boolean;
  /** As ValidateOptions.qnnSdk. */
  qnnSdk?: string;
}

/** Where a constraint comes from. */
export interface Provenance {
  source: string;
  basis: 'read' | 'inferred';
  note?: string;
}

export interface SocInfo {
  model: string;
  id: number;
  name: string;
  htp_arch: number;
  vtcm_mb: number;
  lpai_version: number;
  /** The SoC's arch for the backend asked about, e.g. "v75". */
  arch?: string;
  [key: string]: unknown;
}

/** `qnnv socs --format json`. */
export interface SocsResult {
  format: 'qnnv.socs';
  version: 1;
  data_version: string;
  origin: string;
  backend: string;
  socs: SocInfo[];
  by_arch: Record<string, string[]>;
}

export interface OpRule {
  target: string;
  qnn_op: string | null;
  reason?: string;
  class?: string;
  input_order?: number[];
  [key: string]: unknown;
}

export interface PortConstraint {
  name: string;
  dtypes: string[];
  repeat?: boolean;
  optional?: boolean;
  constraints: Array<{
    encodings: string[];
    symmetric?: boolean;
    math_invariant?: boolean;
    scale?: number;
    offset?: number;
    axis?: number[];
    hint?: string;
    [key: string]: unknown;
  }>;
  [key: string]: unknown;
}

export interface OpInfo {
  name: string;
  has_data: boolean;
  description: string;
  variants: Array<{ name: string; inputs: PortConstraint[]; outputs: PortConstraint[]; [key: string]: unknown }>;
  targets: string[];
  [key: string]: unknown;
}

/** `qnnv ops --format json`. */
export interface OpsResult {
  format: 'qnnv.ops';
  version: 1;
  data_version: string;
  origin: string;
  backends: Record<string, { version: string; origin: string; complete: boolean; rules: OpRule[]; ops: OpInfo[]; [key: string]: unknown }>;
}

/** `qnnv ops --coverage --format json`. */
export interface CoverageResult {
  format: 'qnnv.coverage';
  version: 1;
  data_version: string;
  origin: string;
  socs: number;
  backends: Record<string, {
    version: string; origin: string; complete: boolean; ops: number; ops_named_by_rules: number;
    ops_without_data: string[]; [key: string]: unknown;
  }>;
}

/** `qnnv explain --format json`: the rule for a target (or the op), its variants on the SoC's arch, the SoC rules. */
export interface ExplainResult {
  format: 'qnnv.explain';
  version: 1;
  [key: string]: unknown;
}

export interface BackendInfo {
  name: string;
  version: string;
  complete: boolean;
  origin: string;
}

export interface CreateOptions extends DataOptions {
  /** Where the .wasm is (default: next to dist/qnnv_wasm.mjs, found through import.meta.url). */
  wasmUrl?: string | URL;
  /** The .wasm's bytes, when the caller already has them. */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** An already compiled module. */
  wasmModule?: WebAssembly.Module;
  /** Use the single-file build (the .wasm inlined in the .mjs). */
  single?: boolean;
  /** An Emscripten factory to use instead, e.g. the default export of 'qnnv/single'. */
  factory?: (moduleArgs?: object) => Promise<object>;
}

/** Model Explorer node-data overlay: {graphId: {results: {nodeId: {value, bgColor}}}}. */
export type ModelExplorerNodeData = Record<string, { results: Record<string, { value: Status; bgColor: string }> }>;

export interface Validator {
  /** qnnv tool version, e.g. "0.1.0". */
  readonly version: string;
  /** Version of the built-in constraint data. */
  readonly dataVersion: string;
  /** QNN SDK versions the built-in data knows, oldest first; the newest is the default of `qnnSdk`. */
  readonly qnnSdkVersions: string[];

  backends(opts?: DataOptions): BackendInfo[];
  socs(backend?: Backend, opts?: DataOptions): SocsResult;
  ops(backend?: Backend, opts?: DataOptions): OpsResult;
  coverage(opts?: DataOptions): CoverageResult;
  explain(op: string, opts?: ExplainOptions): ExplainResult;

  /** The core's exact JSON texts (what `qnnv socs|ops|explain --format json` print). */
  socsJson(backend?: Backend, opts?: DataOptions): string;
  opsJson(backend?: Backend, opts?: DataOptions): string;
  coverageJson(opts?: DataOptions): string;
  explainJson(op: string, opts?: ExplainOptions): string;

  /** The human-readable texts the CLI prints. */
  socsText(backend?: Backend, opts?: DataOptions): string;
  opsText(backend?: Backend, opts?: DataOptions): string;
  coverageText(opts?: DataOptions): string;
  explainText(op: string, opts?: ExplainOptions): string;
  /** The command-line usage text (`qnnv --help`), shared by the native and the Node CLI. */
  usageText(): string;

  /** Validates a graph; throws QnnvError for input errors. */
  validate(graph: JsonInput, opts?: ValidateOptions): Report;
  /** The same, as the report's exact JSON text (the native CLI prints this plus one "\n"). */
  validateJson(graph: JsonInput, opts?: ValidateOptions): string;
  /**
   * The report's JSON text in pieces (~1 MiB each): for...of or for await...of; the pieces joined equal
   * validateJson()'s text. For reports past V8's maximum string length (a 1M-node graph).
   */
  validateJsonChunks(graph: JsonInput, opts?: ValidateOptions): IterableIterator<string> & AsyncIterable<string>;
  /**
   * validateJsonChunks() for a graph read from a stream of byte chunks (a Node fs.ReadStream, a web
   * ReadableStream, an (async) iterable), each copied into the WebAssembly heap as it comes: no whole copy
   * of the graph is held in JavaScript. opts.size (the graph's bytes, when known) has the heap buffer
   * allocated once. Errors: input.type (not a stream), input.stream (a chunk that is not bytes or text, more
   * bytes than opts.size), io.read (the stream failed), limit.input-size (checked as bytes arrive),
   * input.busy (the validator is already reading a stream), and validateJsonChunks()'s own. The stream's data
   * file (opts.data) stays loaded until the stream is validated, whatever data files other calls load meanwhile.
   */
  validateJsonChunksFromStream(source: GraphStream, opts?: ValidateStreamOptions):
    Promise<IterableIterator<string> & AsyncIterable<string>>;
  /** Every SoC (or opts.socs) in one pass: one report per SoC, each identical to validate()'s with that SoC. */
  validateAllSocs(graph: JsonInput, opts?: ValidateSocsOptions & { summaryOnly?: false }): Report[];
  /** The same with summaryOnly: each SoC's target, verdict and summary only (a SoC matrix of a large graph). */
  validateAllSocs(graph: JsonInput, opts: ValidateSocsOptions & { summaryOnly: true }): SocSummary[];
  /** The fix plan for the nodes failing on the chosen SoC (options as validate's). */
  fixPlan(graph: JsonInput, opts?: ValidateOptions): FixPlan;
  /** The fix plan's exact JSON / text (what `qnnv fix-plan --format json|text` prints). */
  fixPlanJson(graph: JsonInput, opts?: ValidateOptions): string;
  fixPlanText(graph: JsonInput, opts?: ValidateOptions): string;

  toJson(report: Report | string, indent?: number): string;
  toText(report: Report | string, opts?: { color?: boolean }): string;
  toSarif(report: Report | string, artifactUri?: string): string;
  toJUnit(report: Report | string, suiteName?: string): string;
  toModelExplorerNodeData(report: Report | string, graphId?: string): ModelExplorerNodeData;

  /** The located one-line text of an error, as the CLI prints it. */
  errorText(error: QnnvError | ErrorObject, file?: string): string;
  /** WebAssembly heap: bytes allocated and the heap's size. */
  memory(): { used: number; heapSize: number };
}

export function createValidator(options?: CreateOptions): Promise<Validator>;

/** What the command line needs from its environment (wasm/cli.mjs gives Node's files and streams). */
export interface CommandLineHost {
  /** The file's bytes ("-" = standard input); throw {reason: "No such file or directory"} when unreadable. */
  readFile(path: string): Uint8Array;
  /** Names in a folder ("" = the current one); [] when it is not one. */
  listDir(dir: string): string[];
  /** Opens the output ("" = standard output). */
  openOutput(path: string): void;
  write(bytes: Uint8Array): void;
  /** "" when all went well, else the reason the output could not be written. */
  closeOutput(): string;
  writeStderr(bytes: Uint8Array): void;
  /** Standard output is a terminal (and NO_COLOR is unset): what --color auto means. */
  isTerminal(): boolean;
}

/** Runs the qnnv command line (the same as the native CLI); resolves to its exit status (0, 1 or 2). */
export function runCommandLine(args: string[], host: CommandLineHost, options?: CreateOptions): Promise<0 | 1 | 2>;
export function toModelExplorerNodeData(report: Report | string, graphId?: string): ModelExplorerNodeData;
export default createValidator;
