#!/usr/bin/env node
// qnnv command line over the WebAssembly build. The command line itself (commands, flags, defaults, usage
// text, usage errors, outputs, exit codes) is the core's (core/src/cli.cpp), the same as the native CLI's;
// this file only gives it files and streams.
import fs from 'node:fs';
import { runCommandLine } from './qnnv.mjs';

// The C library's wording for the errors a CLI meets, so that both CLIs print the same line.
const REASONS = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory', EMFILE: 'Too many open files', EROFS: 'Read-only file system', ENOSPC: 'No space left on device',
};
const reason = (e) => REASONS[e && e.code] || (e && e.message) || String(e);

let out = null;  // the open output: {fd} for a file, null for stdout
let outError = '';

const host = {
  readFile(path) {
    try {
      return path === '-' ? fs.readFileSync(0) : fs.readFileSync(path);
    } catch (e) {
      throw { reason: reason(e) };  // eslint-disable-line no-throw-literal -- read by bindings.cpp
    }
  },
  listDir(dir) {
    try {
      return fs.readdirSync(dir === '' ? '.' : dir);
    } catch (_) {
      return [];
    }
  },
  openOutput(path) {
    outError = '';
    out = null;
    if (path === '') return;
    try {
      out = { fd: fs.openSync(path, 'w') };
    } catch (e) {
      outError = reason(e);
      out = { fd: -1 };
    }
  },
  write(bytes) {
    if (out === null) {
      process.stdout.write(bytes);
      return;
    }
    if (outError) return;
    try {
      fs.writeSync(out.fd, bytes);
    } catch (e) {
      outError = reason(e);
    }
  },
  closeOutput() {
    if (out !== null && out.fd >= 0) {
      try {
        fs.closeSync(out.fd);
      } catch (e) {
        outError = outError || reason(e);
      }
    }
    out = null;
    return outError;
  },
  writeStderr(bytes) {
    process.stderr.write(bytes);
  },
  isTerminal() {
    return process.stdout.isTTY === true && !process.env.NO_COLOR;
  },
};

// A reader that stops early (qnnv ... | head) closes the pipe: stop quietly, as the native CLI does.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

runCommandLine(process.argv.slice(2), host).then((code) => { process.exitCode = code; });
