#!/usr/bin/env node
// qnnv command line over the WebAssembly build. Same interface, outputs and exit codes as the native
// CLI (core/cli/main.cpp): 0 no errors, 1 findings that are errors, 2 usage or input error.
import fs from 'node:fs';
import os from 'node:os';
import { createValidator, QnnvError } from './qnnv.mjs';

const EXIT_OK = 0;
const EXIT_FINDINGS = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

// An input error raised by the CLI itself (files), in the qnnv.error shape.
function inputError(code, message) {
  return new QnnvError({ format: 'qnnv.error', version: 1, error: { code, message } });
}

function parseArgs(argv) {
  const a = {
    command: '', positional: [], backend: '', soc: '', format: '', output: '', data: '', color: 'auto',
    strict: undefined, coverage: false,
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let inline;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      if (eq >= 0) {
        inline = arg.slice(eq + 1);
        arg = arg.slice(0, eq);
      }
    }
    const take = (flag) => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      return argv[++i];
    };
    if (arg === '--help' || arg === '-h') a.command = 'help';
    else if (arg === '--version' || arg === '-V') a.command = 'version';
    else if (arg === '--backend') a.backend = take(arg);
    else if (arg === '--soc') a.soc = take(arg);
    else if (arg === '--format') a.format = take(arg);
    else if (arg === '-o' || arg === '--output') a.output = take(arg);
    else if (arg === '--data') a.data = take(arg);
    else if (arg === '--color') a.color = take(arg);
    else if (arg === '--strict') a.strict = true;
    else if (arg === '--no-strict') a.strict = false;
    else if (arg === '--coverage') a.coverage = true;
    else if (arg === '--qnn-sdk') a.qnnSdk = take(arg);
    else if (arg.length > 1 && arg[0] === '-') throw new UsageError(`unknown option ${arg}`);
    else if (!a.command) a.command = arg;
    else a.positional.push(arg);
  }
  return a;
}

function strerror(e) {
  const name = e && e.code;
  if (name && os.constants.errno[name] !== undefined) {
    const text = {
      ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
      ENOTDIR: 'Not a directory', EMFILE: 'Too many open files', EROFS: 'Read-only file system',
    }[name];
    if (text) return text;
  }
  return e && e.message ? e.message : String(e);
}

function readInput(path) {
  try {
    return path === '-' ? fs.readFileSync(0) : fs.readFileSync(path);
  } catch (e) {
    throw inputError('io.read', `cannot read ${path}: ${strerror(e)}`);
  }
}

function writeOutput(a, text) {
  if (!a.output || a.output === '-') {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(a.output, text);
  } catch (e) {
    throw inputError('io.write', `cannot write ${a.output}: ${strerror(e)}`);
  }
}

// The data file option as validator options; errors in it are located in the data file.
function loadData(v, a) {
  if (!a.data) return {};
  const opts = { data: readInput(a.data), dataOrigin: a.data };
  try {
    v.backends(opts);
  } catch (e) {
    if (!(e instanceof QnnvError)) throw e;
    const error = { ...e.detail.error, message: `${a.data}: ${e.message}` };
    throw new QnnvError({ ...e.detail, error });
  }
  return opts;
}

function useColor(a) {
  if (a.color === 'always') return true;
  if (a.color === 'never') return false;
  if (a.color !== 'auto') throw new UsageError('--color takes auto, always or never');
  return !a.output && process.stdout.isTTY === true && !process.env.NO_COLOR;
}

function cmdValidate(v, a) {
  if (a.positional.length !== 1) throw new UsageError('validate takes one graph file (or - for standard input)');
  const format = a.format || 'text';
  if (!['text', 'json', 'sarif', 'junit'].includes(format)) {
    throw new UsageError('--format takes text, json, sarif or junit');
  }
  const color = format === 'text' && useColor(a);
  const data = loadData(v, a);
  const path = a.positional[0];
  const graph = readInput(path);
  const json = v.validateJson(graph, { backend: a.backend, soc: a.soc, strict: a.strict, qnnSdk: a.qnnSdk, ...data });
  const report = JSON.parse(json);
  let out;
  if (format === 'json') out = `${json}\n`;
  else if (format === 'sarif') out = `${v.toSarif(json, path === '-' ? 'stdin' : path)}\n`;
  else if (format === 'junit') out = v.toJUnit(json, path === '-' ? 'stdin' : path);
  else out = v.toText(json, { color });
  writeOutput(a, out);
  return report.ok === true ? EXIT_OK : EXIT_FINDINGS;
}

function cmdInfo(v, a) {
  const format = a.format || 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError('--format takes text or json here');
  const json = format === 'json';
  const data = loadData(v, a);
  let out;
  if (a.command === 'socs') {
    if (a.positional.length) throw new UsageError('socs takes no arguments');
    out = json ? v.socsJson(a.backend, data) : v.socsText(a.backend, data);
  } else if (a.command === 'ops') {
    if (a.positional.length) throw new UsageError('ops takes no arguments');
    if (a.coverage) out = json ? v.coverageJson(data) : v.coverageText(data);
    else out = json ? v.opsJson(a.backend, data) : v.opsText(a.backend, data);
  } else {
    if (a.positional.length !== 1) throw new UsageError('explain takes one QNN op or aten target');
    const opts = { backend: a.backend || 'htp', soc: a.soc || 'SM8750', ...data };
    out = json ? v.explainJson(a.positional[0], opts) : v.explainText(a.positional[0], opts);
  }
  if (out && !out.endsWith('\n')) out += '\n';
  writeOutput(a, out);
  return EXIT_OK;
}

function run(v, a) {
  if (a.command === 'version') {
    process.stdout.write(`qnnv ${v.version} (data ${v.dataVersion})\n`);
    return EXIT_OK;
  }
  if (a.command === 'validate') return cmdValidate(v, a);
  if (a.command === 'socs' || a.command === 'ops' || a.command === 'explain') return cmdInfo(v, a);
  throw new UsageError(`unknown command "${a.command}"`);
}

async function main(argv) {
  let file = 'qnnv';  // what located errors are prefixed with
  let v = null;
  try {
    const a = parseArgs(argv);
    if (a.command === 'validate' && a.positional.length === 1) {
      file = a.positional[0] === '-' ? '<stdin>' : a.positional[0];
    }
    v = await createValidator();
    if (!a.command || a.command === 'help') {
      (a.command ? process.stdout : process.stderr).write(v.usageText());
      return a.command ? EXIT_OK : EXIT_USAGE;
    }
    return run(v, a);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`qnnv: ${e.message}\n(run qnnv --help for usage)\n`);
      return EXIT_USAGE;
    }
    if (e instanceof QnnvError) {
      if (e.code === 'limit.memory') {
        process.stderr.write('qnnv: out of memory [limit.memory]\n');
        return EXIT_USAGE;
      }
      let line;
      try {
        v = v || (await createValidator());
        line = v.errorText(e, file);
      } catch (_) {
        line = `${file}: ${e.message} [${e.code}]`;
      }
      process.stderr.write(`${line}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`qnnv: internal error: ${e && e.message ? e.message : e}\n`);
    return EXIT_USAGE;
  }
}

// A reader that stops early (qnnv ... | head) closes the pipe: stop quietly, as the native CLI does.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
